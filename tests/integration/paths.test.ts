/**
 * Path questions cannot stall Neo4j (issue 11, item 1). The probe's graph: a chain of 8 hops,
 * each asserted by 11 articles, so 11^8 relationship paths. Before, `connections(maxHops: 7)`
 * enumerated them all inside Neo4j (ignoring its transaction timeout, 24 s here, 38 s on the
 * probe's machine) to find none short enough; now the search walks entity pairs and stops at maxHops.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { responseCacheConfig } from "../../src/server/response-cache.ts";
import { buildPathChain, type PathChain } from "../../bench/lib/path-chain.ts";
import { gql } from "../support/graphql.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";

type Paths = { connections: { length: number; nodes: { key: string }[]; relations: { type: string; articleCount: number }[] }[] };
const QUERY =
  "query($a: String!, $b: String!, $m: Int) { connections(from: $a, to: $b, maxHops: $m) { length nodes { key } relations { type articleCount } } }";

describe("connections on the 11^8 chain", () => {
  const db = testDb();
  const app = testApp({
    db,
    log: pino({ level: "silent" }),
    security: securityConfig({}, "127.0.0.1"),
    responseCache: responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }),
  });
  let chain: PathChain;
  beforeAll(async () => {
    chain = await buildPathChain(db, uniquePrefix("chain"), 8, 11);
  }, 120_000);
  afterAll(async () => {
    await chain?.remove();
    await app.dispose();
    await db.close();
  });

  const ask = async (maxHops: number) => {
    const t0 = performance.now();
    const r = await gql<Paths>(app, QUERY, { a: chain.names[0], b: chain.names[8], m: maxHops });
    return { r, ms: performance.now() - t0 };
  };

  it("answers maxHops 7 (no path that short) with no path, in well under the read timeout", async () => {
    const { r, ms } = await ask(7);
    console.log(`connections(maxHops: 7) on the 11^8 chain: ${ms.toFixed(0)} ms`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.connections).toEqual([]);
    expect(ms).toBeLessThan(3_000);
  });

  it("leaves nothing running in Neo4j once answered", async () => {
    await ask(7);
    const running = await rawRows(
      db,
      "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'LEADS|CAPTURED|SUPPORTED_BY' AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN currentQuery",
    );
    expect(running).toEqual([]);
  });

  it("answers maxHops 8 with the one entity path, not one copy per parallel article relationship", async () => {
    const { r, ms } = await ask(8);
    console.log(`connections(maxHops: 8) on the 11^8 chain: ${ms.toFixed(0)} ms`);
    expect(r.errors).toBeUndefined();
    const paths = r.data!.connections;
    expect(paths).toHaveLength(1);
    expect(paths[0]!.length).toBe(8);
    expect(paths[0]!.nodes.map((n) => n.key)).toEqual(chain.entityIds);
    expect(paths[0]!.relations.every((rel) => rel.type === "SUPPORTED_BY" && rel.articleCount === 11)).toBe(true);
  });
});

describe("connections through co-mentions, when no relation links two entities", () => {
  const db = testDb();
  const app = testApp({
    db,
    log: pino({ level: "silent" }),
    security: securityConfig({}, "127.0.0.1"),
    responseCache: responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }),
  });
  let chain: PathChain;
  beforeAll(async () => {
    chain = await buildPathChain(db, uniquePrefix("comention"), 5, 3, { relations: false });
  }, 120_000);
  afterAll(async () => {
    await chain?.remove();
    await app.dispose();
    await db.close();
  });
  const Q =
    "query($a: String!, $b: String!, $m: Int) { connections(from: $a, to: $b, maxHops: $m) { length nodes { key } relations { type } hops { article { key } } } }";
  type CoPaths = { connections: { length: number; nodes: { key: string }[]; relations: unknown[]; hops: { article: { key: string } | null }[] }[] };

  it("gives the chain with an article mentioning both ends of every step", async () => {
    const r = await gql<CoPaths>(app, Q, { a: chain.names[0], b: chain.names[3], m: 4 });
    expect(r.errors).toBeUndefined();
    const [p, ...more] = r.data!.connections;
    expect(more).toEqual([]);
    expect(p!.nodes.map((n) => n.key)).toEqual(chain.entityIds.slice(0, 4));
    expect(p!.relations).toEqual([]);
    // Each step's article is one of the three that mention both of its entities.
    p!.hops.forEach((h, i) => expect(h.article?.key).toMatch(new RegExp(`-h${i}-a[0-2]$`)));
  });

  it("finds nothing beyond maxHops (co-mention chains: at most 4)", async () => {
    expect((await gql<CoPaths>(app, Q, { a: chain.names[0], b: chain.names[3], m: 2 })).data!.connections).toEqual([]);
    expect((await gql<CoPaths>(app, Q, { a: chain.names[0], b: chain.names[5], m: 10 })).data!.connections).toEqual([]);
  });
});
