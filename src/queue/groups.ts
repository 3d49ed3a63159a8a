/**
 * Ingest groups: the articles one `ingestArticles(enqueue: true, jobId)` call or one `kg ingest --queue`
 * run enqueued, counted as their jobs finish, so `ingestProgress(jobId)` subscribers hear (done,
 * failed, total) from whichever worker process finished each job.
 *
 * The counts live in Redis beside the queue, because the jobs of one group finish in many processes:
 * - `kg:ingest-group:<queue>:<group>` (hash): `rejected` (inputs refused before enqueueing, counted as
 *   done and failed), `done`, `failed`, `sealed` (1 once the enqueuer has added every job);
 * - `…:jobs` (set): the group's job ids (an article given twice is one job, so the total is the set's size
 *   plus `rejected`); `…:counted` (set): the job ids already counted, so a job counted twice (a worker
 *   killed after counting, the enqueuer finding it already finished) still counts once;
 * - `kg:ingest-groups-of:<queue>:<job id>` (set): the groups a job belongs to (an article re-enqueued
 *   by a second call is the same job, and counts in both groups).
 * Everything expires a day after it was last touched, like finished jobs.
 *
 * Hand-written (two short scripts): BullMQ's flows group parent and child jobs, but a parent job cannot
 * take children that already exist (a re-enqueued article), and its progress is not pushed to anyone.
 *
 * @example
 *   const g = new IngestGroups(redis, "kg-ingest");
 *   await g.add("call-1", jobIds);             // before the jobs are added to the queue
 *   await g.seal("call-1", 2);                 // every job added, 2 inputs refused
 *   await g.count(jobId, { failed: false });   // in the worker, when the article is committed
 */
import type { Redis } from "ioredis";
import type { IngestProgress } from "../events/hub.ts";

const TTL_S = 24 * 3600;

// KEYS: hash, jobs, counted. The group's progress as [total, done, failed, sealed].
const READ = `
local rejected = tonumber(redis.call("hget", KEYS[1], "rejected") or "0")
return { redis.call("scard", KEYS[2]) + rejected, tonumber(redis.call("hget", KEYS[1], "done") or "0") + rejected,
  tonumber(redis.call("hget", KEYS[1], "failed") or "0") + rejected, tonumber(redis.call("hget", KEYS[1], "sealed") or "0") }`;

// ARGV: job id, "1" when the job failed for good, ttl. Counts the job once (if it is the group's), then
// reads; an empty answer when it was counted before (nothing new to tell).
const COUNT = `
if redis.call("sismember", KEYS[2], ARGV[1]) == 0 or redis.call("sadd", KEYS[3], ARGV[1]) == 0 then return {} end
redis.call("hincrby", KEYS[1], "done", 1)
if ARGV[2] == "1" then redis.call("hincrby", KEYS[1], "failed", 1) end
for i = 1, 3 do redis.call("expire", KEYS[i], ARGV[3]) end
${READ}`;

// ARGV: inputs refused, ttl. Marks every job added, then reads.
const SEAL = `
redis.call("hincrby", KEYS[1], "rejected", ARGV[1])
redis.call("hset", KEYS[1], "sealed", 1)
for i = 1, 3 do redis.call("expire", KEYS[i], ARGV[2]) end
${READ}`;

export class IngestGroups {
  constructor(
    private readonly redis: Redis,
    /** The queue's name: groups of two queues (two graphs) on one Redis do not mix. */
    private readonly queue: string,
  ) {}

  private keys(group: string): [string, string, string] {
    const base = `kg:ingest-group:${this.queue}:${group}`;
    return [base, `${base}:jobs`, `${base}:counted`];
  }

  private groupsOf(jobId: string): string {
    return `kg:ingest-groups-of:${this.queue}:${jobId}`;
  }

  /** Make these jobs members of the group. Call before adding them to the queue, so none can finish uncounted. */
  async add(group: string, jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const [, jobs] = this.keys(group);
    const m = this.redis
      .multi()
      .sadd(jobs, ...jobIds)
      .expire(jobs, TTL_S);
    for (const id of jobIds) m.sadd(this.groupsOf(id), group).expire(this.groupsOf(id), TTL_S);
    await m.exec();
  }

  /** Every job of the group is added (and `rejected` inputs were refused): its progress now. */
  async seal(group: string, rejected: number): Promise<IngestProgress> {
    const r = (await this.redis.eval(SEAL, 3, ...this.keys(group), String(rejected), String(TTL_S))) as number[];
    return progressOf(group, r);
  }

  /**
   * A job finished for good (committed, or failed with no try left): the progress of each group it belongs
   * to and had not been counted in yet (so counting a job again tells nobody anything twice).
   */
  async count(jobId: string, o: { failed: boolean }): Promise<IngestProgress[]> {
    const groups = await this.redis.smembers(this.groupsOf(jobId));
    const read = await Promise.all(
      groups.map(async (g) => ({ g, r: (await this.redis.eval(COUNT, 3, ...this.keys(g), jobId, o.failed ? "1" : "0", String(TTL_S))) as number[] })),
    );
    return read.filter(({ r }) => r.length > 0).map(({ g, r }) => progressOf(g, r));
  }
}

function progressOf(jobId: string, [total, done, failed, sealed]: number[]): IngestProgress {
  return { jobId, total: total!, done: done!, failed: failed!, finished: sealed === 1 && done! >= total! };
}
