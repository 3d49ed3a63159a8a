/**
 * The write side of ingestion: one managed write transaction per batch, so every article of
 * the batch is stored completely or not at all, and a retried transaction redoes all of it.
 */
import type { Runner, Tx } from "../db/client.ts";
import type { EntityType } from "../extraction/types.ts";
import type { ArticleChange } from "../graph/changes.ts";
import { aliasKey } from "../graph/keys.ts";
import { list, obj, str, strOrNull } from "../store/rows.ts";
import {
  articleParams,
  assignIds,
  candidates,
  splitKey,
  writeParams,
  type Candidate,
  type Curation,
  type PreparedArticle,
  type Resolution,
  type WriteParams,
} from "./plan.ts";

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

/**
 * The curation rules that apply to a batch's candidates, read in the write transaction (so a curation action
 * committed before it is seen): `cypher/curationForCandidates.cypher`, then the canonical names of the ids they resolve to.
 */
async function curationFor(tx: Tx, cands: Candidate[]): Promise<Curation> {
  const keys = [...new Set(cands.flatMap((c) => [aliasKey(c.type, c.name), ...c.aliasKeys]))];
  const [row] = await tx.run("curationForCandidates", { keys, articleIds: [...new Set(cands.map((c) => c.articleId))] });
  const cur: Curation = { redirects: new Map(), splits: new Map(), removed: new Map(), canonical: new Map() };
  for (const v of list(row?.redirects, "redirects")) {
    const o = obj(v, "redirects");
    cur.redirects.set(str(o, "key"), str(o, "target"));
  }
  for (const v of list(row?.splits, "splits")) {
    const o = obj(v, "splits");
    const k = splitKey(str(o, "articleId"), str(o, "entityId"));
    if (!cur.splits.has(k)) cur.splits.set(k, str(o, "target")); // newest first
  }
  for (const v of list(row?.unaliases, "unaliases")) {
    const o = obj(v, "unaliases");
    const id = str(o, "entityId");
    cur.removed.set(id, (cur.removed.get(id) ?? new Set()).add(str(o, "key")));
  }
  return cur;
}

async function canonicalNames(tx: Tx, cur: Curation, ids: Iterable<string>): Promise<void> {
  for (const r of await tx.run("curationCanonical", { ids: [...new Set(ids)] })) {
    const name = strOrNull(r, "name");
    if (name) cur.canonical.set(str(r, "id"), { name, type: str(r, "type") as EntityType });
  }
}

/**
 * Store (or replace) the articles of one batch with their mentions, relations and quotes, resolving
 * their entities under the curation rules. `force`: rewrite articles whose stored hash is the same too
 * (re-resolving them after a curation change).
 */
export async function writeBatch(db: Runner, articles: PreparedArticle[], force = false): Promise<BatchResult> {
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
    if (force) for (const a of sorted) if (status.get(a.id) === "unchanged") status.set(a.id, "updated");
    const changed = sorted.filter((a) => status.get(a.id) !== "unchanged");
    if (changed.length === 0) return { entitiesCreated: 0, relations: 0, quotes: 0, status };
    const cands = candidates(changed);
    const previous = changed.flatMap((a) => before.get(a.id)?.previous ?? []);
    if (previous.length > 0) await tx.run("clearArticleContributions", { ids: changed.map((a) => a.id) });

    const resolved = (await tx.run("resolveEntities", {
      candidates: cands.map((c) => ({ ref: c.ref, id: c.id, aliasKeys: c.aliasKeys })),
    })) as unknown as Resolution[];
    const cur = await curationFor(tx, cands);
    const ids = assignIds(cands, resolved, cur);
    await canonicalNames(tx, cur, ids.values());
    const params = writeParams(changed, cands, ids, cur);
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
