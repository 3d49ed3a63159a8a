/**
 * The job queue against the real Redis and Neo4j of the test setup (issue 18):
 *   1. two `kg worker` processes ingest the seeds and a corpus sample enqueued by `kg ingest --queue`,
 *      and the graph is the same, node by node and relation by relation, as a plain `kg ingest` of them in the
 *      order the workers wrote them (and, whatever the order, the same articles);
 *      enqueueing them again adds no job;
 *   2. `ingestArticles(enqueue: true)` returns job ids whose progress `job(id)` reads until completed;
 *   3. an article that cannot be extracted lands in the failed set with its error, which `kg jobs failed`
 *      lists and `kg jobs retry` re-queues.
 */
import { afterAll, describe, expect, it } from "vitest";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { log } from "../../src/log.ts";
import type { IngestQueue } from "../../src/queue/ingest-queue.ts";
import { securityConfig } from "../../src/security/config.ts";
import { testApp } from "../support/app.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";
import { killKgProcesses, spawnKg } from "../support/kg-process.ts";
import { closeTestQueues, graphSnapshot, ndjsonFile, queueEnv, seedAndCorpusSample, testQueue, untilCounts } from "../support/queue.ts";

const db = testDb();
const KEY = "queue-test-key-0123456789";
const AUTH = { authorization: `Bearer ${KEY}` };
const created: string[] = [];
afterAll(async () => {
  killKgProcesses();
  await closeTestQueues();
  await deleteArticles(db, created);
  await db.close();
});

function queueFor(name: string): { env: Record<string, string>; queue: IngestQueue } {
  const env = queueEnv(`${name}-${uniquePrefix("q")}`);
  const queue = testQueue(env);
  return { env, queue };
}

