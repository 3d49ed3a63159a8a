/** Writes the API makes: ingest and delete (the pipeline the CLI uses too), and analyst merges. */
import type { Runner } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { ArticleRecord } from "../input/read-articles.ts";
import { ingest, type IngestOptions, type IngestSummary } from "../ingest/pipeline.ts";
import { deleteArticles as deleteStored } from "../ingest/writer.ts";
import { entityRow, str, type EntityRow } from "./rows.ts";

/** Extract and store articles (src/ingest/pipeline.ts); bad records are reported through `opts.onFailure`. */
export function ingestArticles(db: Runner, records: Iterable<ArticleRecord>, opts: IngestOptions): Promise<IngestSummary> {
  return ingest(db, records, opts);
}

/** Remove articles and everything only they contributed; the ids that existed. */
export function deleteArticles(db: Runner, ids: string[]): Promise<string[]> {
  return deleteStored(db, ids);
}

/**
 * Fold the `from` entities into `into`, in one transaction that first locks all of them (in id
 * order): of two opposite merges at once, the second finds its entity merged away and gets NOT_FOUND.
 * `cypher/lockEntities.cypher`, `cypher/mergeEntities.cypher`, `cypher/entitiesByIds.cypher`
 */
export function mergeEntities(db: Runner, into: string, from: string[], tag: string): Promise<EntityRow> {
  return db.writeTx(async (tx) => {
    const ids = [into, ...from];
    // An entity deleted (merged away) while this transaction waited for its lock comes back with a null id: absent.
    const found = new Set((await tx.run("lockEntities", { ids: [...ids].sort(), tag })).flatMap((r) => (r.id === null ? [] : [str(r, "id")])));
    const absent = ids.filter((id) => !found.has(id));
    if (absent.length)
      throw new AppError(
        "NOT_FOUND",
        `No entity with id ${absent.map((a) => `"${a}"`).join(", ")} (never there, or merged or deleted meanwhile): nothing was merged.`,
      );
    await tx.run("mergeEntities", { into, from });
    const [merged] = await tx.run("entitiesByIds", { ids: [into] });
    if (!merged) throw new AppError("NOT_FOUND", `Entity "${into}" was deleted during the merge: nothing was merged.`);
    return entityRow(merged);
  });
}
