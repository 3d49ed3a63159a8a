/**
 * `ingestProgress(jobId)` for enqueued ingests, over the test Redis and Neo4j with real `kg worker`
 * processes: the workers that finish the jobs publish (done, failed, total) through Redis, and a
 * subscriber on another API replica (its own driver and hub, as another server process) hears it
 * reach the total, from both enqueuers:
 *   1. `ingestArticles(enqueue: true, jobId)` on one replica (with a refused input, counted as failed);
 *      the same call again, once every article is stored, is finished at once (its jobs finished before);
 *   2. `kg ingest --queue --job-id` in a child process;
 *   3. the counts themselves (src/queue/groups.ts): a job counts once however often it is counted, in each
 *      of its groups, and a group is finished only once sealed.
 */
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { pino } from "pino";
import { IngestGroups } from "../../src/queue/groups.ts";
import type { IngestProgress } from "../../src/events/hub.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { securityConfig } from "../../src/security/config.ts";
import type { App } from "../../src/server/app.ts";
import { syntheticArticles } from "../support/articles.ts";
import { testApp } from "../support/app.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";
import { killKgProcesses, spawnKg } from "../support/kg-process.ts";
import { closeTestQueues, ndjsonFile, queueEnv, testQueue, untilCounts } from "../support/queue.ts";
import { sseSubscribe } from "../support/sse.ts";

const log = pino({ level: "silent" });
const db = testDb();
const KEY = "queue-progress-test-key-0123456789";
const security = securityConfig({ KG_API_KEYS: KEY });
const AUTH = { authorization: `Bearer ${KEY}` };
afterAll(async () => {
  killKgProcesses();
  await closeTestQueues();
  await db.close();
});

/** `n` articles of this test's own, deleted when it finishes. */
function ownArticles(name: string, n: number) {
  const articles = syntheticArticles(uniquePrefix(name), n);
  onTestFinished(
    async () =>
      void (await deleteArticles(
        db,
        articles.map((a) => a.id!),
      )),
  );
  return articles;
}

/** An API replica as another server process would be: its own driver and event hub, on the test Redis. */
function replica(queue?: ReturnType<typeof testQueue>): App {
  const own = testDb();
  onTestFinished(() => own.close());
  const events = { maxSubscriptions: 10, pollMs: 200, redisPollMs: 60_000, redisUrl: inject("redisUrl") };
  return testApp({ db: own, log, security, events, ...(queue ? { queue } : {}), graphiql: false });
}

/** Subscribe to `ingestProgress(jobId)` on `app`; `events()` resolves with every event once the finished one came. */
async function follow(app: App, jobId: string): Promise<() => Promise<IngestProgress[]>> {
  const s = await sseSubscribe<{ ingestProgress: IngestProgress }>(
    (u, i) => Promise.resolve(app.fetch(u, i)),
    "http://yoga/graphql",
    `subscription($id: String!) { ingestProgress(jobId: $id) { jobId done failed total finished } }`,
    { id: jobId },
    AUTH,
  );
  onTestFinished(() => s.close());
  return async () => {
    const seen: IngestProgress[] = [];
    for (;;) {
      const e = await s.next(30_000);
      if (e === null) return seen;
      expect(e.errors).toBeUndefined();
      seen.push(e.data!.ingestProgress);
    }
  };
}

