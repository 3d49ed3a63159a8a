/**
 * The CoreNLP backbone against a real server: the one the global setup provides (offsets, long and
 * pathological texts), and a local instance of this file's own ("test-lifecycle", on a free port) that
 * it starts, kills and stops.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../support/ports.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { CoreNlpClient } from "../../src/nlp/corenlp-client.ts";
import { localCoreNlpStatus, startLocalCoreNlp, stopLocalCoreNlp, type LocalCoreNlpOptions } from "../../src/nlp/local-corenlp.ts";
import type { NlpAnalysis, NlpToken } from "../../src/nlp/types.ts";
import { spawnKg } from "../support/kg-process.ts";

const url = inject("corenlpUrl");
/** The provided server is our launcher (not a CORENLP_URL server), so Java and the jars are here. */
const local = url !== undefined && !process.env.CORENLP_URL;

function tokens(a: NlpAnalysis): NlpToken[] {
  return a.sentences.flatMap((s) => s.tokens);
}

/** The words tagged `tag`, read from the text through their offsets. */
function tagged(text: string, a: NlpAnalysis, tag: string): string[] {
  return tokens(a)
    .filter((t) => t.ner === tag)
    .map((t) => text.slice(t.start, t.end));
}

/** Offsets index the JS string: every word made of letters or digits is exactly the text at its span. */
function expectOffsetsMatch(text: string, a: NlpAnalysis): void {
  let last = 0;
  for (const t of tokens(a)) {
    expect(t.start).toBeGreaterThanOrEqual(last);
    expect(t.end).toBeLessThanOrEqual(text.length);
    if (/^[\p{L}\p{N}]+$/u.test(t.word)) expect(text.slice(t.start, t.end)).toBe(t.word);
    last = t.start;
  }
}

async function expectAppError(p: Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).message).toMatch(message);
  return e as AppError;
}

/** The local addresses listening on `port`, from /proc/net/tcp and tcp6 (IPv4 words are little-endian). */
function listeningAddresses(port: number): string[] {
  const v4 = (hex: string) => [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(".");
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").trim().split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [addr, portHex] = local!.split(":");
      if (state !== "0A" || parseInt(portHex!, 16) !== port) continue;
      if (addr!.length === 8) out.push(v4(addr!));
      else if (addr === "00000000000000000000000000000000") out.push("::");
      else if (addr === "00000000000000000000000001000000") out.push("::1");
      else if (addr!.startsWith("0000000000000000FFFF0000")) out.push(`::ffff:${v4(addr!.slice(24))}`);
      else out.push(`ipv6:${addr}`);
    }
  }
  return out;
}

const NEWS = "BNP leader Nick Griffin met Microsoft executives in London.";

