/**
 * Subscription events between two API replicas through a real Redis of this file's own (started
 * and stopped by PID, in a temporary base): a write on one replica reaches the other's subscribers
 * through Redis; while Redis is down /ready warns and the change-log poll delivers; when Redis
 * returns, events go through it again. A `kg ingest` with KG_REDIS_URL publishes into it too.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";
import { sseSubscribe, type SseSubscription } from "../support/sse.ts";
import { syntheticArticles } from "../support/articles.ts";
import { killKgProcesses, neo4jEnv, spawnKg } from "../support/kg-process.ts";
import { securityConfig } from "../../src/security/config.ts";
import { startLocalRedis, stopLocalRedis, type LocalRedisOptions } from "../../src/redis/local-redis.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import type { App } from "../../src/server/app.ts";

const log = pino({ level: "silent" });
const db = testDb();
const KEY = "subscriptions-redis-test-key-0123456789";
const security = securityConfig({ KG_API_KEYS: KEY });
const auth = { authorization: `Bearer ${KEY}` };
const base = fs.mkdtempSync(path.join(os.tmpdir(), "kg-events-redis-"));
let redis: LocalRedisOptions;
let url: string;

/** The first of this worktree's own Redis ports (KG_EVENTS_TEST_REDIS_PORTS, default 6421-6429) that is free. */
async function ownRedisPort(): Promise<number> {
  const [lo, hi] = (process.env.KG_EVENTS_TEST_REDIS_PORTS ?? "6421-6429").split("-").map(Number) as [number, number];
  for (let p = lo; p <= hi; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once("error", () => resolve(false));
      s.listen(p, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port in ${lo}-${hi} for this test's Redis`);
}

beforeAll(async () => {
  redis = { instance: "events", port: await ownRedisPort(), base, log: () => {} };
  url = (await startLocalRedis(redis)).url;
});
afterAll(async () => {
  killKgProcesses();
  await stopLocalRedis(redis);
  fs.rmSync(base, { recursive: true, force: true });
  await db.close();
});

/** A replica as another server process would be: its own driver (so it hears no other replica's commits in-process). */
function replica(): App {
  const own = testDb();
  onTestFinished(() => own.close());
  return testApp({ db: own, log, security, events: { maxSubscriptions: 10, pollMs: 200, redisPollMs: 60_000, redisUrl: url } });
}
const inApp = (app: App) => (u: string, init: RequestInit) => Promise.resolve(app.fetch(u, init));
type Changed = { articleChanged: { key: string; change: string } };

async function heardOn(s: SseSubscription<Changed>, id: string): Promise<void> {
  for (;;) {
    const e = await s.next(10_000);
    if (e === null) throw new Error("the subscription ended");
    if (e.data?.articleChanged.key === id) return;
  }
}

async function ready(app: App): Promise<{ status: number; body: { warnings?: string[] } }> {
  const res = await app.fetch("http://yoga/ready");
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? (JSON.parse(text) as { warnings?: string[] }) : {} };
}

describe("events through Redis", () => {
  it("reach the other replica through Redis, fall back to polling while Redis is down (with a readiness warning), and use Redis again when it returns", async () => {
    const [a, b] = [replica(), replica()];
    await expect.poll(() => [a.events.transport, b.events.transport], { timeout: 5_000 }).toEqual(["redis", "redis"]);
    expect(await ready(b)).toMatchObject({ status: 200, body: {} });
    const p = uniquePrefix("events-redis");
    const articles = syntheticArticles(p, 3);
    onTestFinished(
      async () =>
        void (await deleteArticles(
          db,
          articles.map((x) => x.id!),
        )),
    );
    const s = await sseSubscribe<Changed>(inApp(b), "http://yoga/graphql", `subscription($s: String) { articleChanged(filter: {source: $s}) { key change } }`, {
      s: p,
    });
    const write = async (i: number) => {
      const r = await gql(a, `mutation($a: ArticleInput!) { ingestArticle(input: $a) { status } }`, { a: articles[i] }, auth);
      expect(r.errors).toBeUndefined();
      await heardOn(s, articles[i]!.id!);
    };

    const before = { ...b.events.heard };
    await write(0);
    expect(b.events.heard.redis).toBe(before.redis + 1);

    // Redis goes away: a warning on /ready (still 200: everything is served), and the poll delivers.
    await stopLocalRedis(redis);
    await expect.poll(() => b.events.transport, { timeout: 5_000 }).toBe("redis-down");
    const down = await ready(b);
    expect(down.status).toBe(200);
    expect(down.body.warnings?.[0]).toMatch(/redis unreachable.*polling/);
    const polled = b.events.heard.poll;
    await write(1);
    expect(b.events.heard.poll).toBe(polled + 1);

    // Redis returns: the replicas reconnect by themselves, and events go through it again.
    await startLocalRedis(redis);
    await expect.poll(() => [a.events.transport, b.events.transport], { timeout: 10_000 }).toEqual(["redis", "redis"]);
    expect(await ready(b)).toMatchObject({ status: 200, body: {} });
    const viaRedis = b.events.heard.redis;
    await write(2);
    expect(b.events.heard.redis).toBe(viaRedis + 1);
    await s.close();
  });

  it("a `kg ingest` with KG_REDIS_URL publishes its commits to every replica through Redis", async () => {
    const b = replica();
    await expect.poll(() => b.events.transport, { timeout: 5_000 }).toBe("redis");
    const p = uniquePrefix("events-redis-cli");
    const [article] = syntheticArticles(p, 1);
    onTestFinished(async () => void (await deleteArticles(db, [article!.id!])));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-events-cli-"));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "one.ndjson");
    fs.writeFileSync(file, JSON.stringify(article) + "\n");
    const s = await sseSubscribe<Changed>(inApp(b), "http://yoga/graphql", `subscription($s: String) { articleChanged(filter: {source: $s}) { key change } }`, {
      s: p,
    });
    const before = b.events.heard.redis;
    const child = spawnKg(["ingest", file], {
      ...neo4jEnv(),
      KG_NLP: "none",
      KG_REDIS_URL: url,
    });
    expect(await child.exit).toBe(0);
    await heardOn(s, article!.id!);
    expect(b.events.heard.redis).toBe(before + 1);
    await s.close();
  });
});
