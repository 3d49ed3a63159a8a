/**
 * GET /export over a real socket: a neighbourhood streamed with its Content-Type and
 * Content-Disposition, the errors (bad input with the valid values, NOT_FOUND, too big), and the
 * same auth as queries: open reads, and KG_REQUIRE_AUTH_FOR_READS=true with and without a key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { securityConfig } from "../../src/security/config.ts";
import { buildExportGraph, type ExportGraph } from "../support/export-graph.ts";
import { testDb, uniquePrefix } from "../support/db.ts";

const log = pino({ level: "silent" });
const KEY = "export-route-key-0123456789";

describe("GET /export", () => {
  const db = testDb();
  let g: ExportGraph;
  let open: RunningServer;
  let closed: RunningServer;
  beforeAll(async () => {
    g = await buildExportGraph(db, uniquePrefix("exportroute"));
    open = await listen({
      db,
      log,
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_API_KEYS: KEY, KG_EXPORT_MAX_ENTITIES: "4" }, "127.0.0.1"),
      ensureSchema: false,
    });
    closed = await listen({
      db,
      log,
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_API_KEYS: KEY, KG_REQUIRE_AUTH_FOR_READS: "true" }, "127.0.0.1"),
      ensureSchema: false,
    });
  });
  afterAll(async () => {
    // Before the servers close: closing one closes the driver it was given.
    await g?.remove();
    await open?.close();
    await closed?.close();
  });

  const get = (server: RunningServer, params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url.replace(/\/graphql$/, "/export")}?${new URLSearchParams(params)}`, { headers });
  const code = async (res: Response) => ((await res.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]!;

  it("streams the neighbourhood as GraphML, as a download", async () => {
    const res = await get(open, { format: "graphml", entity: g.names.leader, hops: "1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/graphml+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-1hop\.graphml"$/);
    const xml = await res.text();
    expect(xml.match(/<node /g)).toHaveLength(2);
    expect(xml).toContain(`source="${g.ids.leader}" target="${g.ids.front}"`);
  });

  it("serves JSON lines, JSON-LD and one CSV table per request", async () => {
    const jl = await get(open, { format: "jsonl", entity: g.ids.front, hops: "1", type: "CAPTURED" });
    expect(jl.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await jl.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string; type?: string });
    expect(lines.filter((l) => l.kind === "edge").map((l) => l.type)).toEqual(["CAPTURED"]);
    const ld = await get(open, { format: "jsonld", entity: g.names.town, hops: "0" });
    expect(ld.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(((await ld.json()) as { "@graph": { "@type": string }[] })["@graph"].map((x) => x["@type"])).toEqual(["Place"]);
    const csv = await get(open, { format: "csv", part: "relations", entity: g.names.leader, hops: "1" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/-1hop-relations\.csv"$/);
    const rows = (await csv.text()).trimEnd().split("\n");
    expect(rows[0]).toBe(":START_ID(Entity),:END_ID(Entity),:TYPE,articleId,sentence,start:long,end:long,confidence:double,time,publishedAt,extractor");
  });

  it("refuses bad input with the valid values (400), an unknown entity (404), a neighbourhood over the limit (400)", async () => {
    const format = await get(open, { format: "xml", entity: g.names.leader });
    expect(format.status).toBe(400);
    const formatError = await code(format);
    expect(formatError).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(formatError.message).toContain("graphml, jsonl, csv, jsonld");
    const param = await get(open, { format: "jsonl", entity: g.names.leader, depth: "2" });
    expect((await code(param)).message).toContain("/export takes format, entity, hops, type, since, part");
    const noEntity = await get(open, { format: "jsonl" });
    expect((await code(noEntity)).message).toContain("pass entity=NAME");
    const hops = await get(open, { format: "jsonl", entity: g.names.leader, hops: "4" });
    expect((await code(hops)).message).toContain("from 0 to 3");
    const part = await get(open, { format: "csv", entity: g.names.leader });
    expect((await code(part)).message).toContain("entities, articles, aliases, relations, quotes, mentions, alias_of");
    const missing = await get(open, { format: "jsonl", entity: `${g.names.leader} Nobody` });
    expect(missing.status).toBe(404);
    expect((await code(missing)).extensions.code).toBe("NOT_FOUND");
    const big = await get(open, { format: "jsonl", entity: g.names.leader, hops: "3" });
    expect(big.status).toBe(400);
    expect((await code(big)).message).toContain("more than 4 entities");
  });

  it("needs a key when reads need one; a wrong key is refused even when reads are open", async () => {
    const params = { format: "jsonl", entity: g.names.town, hops: "0" };
    const none = await get(closed, params);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await code(none)).extensions.code).toBe("UNAUTHENTICATED");
    expect((await get(closed, params, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await get(open, params, { authorization: "Bearer wrong-key-0123456789" })).status).toBe(401);
    expect((await get(open, params)).status).toBe(200);
  });
});
