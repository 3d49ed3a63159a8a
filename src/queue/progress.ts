/**
 * A job's progress as the service shows it (the `job(id)` query, `kg jobs`), made from BullMQ's
 * record of the job in one place, so a publisher of progress events (an `ingestProgress(jobId)`
 * subscription) can send the same shape.
 */
import type { Job } from "bullmq";
import type { WriteStatus } from "../ingest/writer.ts";
import { articleIdOfJob, type ArticleJobData, type ArticleJobResult, type JobStage } from "./jobs.ts";

export type JobStateName = "waiting" | "active" | "delayed" | "completed" | "failed";

export interface IngestJobProgress {
  jobId: string;
  articleId: string;
  state: JobStateName;
  /** While active: what the worker is doing. */
  stage: JobStage | null;
  /** Tries started so far (a worker that died mid-job counts). */
  attempts: number;
  /** When completed: what the write did. */
  status: WriteStatus | null;
  /** When it failed (or failed a try and waits to retry): the error code and message of the last try. */
  errorCode: string | null;
  errorMessage: string | null;
  enqueuedAt: Date;
  finishedAt: Date | null;
  /** The worker (its --name) that last took the job. */
  worker: string | null;
}

const STATES: readonly string[] = ["waiting", "active", "delayed", "completed", "failed"];

/** "CODE: message" (how workers record an AppError) into its parts; other reasons have no code. */
export function splitReason(reason: string | undefined): { code: string | null; message: string | null } {
  if (!reason) return { code: null, message: null };
  const m = /^([A-Z][A-Z_]+): ([\s\S]*)$/.exec(reason);
  return m ? { code: m[1]!, message: m[2]! } : { code: null, message: reason };
}

function stageOf(progress: unknown): JobStage | null {
  const s = typeof progress === "object" && progress !== null ? (progress as { stage?: unknown }).stage : undefined;
  return s === "extracting" || s === "writing" ? s : null;
}

/** The progress of `job`, whose state has been read as `state` (BullMQ's names; "prioritized" and the like count as waiting). */
export function jobProgress(job: Job<ArticleJobData, ArticleJobResult | undefined>, state: string): IngestJobProgress {
  const name = (STATES.includes(state) ? state : "waiting") as JobStateName;
  const { code, message } = splitReason(job.failedReason);
  return {
    jobId: job.id!,
    articleId: job.returnvalue?.articleId ?? articleIdOfJob(job.id!),
    state: name,
    stage: name === "active" ? stageOf(job.progress) : null,
    attempts: Math.max(job.attemptsStarted ?? 0, job.attemptsMade),
    status: name === "completed" ? (job.returnvalue?.status ?? null) : null,
    errorCode: name === "completed" ? null : code,
    errorMessage: name === "completed" ? null : message,
    enqueuedAt: new Date(job.timestamp),
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    worker: job.processedBy ?? null,
  };
}
