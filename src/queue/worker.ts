/**
 * An ingest worker: takes article jobs from the queue, extracts each (rules, plus the NLP backbone it
 * is configured with) in the extraction pool, and hands the result to the write stage, which writes
 * the articles of its concurrent jobs in one transaction per batch. A job completes only once its
 * article is committed, so a worker killed at any point leaves the job to be retried after its lock
 * expires, and the graph holds the article completely or not at all.
 *
 * Errors: extraction that fails (or exceeds its budget) fails the job at once (it would fail again);
 * Neo4j or the NLP server away, a busy database or a conflicting write fail the try, and BullMQ retries
 * it with exponential backoff, up to KG_JOB_ATTEMPTS tries, after which the job is in the failed set.
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { AppError, describeError } from "../errors.ts";
import { articleHash, articleId } from "../extraction/article-id.ts";
import type { ExtractionPool } from "../extraction/pool.ts";
import { extractorFingerprint } from "../extraction/version.ts";
import { validateArticle } from "../input/validate.ts";
import type { IngestProgress } from "../events/hub.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import { IngestGroups } from "./groups.ts";
import type { ArticleJobData, ArticleJobResult, JobStage } from "./jobs.ts";
import { connectRedis } from "./redis.ts";
import type { QueueSettings } from "./settings.ts";
import { WriteLock } from "./write-lock.ts";
import { WriteStage, type WriteStageStats } from "./write-stage.ts";

export interface IngestWorkerOptions {
  db: Db;
  redisUrl: string;
  settings: QueueSettings;
  pool: ExtractionPool;
  nlp?: NlpBackbone;
  /** Jobs in flight at once; also the largest write batch. */
  concurrency: number;
  /** Shown as the job's worker (`kg jobs`). */
  name: string;
  log: Logger;
  /** Tell `ingestProgress(jobId)` subscribers how far a group has got (the worker's event hub); absent: counted, not told. */
  publishProgress?: (p: IngestProgress) => void;
}

export interface WorkerSummary extends WriteStageStats {
  completed: number;
  failed: number;
  /** Statements that failed inside write transactions that the driver then retried (deadlocks, lock waits). */
  failedStatements: number;
  lockWaitMs: number;
}

export interface IngestWorker {
  summary(): WorkerSummary;
  /** Stop taking jobs, finish the ones in flight, and close the worker's Redis connections. */
  close(): Promise<void>;
}

/** Expected failures are recorded as "CODE: message" (readJobProgress splits them again). */
function reason(e: unknown): string {
  return e instanceof AppError ? `${e.code}: ${e.message}` : describeError(e);
}

export function startIngestWorker(o: IngestWorkerOptions): IngestWorker {
  const version = extractorFingerprint(o.nlp?.id);
  const redis = connectRedis(o.redisUrl, o.log, "worker");
  // The lock has a connection of its own: BullMQ's blocking reads must never hold up a writer.
  const lockRedis = o.settings.writeLock ? connectRedis(o.redisUrl, o.log, "write-lock") : undefined;
  const lock = lockRedis ? new WriteLock(lockRedis, `kg:write-lock:${o.db.database}`) : undefined;
  const stage = new WriteStage(o.db, { maxBatch: o.concurrency, ...(lock ? { lock } : {}) });
  let completed = 0;
  let failed = 0;
  let failedStatements = 0;
  const unobserve = o.db.observe((ev) => {
    if (!ev.ok) failedStatements++;
  });
  const progress = (job: Job, stage: JobStage) => job.updateProgress({ stage });
  const groups = new IngestGroups(redis, o.settings.name);
  // Counted when the article is committed (or the job fails for good), before BullMQ records the job
  // finished: a worker killed in between leaves a retry that counts nothing twice. Progress that cannot
  // be counted (Redis going away) never fails the job.
  const settle = async (job: Job, failed: boolean) => {
    try {
      for (const p of await groups.count(job.id!, { failed })) o.publishProgress?.(p);
    } catch (err) {
      o.log.warn({ jobId: job.id, err }, "could not count the job towards its ingest group's progress");
    }
  };
  const lastTry = (job: Job, e: unknown) => e instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

  const processJob = async (job: Job<ArticleJobData, ArticleJobResult>): Promise<ArticleJobResult> => {
    try {
      const r = await tryJob(job);
      await settle(job, false);
      return r;
    } catch (e) {
      if (lastTry(job, e)) await settle(job, true);
      throw e;
    }
  };

  const tryJob = async (job: Job<ArticleJobData, ArticleJobResult>): Promise<ArticleJobResult> => {
    const v = validateArticle(job.data.article);
    if (!v.ok) throw new UnrecoverableError(`BAD_USER_INPUT: ${v.message}`);
    const id = articleId(v.article);
    await progress(job, "extracting");
    let extraction;
    try {
      extraction = await o.pool.extract({ ...v.article, id }, o.nlp);
    } catch (e) {
      if (e instanceof AppError && e.code === "NLP_UNAVAILABLE") throw new Error(reason(e), { cause: e });
      throw new UnrecoverableError(e instanceof AppError ? reason(e) : `EXTRACTION_FAILED: ${describeError(e)}`);
    }
    await progress(job, "writing");
    try {
      const w = await stage.submit({ input: v.article, id, contentHash: articleHash(v.article, version), extraction, extractor: version });
      return { articleId: id, status: w.status, batchSize: w.batchSize };
    } catch (e) {
      throw new Error(reason(e), { cause: e });
    }
  };

  const worker = new Worker<ArticleJobData, ArticleJobResult>(o.settings.name, processJob, {
    connection: redis,
    concurrency: o.concurrency,
    name: o.name,
    lockDuration: o.settings.lockMs,
    stalledInterval: o.settings.lockMs,
    // A job whose worker died is handed on up to three times before it is failed as stalled.
    maxStalledCount: 3,
    removeOnComplete: { age: 24 * 3600, count: 1_000_000 },
    removeOnFail: { count: 100_000 },
  });
  // Connection errors are logged once per outage by the connection itself.
  worker.on("error", () => {});
  worker.on("completed", () => void completed++);
  worker.on("failed", (job, err) => {
    failed++;
    const willRetry = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1) && !(err instanceof UnrecoverableError);
    o.log.warn({ jobId: job?.id, attempt: job?.attemptsMade, willRetry, err: err.message }, willRetry ? "job try failed; retrying later" : "job failed");
    // A job failed without running (BullMQ's "stalled more than allowable limit") was not counted by processJob.
    if (job && !willRetry) void settle(job, true);
  });

  return {
    summary: () => ({ ...stage.stats, completed, failed, failedStatements, lockWaitMs: lock?.waitedMs ?? 0 }),
    close: async () => {
      await worker.close();
      unobserve();
      redis.disconnect();
      lockRedis?.disconnect();
    },
  };
}
