import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { parse } from "graphql";
import { pino } from "pino";
import type { App } from "../../src/server/app.ts";
import { testApp } from "../support/app.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { responseCacheConfig } from "../../src/server/response-cache.ts";
import { securityConfig } from "../../src/security/config.ts";
import { Db } from "../../src/db/client.ts";
import { statementsDuring, testDb, uniquePrefix } from "../support/db.ts";
import { killKgProcesses, spawnKg } from "../support/kg-process.ts";
import { seedRecords } from "../support/seeds.ts";

// The response cache end to end: real Neo4j, real writes through the API, through another Db and
// through `kg ingest` in another process. Each test owns its articles (unique ids).
const db = testDb();
const log = pino({ level: "silent" });
const KEY = "cache-test-key-0123456789abcdef";
const POLL_MS = 200;
// Other test files write to the same Neo4j all the time, and each of their commits changes the graph
// version: apps that assert hits poll only when a test says so (app.responseCache.poll()), so a
// hit is never lost to another file's write between two requests. The `kg ingest` test uses the timer.
const cacheConfig = { ...responseCacheConfig({}), pollMs: 600_000 };
const app = testApp({ db, log, security: securityConfig({ KG_API_KEYS: KEY }), responseCache: cacheConfig });
const owned: string[] = [];

async function ask(a: App, query: string, headers: Record<string, string> = {}) {
  const res = await a.fetch("http://yoga/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return {
    cache: res.headers.get("x-kg-cache"),
    text,
    body: JSON.parse(text) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] },
  };
}

/** Wait until the cache has read the graph's version once (it bypasses until then). */
async function ready(a: App) {
  await a.responseCache.poll();
}

async function ownSeeds(name: string): Promise<string> {
  const prefix = `${uniquePrefix(name)}-`;
  const s = await ingest(db, seedRecords(prefix));
  expect(s.failed).toBe(0);
  owned.push(...seedRecords(prefix).map((r) => (r.ok ? r.article.id! : "")));
  return `${prefix}us-big-win-in-iraq`;
}

const titleQuery = (id: string) => `{ article(id: "${id}") { title entities(type: LOCATION) { mentions entity { name } } } }`;

beforeAll(async () => {
  await ready(app);
});
afterAll(async () => {
  killKgProcesses();
  await deleteArticles(db, owned);
  await app.dispose();
  await db.close();
});