describe.runIf(url !== undefined)("the CoreNLP the tests run against", () => {
  const nlp = new CoreNlpClient({ url: url ?? "" });

  it("answers /ready", async () => {
    expect(await nlp.ready()).toBe(true);
  });

  it.each([
    ["plain text", ""],
    ["emoji and other non-BMP characters before the names", "😀🎉 𝒳 👩‍👩‍👧 "],
  ])("tags people and organisations at offsets into the JS string: %s", async (_name, prefix) => {
    const text = prefix + NEWS;
    const a = await nlp.analyze(text);
    expect(tagged(text, a, "PERSON")).toEqual(["Nick", "Griffin"]);
    expect(tagged(text, a, "ORGANIZATION")).toEqual(expect.arrayContaining(["BNP", "Microsoft"]));
    const nick = tokens(a).find((t) => t.word === "Nick")!;
    expect(nick.start).toBe(text.indexOf("Nick"));
    expect(nick.end).toBe(text.indexOf("Nick") + 4);
    expectOffsetsMatch(text, a);
  });

  it("gives the same analysis for the same text", async () => {
    expect(await nlp.analyze(NEWS)).toEqual(await nlp.analyze(NEWS));
  });

  it("answers a 2 MB text of news, tables, a 4,000-character token and runs of '!' within a bound, and stays up", { timeout: 200_000 }, async () => {
    const block = NEWS + " " + "QUJD".repeat(1_000) + " " + "!".repeat(3_000) + "\n" + "| 1 | 2 | 3 |\n".repeat(50) + "\n\n";
    const text = block.repeat(Math.ceil((2 * 1024 * 1024) / block.length)) + "Angela Merkel spoke.";
    const t0 = Date.now();
    const a = await nlp.analyze(text);
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(150_000);
    const last = tokens(a).filter((t) => t.word === "Merkel");
    expect(last.map((t) => [t.start, t.ner])).toEqual([[text.length - "Merkel spoke.".length, "PERSON"]]);
    expect(tagged(text, a, "PERSON").length).toBeGreaterThan(400);
    expectOffsetsMatch(text, a);
    expect(await nlp.ready()).toBe(true);
    console.error(`2 MB text (${text.length} characters): ${ms} ms, ${tokens(a).length} tokens`);
  });

  it("answers a single 50,000-character sentence, split by the client or sent whole", { timeout: 120_000 }, async () => {
    const words = "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were".split(" ");
    let text = "";
    for (let i = 0; text.length < 50_000 - 60; i++) text += words[(i * 7) % words.length] + " ";
    text += "and then Nick Griffin met Microsoft executives";
    for (const client of [nlp, new CoreNlpClient({ url: url ?? "", maxChunkChars: 60_000 })]) {
      const t0 = Date.now();
      const a = await client.analyze(text);
      expect(Date.now() - t0).toBeLessThan(60_000);
      expect(tagged(text, a, "PERSON")).toEqual(["Nick", "Griffin"]);
      expectOffsetsMatch(text, a);
    }
    expect(await nlp.ready()).toBe(true);
  });
});

