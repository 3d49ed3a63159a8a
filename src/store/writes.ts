/** Writes the API makes: ingest and delete (the pipeline the CLI uses too); analyst curation is in curation.ts. */
import type { Runner } from "../db/client.ts";
import type { ArticleRecord } from "../input/read-articles.ts";
import { ingest, type IngestOptions, type IngestSummary } from "../ingest/pipeline.ts";
import { deleteArticles as deleteStored } from "../ingest/writer.ts";

/** Extract and store articles (src/ingest/pipeline.ts); bad records are reported through `opts.onFailure`. */
export function ingestArticles(db: Runner, records: Iterable<ArticleRecord>, opts: IngestOptions): Promise<IngestSummary> {
  return ingest(db, records, opts);
}

/** Remove articles and everything only they contributed; the ids that existed. */
export function deleteArticles(db: Runner, ids: string[]): Promise<string[]> {
  return deleteStored(db, ids);
}