describe("ingest through the queue", () => {
  it("two workers build the same graph as a plain kg ingest of the same articles", async () => {
    const prefix = uniquePrefix("queue");
    const articles = seedAndCorpusSample(prefix, 12);
    const ids = articles.map((a) => a.id!);
    created.push(...ids);
    const file = ndjsonFile(articles);
    const { env, queue } = queueFor("same-graph");

    const plain = spawnKg(["ingest", file], env);
    expect(await plain.exit, plain.stderr()).toBe(0);
    const direct = await graphSnapshot(db, ids);
    expect(direct.filter((l) => l.startsWith("article "))).toHaveLength(articles.length);
    expect(direct.some((l) => l.includes("[MENTIONS"))).toBe(true);
    await deleteArticles(db, ids);
    expect(await graphSnapshot(db, ids)).toEqual([]);

    const [stamp] = await rawRows(db, "MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version");
    const enqueue = spawnKg(["ingest", "--queue", file], env);
    expect(await enqueue.exit, enqueue.stderr()).toBe(0);
    expect(enqueue.stdout()).toContain(`enqueued ${articles.length} article job(s)`);
    const workers = ["w1", "w2"].map((name) => spawnKg(["worker", "--concurrency", "4", "--name", name, "--json"], env));
    await untilCounts(queue, (c) => c.completed === articles.length, 120_000);
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exit))).toEqual([0, 0]);
    const done = workers.map((w) => (JSON.parse(w.stdout()) as { completed: number }).completed);
    expect(done[0]! + done[1]!).toBe(articles.length);
    const queued = await graphSnapshot(db, ids);
    // What does not depend on the order articles are written in is the same as the plain ingest's.
    expect(queued.filter((l) => l.startsWith("article "))).toEqual(direct.filter((l) => l.startsWith("article ")));

    // Which of an alias cluster's names gives its node id depends on the write order (plan.ts, assignIds),
    // so the plain ingest that must give the same graph, node by node, is one in the order the workers wrote.
    const order = await rawRows(
      db,
      "MATCH (c:ArticleChange) WHERE c.version > $since AND c.articleId IN $ids RETURN c.articleId AS id ORDER BY c.version, c.articleId",
      { since: stamp!.version, ids },
    );
    const written = [...new Set(order.map((r) => r.id as string))];
    expect([...written].sort()).toEqual([...ids].sort());
    const byId = new Map(articles.map((a) => [a.id!, a]));
    await deleteArticles(db, ids);
    const replay = spawnKg(["ingest", "--batch", "1", ndjsonFile(written.map((id) => byId.get(id)!))], env);
    expect(await replay.exit, replay.stderr()).toBe(0);
    expect(await graphSnapshot(db, ids)).toEqual(queued);

    // The same articles again: the job ids (article + content) are kept, so nothing is added.
    const again = spawnKg(["ingest", "--queue", file], env);
    expect(await again.exit).toBe(0);
    expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, completed: articles.length, failed: 0 });
  });

  it("ingestArticles(enqueue: true) returns job ids that job(id) follows to COMPLETED", async () => {
    const prefix = uniquePrefix("queue-api");
    const [seed] = seedAndCorpusSample(prefix, 0);
    created.push(seed!.id!);
    const { env, queue } = queueFor("api");
    const app = testApp({ db, log, queue, security: securityConfig({ KG_API_KEYS: KEY }), graphiql: false });
    const m = await gql(
      app,
      `mutation($inputs: [ArticleInput!]!) { ingestArticles(inputs: $inputs, enqueue: true) { queued outcomes { status jobId job { state articleId } } } }`,
      { inputs: [{ id: seed!.id, text: seed!.text, title: seed!.title }] },
      AUTH,
    );
    expect(m.errors).toBeUndefined();
    const payload = (m.data as { ingestArticles: { queued: number; outcomes: { status: string; jobId: string; job: { state: string; articleId: string } }[] } })
      .ingestArticles;
    expect(payload.queued).toBe(1);
    const [o] = payload.outcomes;
    expect(o).toMatchObject({ status: "QUEUED", job: { state: "WAITING", articleId: seed!.id } });

    const worker = spawnKg(["worker", "--concurrency", "2"], env);
    await untilCounts(queue, (c) => c.completed === 1, 60_000);
    const j = await gql(app, `query($id: ID!) { job(id: $id) { state status attempts errorCode } }`, { id: o!.jobId }, AUTH);
    expect(j.data).toEqual({ job: { state: "COMPLETED", status: "NEW", attempts: 1, errorCode: null } });
    const [row] = await rawRows(db, "MATCH (a:Article {id: $id}) RETURN count(a) AS n", { id: seed!.id });
    expect(Number(row!.n)).toBe(1);
    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
  });

  it("a job that cannot succeed is in the failed set with its error; kg jobs retry re-queues it", async () => {
    const { env, queue } = queueFor("failed");
    // Past validation at enqueue time only through the queue itself: an article with no text fails in the worker at once (no retries).
    const id = `${uniquePrefix("queue-bad")}.0123`;
    await queue.queue.add("article", { article: { id: "bad", text: "" }, origin: { file: "t" } }, { jobId: id });
    const worker = spawnKg(["worker", "--concurrency", "1", "--name", "wf"], env);
    await untilCounts(queue, (c) => c.failed === 1, 60_000);
    const listed = spawnKg(["jobs", "failed"], env);
    expect(await listed.exit).toBe(0);
    expect(listed.stdout()).toMatch(new RegExp(`${id.replace(".", "\\.")}  failed  tries 1  by wf  BAD_USER_INPUT: .*text`));
    const asJson = spawnKg(["jobs", "failed", "--json"], env);
    expect(await asJson.exit).toBe(0);
    expect(JSON.parse(asJson.stdout())).toMatchObject([{ jobId: id, state: "failed", errorCode: "BAD_USER_INPUT" }]);

    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
    const retried = spawnKg(["jobs", "retry", id], env);
    expect(await retried.exit).toBe(0);
    expect(retried.stdout()).toContain("re-queued 1 job(s)");
    expect(await queue.counts()).toMatchObject({ waiting: 1, failed: 0 });
    const unknown = spawnKg(["jobs", "retry", "no-such-job.00"], env);
    expect(await unknown.exit).toBe(1);
    expect(unknown.stdout()).toContain("not in the failed set: no-such-job.00");
  });
});