describe.runIf(local)("a local CoreNLP instance of its own", () => {
  let o: LocalCoreNlpOptions & { port: number };
  const home = () => localCoreNlpStatus(o).home;

  beforeAll(async () => {
    o = { instance: "test-lifecycle", port: await freePort(), heap: "1g" };
    await stopLocalCoreNlp(o); // a leftover of an interrupted run
  });
  afterAll(async () => {
    if (!o) return;
    await stopLocalCoreNlp(o);
    fs.rmSync(home(), { recursive: true, force: true });
  });

  it("is stopped, starts, and answers on its port", { timeout: 150_000 }, async () => {
    expect(localCoreNlpStatus(o)).toMatchObject({ running: false, url: `http://127.0.0.1:${o.port}` });
    const s = await startLocalCoreNlp(o);
    expect(s.url).toBe(`http://127.0.0.1:${o.port}`);
    expect(localCoreNlpStatus(o)).toEqual(s);
    expect(fs.readFileSync(path.join(s.home, "run", "corenlp.pid"), "utf8")).toBe(String(s.pid));
    expect(fs.readFileSync(path.join(s.home, "logs", "console.log"), "utf8")).toMatch(/KgCoreNlpServer ready/);
    expect((await fetch(`${s.url}/ready`)).status).toBe(200);
  });

  it("start is a no-op while it runs, and a request for another port fails at once naming both", async () => {
    const before = localCoreNlpStatus(o);
    const t0 = Date.now();
    expect(await startLocalCoreNlp(o)).toEqual(before);
    await expectAppError(
      startLocalCoreNlp({ ...o, port: o.port + 1 }),
      "NLP_SETUP_FAILED",
      new RegExp(`runs \\(pid ${before.pid}\\) on port ${o.port}, not on the requested ${o.port + 1}`),
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("listens on 127.0.0.1 only", () => {
    const addrs = listeningAddresses(o.port);
    expect(addrs.length).toBeGreaterThan(0);
    for (const a of addrs) expect(a).toMatch(/^(127\.|::ffff:127\.|::1$)/);
  });

  it("refuses a text over its length limit instead of annotating it", async () => {
    const client = new CoreNlpClient({ url: localCoreNlpStatus(o).url, maxChunkChars: 200_000 });
    await expectAppError(client.analyze("word ".repeat(20_001)), "NLP_FAILED", /HTTP 413: text longer than 100000 characters/);
  });

  it(
    "killed in the middle of an analysis: analyze() fails with NLP_UNAVAILABLE after the retry budget; restarted, the next call succeeds",
    { timeout: 150_000 },
    async () => {
      const { pid, url: u } = localCoreNlpStatus(o);
      const client = new CoreNlpClient({ url: u, maxChunkChars: 2_000, retryMs: 2_000 });
      const text = Array.from(
        { length: 8_000 },
        (_, i) => `Minister ${i % 2 ? "Nick Griffin" : "Alex Salmond"} told Reuters on day ${i} that talks went on.`,
      ).join(" ");
      let settled = false;
      const analysis = client.analyze(text).finally(() => (settled = true));
      analysis.catch(() => {});
      await new Promise((r) => setTimeout(r, 1_500));
      expect(settled).toBe(false);
      process.kill(pid!, "SIGKILL");
      const killed = Date.now();
      await expectAppError(analysis, "NLP_UNAVAILABLE", /did not answer.*gave up after 2 s.*kg nlp start/s);
      expect(Date.now() - killed).toBeLessThan(15_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(localCoreNlpStatus(o).running).toBe(false);

      const again = await startLocalCoreNlp(o);
      expect(again.pid).not.toBe(pid);
      const a = await client.analyze(NEWS);
      expect(tagged(NEWS, a, "PERSON")).toEqual(["Nick", "Griffin"]);
    },
  );

  it("stops by its PID, and stopping again says it was not running", async () => {
    const { pid } = localCoreNlpStatus(o);
    expect(await stopLocalCoreNlp(o)).toBe(true);
    expect(() => process.kill(pid!, 0)).toThrow();
    expect(localCoreNlpStatus(o).running).toBe(false);
    expect(await stopLocalCoreNlp(o)).toBe(false);
  });

  it("a taken port is a clear NLP_SETUP_FAILED, and nothing is started", async () => {
    const port = await freePort();
    const squatter = net.createServer().listen(port, "127.0.0.1");
    await new Promise((r) => squatter.once("listening", r));
    const other = { instance: "test-taken-port", port };
    try {
      await expectAppError(startLocalCoreNlp(other), "NLP_SETUP_FAILED", new RegExp(`Port ${port} on 127.0.0.1 is taken.*KG_CORENLP_PORT.*CORENLP_URL`));
      expect(localCoreNlpStatus(other).running).toBe(false);
    } finally {
      squatter.close();
      fs.rmSync(localCoreNlpStatus(other).home, { recursive: true, force: true });
    }
  });
});

describe("kg nlp without Java", () => {
  it("start fails with NLP_SETUP_FAILED saying what to install or use instead", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "kg-corenlp-"));
    try {
      const kg = spawnKg(["nlp", "start"], { PATH: path.join(base, "no-bin"), KG_CORENLP_HOME_BASE: base, KG_CORENLP_PORT: String(await freePort()) });
      expect(await kg.exit).toBe(1);
      expect(kg.stderr()).toMatch(/kg nlp: NLP_SETUP_FAILED: Java is not installed\. Install Java 17 .*CORENLP_URL.*KG_NLP=none/);
      expect(kg.stdout()).toBe("");
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it("status of a fresh home says stopped, with exit code 3", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "kg-corenlp-"));
    try {
      const kg = spawnKg(["nlp", "status"], { KG_CORENLP_HOME_BASE: base, KG_CORENLP_PORT: "9555" });
      expect(await kg.exit).toBe(3);
      expect(kg.stdout()).toBe("stopped url=http://127.0.0.1:9555\n");
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
