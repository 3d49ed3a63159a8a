/**
 * The ingest queue (BullMQ on Redis) as the enqueuers see it: `kg ingest --queue`, the API's
 * `ingestArticles(enqueue: true)`, and `kg jobs`. Workers (src/queue/worker.ts) take the jobs.
 *
 * @example
 *   const q = IngestQueue.open(redisUrl()!, queueSettings(), log);
 *   const [{ jobId }] = await q.enqueue([{ article, origin: { file: "api" } }]);
 *   (await q.progress(jobId))?.state; // "waiting" … "completed"
 *   await q.close();
 */
import { Queue, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { articleId } from "../extraction/article-id.ts";
import type { IngestProgress } from "../events/hub.ts";
import { IngestGroups } from "./groups.ts";
import { ingestJobId, type ArticleJobData, type ArticleJobResult } from "./jobs.ts";
import { jobProgress, type IngestJobProgress } from "./progress.ts";
import { connectRedis } from "./redis.ts";
import type { QueueSettings } from "./settings.ts";

type ArticleJob = Job<ArticleJobData, ArticleJobResult | undefined>;

/** Jobs added per round trip to Redis. */
const ADD_CHUNK = 500;

export interface Enqueued {
  jobId: string;
  articleId: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export class IngestQueue {
  readonly queue: Queue<ArticleJobData, ArticleJobResult | undefined>;
  private readonly groups: IngestGroups;

  private constructor(
    private readonly redis: Redis,
    readonly settings: QueueSettings,
  ) {
    this.queue = new Queue(settings.name, {
      connection: redis,
      defaultJobOptions: {
        attempts: settings.attempts,
        backoff: { type: "exponential", delay: settings.backoffMs },
        // Finished jobs are kept a day (their progress stays readable, and an article re-enqueued
        // meanwhile is a no-op); failed ones until retried or cleaned.
        removeOnComplete: { age: 24 * 3600, count: 1_000_000 },
        removeOnFail: false,
      },
    });
    this.groups = new IngestGroups(redis, settings.name);
  }

  /** A queue over its own Redis connection (closed by `close`). */
  static open(url: string, settings: QueueSettings, log: Logger): IngestQueue {
    const q = new IngestQueue(connectRedis(url, log, "enqueuer"), settings);
    // Connection errors are the connection's to report (one warning per outage); BullMQ repeats them.
    q.queue.on("error", () => {});
    return q;
  }

  /**
   * Add one job per article; an article whose job id (id + content) is already in the queue is not
   * added again. With `group`, the jobs count towards that ingest group's progress (`seal` it once every
   * job is added); a job already finished counts at once. While Redis is away this waits for it.
   */
  async enqueue(items: ArticleJobData[], o: { group?: string } = {}): Promise<Enqueued[]> {
    const out: Enqueued[] = [];
    for (let i = 0; i < items.length; i += ADD_CHUNK) {
      const chunk = items.slice(i, i + ADD_CHUNK);
      const jobs = chunk.map((data) => ({ name: "article", data, opts: { jobId: ingestJobId(data.article) } }));
      const ids = jobs.map((j) => j.opts.jobId);
      if (o.group !== undefined) await this.groups.add(o.group, ids);
      await this.queue.addBulk(jobs);
      // An article enqueued before (by another call) may have finished already: no worker will count it now.
      if (o.group !== undefined) await this.countFinished(ids);
      for (const j of jobs) out.push({ jobId: j.opts.jobId, articleId: articleId(j.data.article) });
    }
    return out;
  }

  // Private: count the jobs among `ids` that are completed or failed (each counts once however often this runs).
  private async countFinished(ids: string[]): Promise<void> {
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    const finished = ids.flatMap((id, k) => (states[k] === "completed" || states[k] === "failed" ? [{ id, failed: states[k] === "failed" }] : []));
    await Promise.all(finished.map((f) => this.groups.count(f.id, { failed: f.failed })));
  }

  /** Every job of `group` is enqueued, and `rejected` inputs were refused: its progress now (finished when every job already is). */
  seal(group: string, rejected = 0): Promise<IngestProgress> {
    return this.groups.seal(group, rejected);
  }

  /** The job's progress, or undefined when no such job is kept. */
  async progress(jobId: string): Promise<IngestJobProgress | undefined> {
    const job = await this.queue.getJob(jobId);
    if (!job) return undefined;
    return jobProgress(job, await job.getState());
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts("waiting", "prioritized", "active", "delayed", "completed", "failed");
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
    };
  }

  /** Failed jobs, most recent first. */
  async failed(limit: number): Promise<IngestJobProgress[]> {
    const jobs = (await this.queue.getFailed(0, limit - 1)) as ArticleJob[];
    return jobs.filter((j) => j !== undefined).map((j) => jobProgress(j, "failed"));
  }

  /** Move failed jobs back to waiting, with their tries reset: these ids, or all of them. The ids moved. */
  async retry(ids?: string[]): Promise<string[]> {
    const jobs = ids ? await Promise.all(ids.map((id) => this.queue.getJob(id))) : await this.queue.getFailed(0, -1);
    const moved: string[] = [];
    for (const job of jobs) {
      if (!job || (await job.getState()) !== "failed") continue;
      await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      moved.push(job.id!);
    }
    return moved;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
