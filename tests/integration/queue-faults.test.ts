/**
 * Faults of the queue (issue 18), with real processes, rules-only extraction (checked against a fresh
 * extraction by bench/load-lib/verify.ts, so "complete" means every mention, relation and quote):
 *   1. SIGKILL of a worker mid-job: its jobs are retried by another worker once their lock expires,
 *      and every article is stored completely, once;
 *   2. SIGTERM: the worker finishes the jobs in flight and exits 0, leaving none active;
 *   3. Redis stopped (one of this test's own, on KG_TEST_REDIS_PORT + 1): the worker and an enqueuer wait,
 *      and both go on when it is back, nothing lost;
 *   4. Neo4j stopped (the throwaway instance of the reliability test, KG_TEST_BOLT_PORT + 2): the jobs
 *      retry, then fail visibly with DATABASE_UNAVAILABLE; `kg jobs retry --all` completes them once it is back.
 */
import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { checkArticles } from "../../bench/load-lib/verify.ts";
import { readLocalCredentials, startLocalNeo4j, stopLocalNeo4j } from "../../src/db/local-neo4j.ts";
import type { ArticleInput } from "../../src/extraction/types.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { startLocalRedis, stopLocalRedis } from "../../src/redis/local-redis.ts";
import { syntheticArticles } from "../support/articles.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { killKgProcesses, spawnKg } from "../support/kg-process.ts";
import { closeTestQueues, ndjsonFile, queueEnv, testQueue, untilCounts } from "../support/queue.ts";

const db = testDb();
const created: string[] = [];
const OWN_REDIS = { instance: "queue-faults", port: Number(process.env.KG_TEST_REDIS_PORT ?? 6390) + 1 };
const R = { instance: "reliability", boltPort: Number(process.env.KG_TEST_BOLT_PORT ?? 7688) + 2, heap: "512m", pageCache: "128m" };

afterAll(async () => {
  killKgProcesses();
  await closeTestQueues();
  await deleteArticles(db, created);
  await db.close();
  await stopLocalRedis(OWN_REDIS);
  if (!process.env.NEO4J_URI) await stopLocalNeo4j(R);
}, 60_000);

function setup(name: string, n: number, o: Parameters<typeof queueEnv>[1] = {}) {
  const env = { ...queueEnv(`${name}-${uniquePrefix("q")}`, o), KG_NLP: "none" };
  const queue = testQueue(env);
  const articles = syntheticArticles(uniquePrefix(name), n);
  if (!o.neo4j) created.push(...articles.map((a) => a.id!));
  return { env, queue, articles };
}

async function allComplete(articles: ArticleInput[], cfg: { uri: string; user: string; password: string; database: string } = inject("neo4j")): Promise<void> {
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password));
  try {
    const checks = await checkArticles(driver, cfg.database, articles);
    expect(checks.filter((c) => c.state !== "complete")).toEqual([]);
    const res = await driver.executeQuery(
      "MATCH (a:Article) WHERE a.id IN $ids RETURN count(a) AS n",
      { ids: articles.map((a) => a.id) },
      { database: cfg.database },
    );
    expect(neo4j.integer.toNumber(res.records[0]!.get("n") as number)).toBe(articles.length);
  } finally {
    await driver.close();
  }
}

const enqueue = async (env: Record<string, string>, articles: ArticleInput[]) => {
  const p = spawnKg(["ingest", "--queue", ndjsonFile(articles)], env);
  expect(await p.exit, p.stderr()).toBe(0);
};

