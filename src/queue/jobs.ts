/**
 * What an ingest job is: one validated article, its origin, and an id made of the article's id and
 * its content, so enqueueing the same article twice is one job and a changed article is another.
 */
import { articleHash, articleId } from "../extraction/article-id.ts";
import type { ArticleInput } from "../extraction/types.ts";
import type { Origin } from "../input/read-articles.ts";
import type { WriteStatus } from "../ingest/writer.ts";

export interface ArticleJobData {
  article: ArticleInput;
  origin: Origin;
}

/** A finished job's return value (BullMQ keeps it with the job). */
export interface ArticleJobResult {
  articleId: string;
  status: WriteStatus;
  /** Articles written in the same transaction as this one. */
  batchSize: number;
}

/** Where a job is in the worker: set with job.updateProgress, read back by readJobProgress. */
export type JobStage = "extracting" | "writing";

/**
 * The job id of an article: its id (":" and "%" escaped, as BullMQ ids may not hold ":"), a dot, and 24
 * hex digits of the hash of its text and metadata. The extractor is left out: the enqueuer does not know
 * which backbone the workers run, and the writer still decides new/updated/unchanged under the article's lock.
 *
 * @example ingestJobId({ id: "a:1", text: "…" }) // "a%3A1.3f2a…"
 */
export function ingestJobId(article: ArticleInput): string {
  const id = articleId(article).replace(/%/g, "%25").replace(/:/g, "%3A");
  return `${id}.${articleHash(article, "").slice(0, 24)}`;
}

/** The article id inside a job id (the inverse of the escaping above). */
export function articleIdOfJob(jobId: string): string {
  const dot = jobId.lastIndexOf(".");
  return (dot < 0 ? jobId : jobId.slice(0, dot)).replace(/%3A/g, ":").replace(/%25/g, "%");
}