/** Counts only grow, and the last event is the finished one with every article done. */
function expectReachedTotal(seen: IngestProgress[], jobId: string, total: number, failed: number): void {
  expect(seen.length).toBeGreaterThan(0);
  for (const [i, p] of seen.entries()) {
    expect(p.jobId).toBe(jobId);
    expect(p.total).toBe(total);
    if (i > 0) expect(p.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  }
  expect(seen.at(-1)).toEqual({ jobId, done: total, failed, total, finished: true });
  expect(seen.filter((p) => p.finished)).toHaveLength(1);
}

describe("ingestProgress of enqueued ingests", () => {
  it("reaches a subscriber on another replica from the workers, for ingestArticles(enqueue: true, jobId)", async () => {
    const env = { ...queueEnv(`progress-api-${uniquePrefix("q")}`), KG_NLP: "none" };
    const queue = testQueue(env);
    const articles = ownArticles("progress-api", 12);
    const [front, back] = [replica(queue), replica()];
    await expect.poll(() => [front.events.transport, back.events.transport], { timeout: 5_000 }).toEqual(["redis", "redis"]);
    const inputs = [...articles, { id: "no-text", text: "" }];
    const mutation = `mutation($inputs: [ArticleInput!]!, $id: String) { ingestArticles(inputs: $inputs, enqueue: true, jobId: $id) { queued failed } }`;

    const jobId = uniquePrefix("call");
    const events = await follow(back, jobId);
    const m = await gql(front, mutation, { inputs, id: jobId }, AUTH);
    expect(m.data).toEqual({ ingestArticles: { queued: 12, failed: 1 } });
    const worker = spawnKg(["worker", "--concurrency", "4", "--name", "reporter"], env);
    // Published by the worker process (the enqueuer only said where it stood when it had added them all).
    expectReachedTotal(await events(), jobId, 13, 1);
    await untilCounts(queue, (c) => c.completed === 12, 10_000);

    // The same articles again under a new id: no new job, and their jobs finished already.
    const again = uniquePrefix("call-again");
    const replay = await follow(back, again);
    expect((await gql(front, mutation, { inputs, id: again }, AUTH)).data).toEqual({ ingestArticles: { queued: 12, failed: 1 } });
    expect(await replay()).toEqual([{ jobId: again, done: 13, failed: 1, total: 13, finished: true }]);
    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
  });

  it("reaches a subscriber from the workers for `kg ingest --queue --job-id`", async () => {
    const env = { ...queueEnv(`progress-cli-${uniquePrefix("q")}`), KG_NLP: "none" };
    const queue = testQueue(env);
    const articles = ownArticles("progress-cli", 30);
    const api = replica();
    await expect.poll(() => api.events.transport, { timeout: 5_000 }).toBe("redis");
    const jobId = uniquePrefix("cli-run");
    const events = await follow(api, jobId);
    const worker = spawnKg(["worker", "--concurrency", "4"], env);
    const enqueuer = spawnKg(["ingest", "--queue", "--job-id", jobId, ndjsonFile(articles)], env);
    expect(await enqueuer.exit, enqueuer.stderr()).toBe(0);
    expect(enqueuer.stdout()).toContain(`job id ${jobId}`);
    expectReachedTotal(await events(), jobId, 30, 0);
    await untilCounts(queue, (c) => c.completed === 30, 10_000);
    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
  });

  it("counts each job once per group, in every group it belongs to, and finishes a group only once sealed", async () => {
    const redis = new Redis(inject("redisUrl"));
    onTestFinished(() => void redis.disconnect());
    // A queue name of its own isolates the keys (they expire a day after, like every group's).
    const groups = new IngestGroups(redis, uniquePrefix("groups"));
    const [a, b] = [uniquePrefix("group-a"), uniquePrefix("group-b")];
    await groups.add(a, ["j1", "j2"]);
    await groups.add(b, ["j2"]);
    expect(await groups.count("j1", { failed: false })).toEqual([{ jobId: a, done: 1, failed: 0, total: 2, finished: false }]);
    // Counted again (a worker killed after counting, then the retry): no change, and nothing to tell.
    expect(await groups.count("j1", { failed: false })).toEqual([]);
    const both = await groups.count("j2", { failed: true });
    expect(both.sort((x, y) => x.jobId.localeCompare(y.jobId))).toEqual(
      [
        { jobId: a, done: 2, failed: 1, total: 2, finished: false },
        { jobId: b, done: 1, failed: 1, total: 1, finished: false },
      ].sort((x, y) => x.jobId.localeCompare(y.jobId)),
    );
    expect(await groups.count("not-a-member", { failed: false })).toEqual([]);
    expect(await groups.seal(a, 1)).toEqual({ jobId: a, done: 3, failed: 2, total: 3, finished: true });
    expect(await groups.seal(b, 0)).toEqual({ jobId: b, done: 1, failed: 1, total: 1, finished: true });
  });
});
