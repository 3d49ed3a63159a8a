/**
 * Per-request DataLoaders: every parent → child hop is one Cypher statement per batch, not one
 * per parent. Loaders are made lazily and cached on the request context (never shared between
 * requests, so one user's cache cannot leak into another's answer). Loaders whose child list
 * takes arguments (type, first, …) get one loader per distinct argument set.
 */
import DataLoader from "dataloader";
import type { AppContext } from "./context.ts";
import type { Row } from "../db/client.ts";
import { int } from "../db/values.ts";
import type { ArticleRow, EntityRow, EvidenceRow, Paged, QuoteRow, RelationRow } from "./rows.ts";

// Private: one loader per (name, args) per request; the batch function gets all keys at once and
// returns a map, which is turned back into key order (Neo4j returns rows in no guaranteed order).
function loader<V>(ctx: AppContext, name: string, args: object, batch: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
  const cacheKey = `${name}:${JSON.stringify(args)}`;
  let l = ctx.loaders.get(cacheKey) as DataLoader<string, V> | undefined;
  if (!l) {
    l = new DataLoader<string, V>(async (ids) => {
      const found = await batch(ids);
      return ids.map((id) => found.get(id) ?? missing);
    });
    ctx.loaders.set(cacheKey, l);
  }
  return l;
}

function byId<T>(rows: Row[], key = "id"): Map<string, T> {
  return new Map(rows.map((r) => [r[key] as string, r as unknown as T]));
}

function paged<T>(rows: Row[]): Map<string, Paged<T>> {
  return new Map(rows.map((r) => [r.id as string, { total: r.total as number, items: r.items as unknown as T[] }]));
}

const EMPTY: Paged<never> = { total: 0, items: [] };

/**
 * Statements that already return related rows (relation ends, evidence articles) hand them to the
 * node loaders, so a later `subject { name }` or `article { title }` costs no statement at all.
 */
export function primeEntities(ctx: AppContext, rows: readonly EntityRow[]): void {
  const l = loaders.entity(ctx);
  for (const r of rows) l.prime(r.id, r);
}
export function primeArticles(ctx: AppContext, rows: readonly ArticleRow[]): void {
  const l = loaders.article(ctx);
  for (const r of rows) l.prime(r.id, r);
}

export const loaders = {
  article: (ctx: AppContext) =>
    loader<ArticleRow | null>(ctx, "article", {}, async (ids) => byId(await ctx.db.read("articlesByIds", { ids })), null),

  articleText: (ctx: AppContext) =>
    loader<string | null>(ctx, "articleText", {}, async (ids) => new Map((await ctx.db.read("articleTexts", { ids })).map((r) => [r.id as string, r.text as string])), null),

  entity: (ctx: AppContext) =>
    loader<EntityRow | null>(ctx, "entity", {}, async (ids) => byId(await ctx.db.read("entitiesByIds", { ids })), null),

  entityRelations: (ctx: AppContext, args: { type: string | null; direction: string; first: number }) =>
    loader<Paged<RelationRow>>(ctx, "entityRelations", args, async (ids) => {
      const found = paged<RelationRow & { header: EntityRow | ArticleRow }>(await ctx.db.read("entityRelations", { ids, ...args, first: int(args.first) }));
      for (const p of found.values()) {
        for (const r of p.items) {
          if (r.objectIsArticle) primeArticles(ctx, [r.header as ArticleRow]);
          else primeEntities(ctx, [r.header as EntityRow]);
        }
      }
      return found;
    }, EMPTY),

  evidence: (ctx: AppContext, args: { first: number }) =>
    loader<EvidenceRow[]>(ctx, "evidence", args, async (keys) => {
      const parsed = keys.map((key) => {
        const [type, subjectId, ...rest] = key.split("|");
        return { key, type, subjectId, objectId: rest.join("|") };
      });
      const rows = await ctx.db.read("relationEvidence", { keys: parsed, first: int(args.first) });
      const found = new Map(rows.map((r) => [r.key as string, r.items as unknown as (EvidenceRow & { article: ArticleRow | null })[]]));
      for (const ev of found.values()) primeArticles(ctx, ev.flatMap((e) => (e.article ? [e.article] : [])));
      return found;
    }, []),

  entityArticles: (ctx: AppContext, args: { offset: number; limit: number }) =>
    loader<Paged<{ articleId: string; mentions: number }>>(ctx, "entityArticles", args, async (ids) => {
      const found = paged<{ articleId: string; mentions: number; article: ArticleRow }>(
        await ctx.db.read("entityArticles", { ids, offset: int(args.offset), limit: int(args.limit) }),
      );
      for (const p of found.values()) primeArticles(ctx, p.items.map((i) => i.article));
      return found;
    }, EMPTY),

  entityQuotes: (ctx: AppContext, args: { first: number }) =>
    loader<Paged<QuoteRow>>(ctx, "entityQuotes", args, async (ids) => paged(await ctx.db.read("entityQuotes", { ids, first: int(args.first) })), EMPTY),

  coMentions: (ctx: AppContext, args: { first: number }) =>
    loader<Paged<{ entityId: string; sharedArticles: number }>>(ctx, "coMentions", args, async (ids) =>
      paged(await ctx.db.read("coMentions", { ids, first: int(args.first) })), EMPTY),

  articleMentions: (ctx: AppContext, args: { type: string | null }) =>
    loader<Paged<{ entityId: string; mentions: number; names: string[] }>>(ctx, "articleMentions", args, async (ids) => {
      const found = paged<{ entityId: string; mentions: number; names: string[]; entity: EntityRow }>(await ctx.db.read("articleMentions", { ids, ...args }));
      for (const p of found.values()) primeEntities(ctx, p.items.map((i) => i.entity));
      return found;
    }, EMPTY),

  articleRelations: (ctx: AppContext, args: { type: string | null }) =>
    loader<Paged<RelationRow>>(ctx, "articleRelations", args, async (ids) => paged(await ctx.db.read("articleRelations", { ids, ...args })), EMPTY),

  articleQuotes: (ctx: AppContext) =>
    loader<Paged<QuoteRow>>(ctx, "articleQuotes", {}, async (ids) => paged(await ctx.db.read("articleQuotes", { ids })), EMPTY),

  relatedArticles: (ctx: AppContext, args: { first: number }) =>
    loader<Paged<{ articleId: string; sharedEntityIds: string[] }>>(ctx, "relatedArticles", args, async (ids) =>
      paged(await ctx.db.read("relatedArticles", { ids, first: int(args.first) })), EMPTY),
};