describe("response cache", () => {
  it("answers a repeated question from the cache, byte for byte, without running Cypher", async () => {
    const id = await ownSeeds("cache-hit");
    await ready(app);
    const first = await ask(app, titleQuery(id));
    expect(first.cache).toBe("miss");
    expect((first.body.data!.article as { title: string }).title).toMatch(/Big Win/i);
    const { result: second, names: statements } = await statementsDuring(db, () => ask(app, titleQuery(id)));
    expect(second.cache).toBe("hit");
    expect(second.text).toBe(first.text);
    expect(statements).toEqual([]);
  });

  it("a mutation through the API empties it at once: the next answer shows the change", async () => {
    const id = await ownSeeds("cache-mutation");
    await ready(app);
    expect((await ask(app, titleQuery(id))).cache).toBe("miss");
    expect((await ask(app, titleQuery(id))).cache).toBe("hit");
    const [rec] = seedRecords();
    const text = rec!.ok ? rec!.article.text : "";
    const m = await ask(app, `mutation { ingestArticle(input: { id: "${id}", title: "Retitled by the API", text: ${JSON.stringify(text)} }) { status } }`, {
      authorization: `Bearer ${KEY}`,
    });
    expect(m.body.errors).toBeUndefined();
    expect(m.cache).toBe("bypass");
    const after = await ask(app, titleQuery(id));
    expect(after.cache).toBe("miss");
    expect((after.body.data!.article as { title: string }).title).toBe("Retitled by the API");
  });

  it("a write by another process (`kg ingest`) is seen within the poll interval", async () => {
    const id = await ownSeeds("cache-cli");
    const polling = testApp({ db, log, responseCache: { ...cacheConfig, pollMs: POLL_MS } });
    await ready(polling);
    expect((await ask(polling, titleQuery(id))).cache).toBe("miss");
    const [rec] = seedRecords();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kg-cache-")), "a.ndjson");
    fs.writeFileSync(file, JSON.stringify({ ...(rec!.ok ? rec!.article : {}), id, title: "Retitled by kg ingest" }) + "\n");
    const cfg = inject("neo4j");
    const cli = spawnKg(["ingest", file], { NEO4J_URI: cfg.uri, NEO4J_USER: cfg.user, NEO4J_PASSWORD: cfg.password, NEO4J_DATABASE: cfg.database });
    expect(await cli.exit, cli.stderr()).toBe(0);
    const committed = Date.now();
    let title = "";
    while (Date.now() - committed < 5_000) {
      title = ((await ask(polling, titleQuery(id))).body.data!.article as { title: string }).title;
      if (title === "Retitled by kg ingest") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(title).toBe("Retitled by kg ingest");
    // Stale for at most one poll interval (plus scheduling slack on a loaded machine).
    expect(Date.now() - committed).toBeLessThan(POLL_MS + 1_500);
    await polling.dispose();
  }, 60_000);

  it("a write through another Db (another server) empties it too", async () => {
    const id = await ownSeeds("cache-other-db");
    await ready(app);
    await ask(app, titleQuery(id));
    expect((await ask(app, titleQuery(id))).cache).toBe("hit");
    const other = new Db(inject("neo4j"), { maxRetryMs: 5_000 });
    try {
      await deleteArticles(other, [id]);
    } finally {
      await other.close();
    }
    await app.responseCache.poll(); // what the timer does every POLL_MS
    const after = await ask(app, titleQuery(id));
    expect(after.cache).toBe("miss");
    expect(after.body.data!.article).toBeNull();
  });

  it("drops an answer computed while the graph changed (it may predate the change)", async () => {
    const cache = app.responseCache;
    await cache.poll();
    const plugin = cache.plugin();
    // Drive the plugin as envelop does: onExecute, then the execute function it installed.
    const start = (query: string) => {
      let execute: ((a: unknown) => Promise<unknown>) | undefined;
      void plugin.onExecute!({
        args: { document: parse(query), contextValue: { params: { query } } },
        executeFn: () => Promise.resolve({ data: { stats: { articles: 1 } } }),
        setExecuteFn: (fn: (a: unknown) => Promise<unknown>) => (execute = fn),
        setResultAndStopExecution: () => expect.fail("nothing cached yet"),
      } as never);
      return () => execute!({});
    };
    cache.invalidate();
    const during = start(`{ stats { articles } } # race-1`);
    cache.invalidate(); // a commit lands while the answer is being computed
    await during();
    expect(cache.size).toBe(0);
    await start(`{ stats { articles } } # race-2`)();
    expect(cache.size).toBe(1);
  });

  it("identical questions arriving together run their Cypher once", async () => {
    const id = await ownSeeds("cache-shared");
    const q = `{ article(id: "${id}") { title related(first: 3) { article { title } } } }`;
    const fresh = testApp({ db, log, responseCache: cacheConfig });
    try {
      await ready(fresh);
      const alone = await statementsDuring(db, () => ask(fresh, q));
      expect(alone.result.cache).toBe("miss");
      fresh.responseCache.invalidate();
      const together = await statementsDuring(db, () => Promise.all(Array.from({ length: 6 }, () => ask(fresh, q))));
      const outcomes = together.result.map((r) => r.cache);
      expect(outcomes.filter((o) => o === "miss")).toHaveLength(1);
      expect(outcomes.every((o) => o === "miss" || o === "shared" || o === "hit")).toBe(true);
      expect(together.names.sort()).toEqual(alone.names.sort());
      expect(new Set(together.result.map((r) => r.text)).size).toBe(1);
    } finally {
      await fresh.dispose();
    }
  });

  it("variables the operation does not declare make no new entry: 30 distinct 4 MiB ones cost one small entry", async () => {
    const a = testApp({ db, log, security: securityConfig({ KG_API_KEYS: KEY }), responseCache: cacheConfig });
    try {
      await ready(a);
      const q = `{ article(id: "${uniquePrefix("cache-pad")}") { title } }`;
      const outcomes: (string | null)[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await a.fetch("http://yoga/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: q, variables: { [`pad${i}`]: String(i).padEnd(4 * 1024 * 1024, "x") } }),
        });
        outcomes.push(res.headers.get("x-kg-cache"));
        await res.text();
      }
      expect(outcomes).toEqual(["miss", ...Array<string>(29).fill("hit")]);
      expect(a.responseCache.size).toBe(1);
      expect(a.responseCache.bytes).toBeLessThan(1024);
    } finally {
      await a.dispose();
    }
  });

  it("does not keep errors", async () => {
    const q = `{ relations(type: QUOTED_IN) { totalCount } }`;
    for (let i = 0; i < 2; i++) {
      const r = await ask(app, q);
      expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(r.cache).toBe("miss");
    }
  });

  it("never gives a cached answer to a caller the key check refuses", async () => {
    const closed = testApp({ db, log, security: securityConfig({ KG_API_KEYS: KEY, KG_REQUIRE_AUTH_FOR_READS: "true" }), responseCache: cacheConfig });
    try {
      await ready(closed);
      const q = `{ stats { articles } }`;
      const auth = { authorization: `Bearer ${KEY}` };
      expect((await ask(closed, q, auth)).body.errors).toBeUndefined();
      expect((await ask(closed, q, auth)).cache).toBe("hit");
      const anon = await ask(closed, q);
      expect(anon.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(anon.body.data ?? null).toBeNull();
      expect(anon.cache).toBeNull();
    } finally {
      await closed.dispose();
    }
  });

  it("is bypassed while the graph version cannot be read (Neo4j unreachable), and can be turned off", async () => {
    const cfg = inject("neo4j");
    const dead = new Db({ ...cfg, uri: "bolt://127.0.0.1:1" }, { maxRetryMs: 0, acquireTimeoutMs: 500 });
    const deadApp = testApp({ db: dead, log, responseCache: cacheConfig });
    const off = testApp({ db, log, responseCache: { ...cacheConfig, maxEntries: 0 } });
    try {
      await ready(deadApp);
      const r = await ask(deadApp, `{ stats { articles } }`);
      expect(r.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
      expect(r.cache).toBe("bypass");
      for (let i = 0; i < 2; i++) expect((await ask(off, `{ stats { articles } }`)).cache).toBeNull();
    } finally {
      await deadApp.dispose();
      await off.dispose();
      await dead.close();
    }
  });

  it("counts hits and misses in /metrics", async () => {
    const res = await app.fetch("http://yoga/metrics");
    const text = await res.text();
    expect(text).toMatch(/kg_response_cache_requests_total\{outcome="hit"\} [1-9]/);
    expect(text).toMatch(/kg_response_cache_requests_total\{outcome="miss"\} [1-9]/);
  });
});
