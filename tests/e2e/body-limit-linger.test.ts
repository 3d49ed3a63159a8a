/**
 * A body over KG_MAX_BODY_BYTES from a client that writes the whole body before it reads (Python's
 * urllib, many SDKs) must still receive the 413 (issue 11, item 15), not a reset connection. The
 * server reads and discards a bounded amount after answering, as nginx's lingering close does.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { securityConfig } from "../../src/security/config.ts";
import { testDb } from "../support/db.ts";

const LIMIT = 1024 * 1024;

/** Write a whole request (headers and body) first, then read what comes back; like urllib. */
function writeAllThenRead(url: string, head: string, body: Buffer): Promise<{ response: string; error?: string }> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) });
    let response = "";
    let writeError: string | undefined;
    s.on("data", (d) => (response += d.toString("latin1")));
    s.on("error", (e) => (writeError ??= (e as NodeJS.ErrnoException).code ?? e.message));
    s.on("close", () => resolve({ response, error: writeError }));
    s.on("connect", () => {
      // Read nothing until the whole request is written, as a blocking client does.
      s.pause();
      s.write(head);
      s.write(body, () => {
        s.resume();
        setTimeout(() => s.destroy(), 15_000).unref();
      });
    });
  });
}

describe("a body over the limit, written in full before reading", () => {
  const db = testDb();
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen({
      db,
      log: pino({ level: "silent" }),
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_MAX_BODY_BYTES: String(LIMIT) }, "127.0.0.1"),
      ensureSchema: false,
    });
  });
  afterAll(async () => {
    await server?.close();
  });
  // 48 MiB: more than the kernel buffers of both ends hold, so the server must read for the client to finish writing.
  const body = Buffer.from(JSON.stringify({ query: `{ entity(name: "${"x".repeat(48 * LIMIT)}") { name } }` }));

  it("declared Content-Length: the client reads the 413", async () => {
    const u = new URL(server.url);
    const head = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const r = await writeAllThenRead(server.url, head, body);
    // The whole body went out (no broken pipe, which makes urllib give up before reading), then the 413 came.
    expect(r.error).toBeUndefined();
    expect(r.response.slice(0, 40)).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toContain("PAYLOAD_TOO_LARGE");
  });

  it("chunked, no Content-Length: the client reads the 413", async () => {
    const u = new URL(server.url);
    const head = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += 64 * 1024) {
      const part = body.subarray(i, i + 64 * 1024);
      chunks.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from("0\r\n\r\n"));
    const r = await writeAllThenRead(server.url, head, Buffer.concat(chunks));
    // The whole body went out (no broken pipe, which makes urllib give up before reading), then the 413 came.
    expect(r.error).toBeUndefined();
    expect(r.response.slice(0, 40)).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toContain("PAYLOAD_TOO_LARGE");
  });
});