describe("queue faults", () => {
  it("SIGKILL mid-job: the jobs it held are retried by another worker after their lock expires; nothing half-written", async () => {
    const { env, queue, articles } = setup("kill", 240);
    await enqueue(env, articles);
    const w1 = spawnKg(["worker", "--concurrency", "8", "--name", "doomed"], env);
    await untilCounts(queue, (c) => c.completed >= 20 && c.active > 0, 60_000);
    w1.child.kill("SIGKILL");
    const held = (await queue.queue.getActive()).map((j) => j.id!);
    expect(held.length).toBeGreaterThan(0);
    await w1.exit;
    const w2 = spawnKg(["worker", "--concurrency", "8", "--name", "heir"], env);
    await untilCounts(queue, (c) => c.completed === articles.length, 120_000);
    for (const id of held) {
      const p = await queue.progress(id);
      // Taken by the killed worker (a try that never finished), then by the heir.
      expect(p).toMatchObject({ state: "completed", worker: "heir" });
      expect(p!.attempts).toBeGreaterThanOrEqual(2);
    }
    w2.child.kill("SIGTERM");
    expect(await w2.exit).toBe(0);
    await allComplete(articles);
  });

  it("SIGTERM: the worker finishes the jobs in flight and exits 0", async () => {
    const { env, queue, articles } = setup("term", 400);
    await enqueue(env, articles);
    const w = spawnKg(["worker", "--concurrency", "8", "--name", "polite"], env);
    await untilCounts(queue, (c) => c.completed >= 20 && c.active > 0, 60_000);
    w.child.kill("SIGTERM");
    expect(await w.exit).toBe(0);
    expect(w.stderr()).toContain("finishing the jobs in flight");
    const c = await queue.counts();
    expect(c.active).toBe(0);
    expect(c.failed).toBe(0);
    expect(c.completed + c.waiting).toBe(articles.length);
    const done = (await queue.queue.getCompleted(0, -1)).map((j) => j.data.article);
    expect(done).toHaveLength(c.completed);
    await allComplete(done);
  });

  it("Redis stopped: the worker and an enqueuer wait for it and go on when it is back", async () => {
    const redis = await startLocalRedis(OWN_REDIS);
    const { env, queue, articles } = setup("redis", 300, { redisUrl: redis.url });
    const [first, second] = [articles.slice(0, 200), articles.slice(200)];
    await enqueue(env, first);
    const w = spawnKg(["worker", "--concurrency", "8", "--name", "patient"], env);
    await untilCounts(queue, (c) => c.completed >= 20, 60_000);
    await stopLocalRedis(OWN_REDIS);
    const late = spawnKg(["ingest", "--queue", ndjsonFile(second)], env);
    await w.line(/redis unreachable/, 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(late.child.exitCode).toBeNull(); // still waiting for Redis
    expect(w.child.exitCode).toBeNull();
    await startLocalRedis(OWN_REDIS);
    expect(await late.exit, late.stderr()).toBe(0);
    await untilCounts(queue, (c) => c.completed === articles.length, 120_000);
    expect(w.stderr()).toMatch(/redis is back/);
    w.child.kill("SIGTERM");
    expect(await w.exit).toBe(0);
    await allComplete(articles);
  });

  it.skipIf(!!process.env.NEO4J_URI)(
    "Neo4j stopped: jobs retry, then fail visibly; kg jobs retry completes them once it is back",
    async () => {
      if (!readLocalCredentials(R)) await startLocalNeo4j(R);
      const creds = await startLocalNeo4j(R);
      const cfg = { ...creds, database: "neo4j" };
      const { env, queue, articles } = setup("neo4j", 30, { neo4j: cfg });
      Object.assign(env, { KG_INGEST_RETRY_MS: "500", KG_JOB_ATTEMPTS: "3", KG_JOB_BACKOFF_MS: "300" });
      const [first, second] = [articles.slice(0, 20), articles.slice(20)];
      await enqueue(env, first);
      const w = spawnKg(["worker", "--concurrency", "4", "--name", "stubborn"], env);
      await untilCounts(queue, (c) => c.completed === first.length, 90_000);
      await stopLocalNeo4j(R);
      await enqueue(env, second);
      await untilCounts(queue, (c) => c.failed === second.length, 120_000);
      const listed = spawnKg(["jobs", "failed", "--json"], env);
      expect(await listed.exit).toBe(0);
      const failed = JSON.parse(listed.stdout()) as { errorCode: string; attempts: number; articleId: string }[];
      expect(failed.map((f) => f.articleId).sort()).toEqual(second.map((a) => a.id).sort());
      for (const f of failed) expect(f).toMatchObject({ errorCode: "DATABASE_UNAVAILABLE", attempts: 3 });
      expect(w.child.exitCode).toBeNull(); // the worker itself stays up

      await startLocalNeo4j(R);
      const retried = spawnKg(["jobs", "retry", "--all"], env);
      expect(await retried.exit).toBe(0);
      await untilCounts(queue, (c) => c.completed === articles.length && c.failed === 0, 120_000);
      w.child.kill("SIGTERM");
      expect(await w.exit).toBe(0);
      await allComplete(articles, cfg);
      const d = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password));
      await d.executeQuery("MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a", { ids: articles.map((a) => a.id) }).finally(() => d.close());
    },
    400_000,
  );
});
