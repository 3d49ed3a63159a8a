/**
 * The write side of ingestion: one managed write transaction per batch, so every article of
 * the batch is stored completely or not at all, and a retried transaction redoes all of it.
 */
import type { Runner, Tx } from "../db/client.ts";
import type { ArticleChange } from "../graph/changes.ts";
import { articleParams, assignIds, candidates, writeParams, type PreparedArticle, type Resolution, type WriteParams } from "./plan.ts";

/** What a write did to an article, as decided under its lock: by what was stored when the write got it. */
export type WriteStatus = "new" | "updated" | "unchanged";

export interface BatchResult {
  entitiesCreated: number;
  relations: number;
  quotes: number;
  /** Per article id. "unchanged": another writer stored the same content meanwhile; nothing else was rewritten. */
  status: Map<string, WriteStatus>;
}

// Private: entities the articles mentioned before this write that they no longer mention may now be orphans.
async function removeOrphans(tx: Tx, previous: string[]): Promise<void> {
  if (previous.length > 0) await tx.run("deleteOrphanEntities", { ids: [...new Set(previous)] });
}

// Private: the last statement of a batch's own work (Db.writeTx then stamps the graph version): recount `mentionCount` (what `entitiesList` sorts on, by index) on
// every entity the transaction added or removed mentions of. One statement; ids sorted so two writers lock
// shared entities in the same order. Entities deleted as orphans are skipped by the statement.
async function refreshMentionCounts(tx: Tx, touched: Iterable<string>): Promise<void> {
  const ids = [...new Set(touched)].sort();
  if (ids.length > 0) await tx.run("refreshMentionCounts", { ids });
}

// Private: the change-log entries of the stored articles, counted per article from what is written.
function changesOf(changed: PreparedArticle[], status: Map<string, WriteStatus>, params: WriteParams): ArticleChange[] {
  const per = new Map<string, ArticleChange>();
  for (const a of changed) {
    const kind = status.get(a.id) === "new" ? "NEW" : "UPDATED";
    per.set(a.id, { articleId: a.id, kind, source: a.input.source ?? null, entityIds: [], entities: 0, relations: 0, quotes: 0 });
  }
  for (const m of params.mentions) {
    const c = per.get(m.articleId);
    if (!c) continue;
    c.entityIds.push(m.entityId);
    c.entities++;
  }
  for (const r of params.relations) {
    const c = per.get(String(r.articleId));
    if (c) c.relations++;
  }
  for (const q of params.quotes) {
    const c = per.get(String(q.articleId));
    if (c) c.quotes++;
  }
  return [...per.values()];
}

/** Store (or replace) the articles of one batch with their mentions, relations and quotes. */
export async function writeBatch(db: Runner, articles: PreparedArticle[]): Promise<BatchResult> {
  // Lock in id order so two ingesters with overlapping batches cannot deadlock each other.
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return db.writeTx(async (tx) => {
    // Articles first: this takes their write locks, so two ingesters of one article serialise here,
    // and what each had stored is read under its lock: of eight concurrent ingests of one new
    // article, one finds nothing (new) and the others find its hash (unchanged) or another (updated).
    const merged = await tx.run("mergeArticles", { articles: sorted.map(articleParams) });
    const before = new Map(merged.map((r) => [r.id as string, { hash: r.before as string | null, previous: (r.previous as string[]) ?? [] }]));
    const status = new Map<string, WriteStatus>();
    for (const a of sorted) {
      const b = before.get(a.id);
      status.set(a.id, b?.hash == null ? "new" : b.hash === a.contentHash ? "unchanged" : "updated");
    }
    const changed = sorted.filter((a) => status.get(a.id) !== "unchanged");
    if (changed.length === 0) return { entitiesCreated: 0, relations: 0, quotes: 0, status };
    const cands = candidates(changed);
    const previous = changed.flatMap((a) => before.get(a.id)?.previous ?? []);
    if (previous.length > 0) await tx.run("clearArticleContributions", { ids: changed.map((a) => a.id) });

    const resolved = (await tx.run("resolveEntities", {
      candidates: cands.map((c) => ({ ref: c.ref, id: c.id, aliasKeys: c.aliasKeys })),
    })) as unknown as Resolution[];
    const ids = assignIds(cands, resolved);
    const params = writeParams(changed, cands, ids);
    const existing = new Set(resolved.filter((r) => r.existing).map((r) => r.existing!));
    for (const r of resolved) for (const v of r.viaAlias) existing.add(v);

    if (params.entities.length) await tx.run("upsertEntities", { entities: params.entities });
    if (params.mentions.length) await tx.run("createMentions", { mentions: params.mentions });
    if (params.relations.length) await tx.run("createRelations", { relations: params.relations });
    if (params.quotes.length) await tx.run("createQuotes", { quotes: params.quotes });
    const now = new Set(params.entities.map((e) => e.id));
    await removeOrphans(
      tx,
      previous.filter((id) => !now.has(id)),
    );
    await refreshMentionCounts(tx, [...now, ...params.mentions.map((m) => m.entityId), ...previous]);
    tx.noteChanges(changesOf(changed, status, params));
    return {
      entitiesCreated: params.entities.filter((e) => !existing.has(e.id)).length,
      relations: params.relations.length,
      quotes: params.quotes.length,
      status,
    };
  });
}

/** Remove articles and everything only they contributed. Returns the ids that existed. */
export async function deleteArticles(db: Runner, ids: string[]): Promise<string[]> {
  return db.writeTx(async (tx) => {
    const rows = await tx.run("mentionedEntityIds", { ids });
    if (rows.length === 0) return [];
    const found = rows.map((r) => r.id as string);
    await tx.run("clearArticleContributions", { ids: found });
    await tx.run("deleteArticles", { ids: found });
    const mentioned = rows.flatMap((r) => r.mentioned as string[]);
    await removeOrphans(tx, mentioned);
    await refreshMentionCounts(tx, mentioned);
    tx.noteChanges(
      rows.map((r) => ({
        articleId: r.id as string,
        kind: "DELETED",
        source: (r.source as string | null) ?? null,
        entityIds: r.mentioned as string[],
        entities: 0,
        relations: 0,
        quotes: 0,
      })),
    );
    return found;
  });
}
