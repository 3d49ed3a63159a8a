/**
 * Per-request DataLoaders: every parent → child hop is one store call (one Cypher statement) per
 * batch, not one per parent. Loaders are made lazily and cached on the request context (never
 * shared between requests, so one user's cache cannot leak into another's answer). Loaders whose
 * child list takes arguments (type, first, …) get one loader per distinct argument set.
 */
import DataLoader from "dataloader";
import type { AppContext } from "./context.ts";
import type {
  ArticleRow,
  Batch,
  EntityArticlesBatch,
  EntityLookup,
  EntityRelationsArgs,
  EntityRelationsBatch,
  EntityRelationsRequest,
  EntityRow,
  EvidenceArticle,
  Headers,
  Paged,
  RelationRow,
  Window,
} from "../store/index.ts";
import type { EntityType, RelationType } from "../extraction/types.ts";

// Private: one loader per (name, args) per request; the batch function gets all keys at once and
// returns a map, which is turned back into key order (Neo4j returns rows in no guaranteed order).
// Keys are ids, or objects named in the map (and in the loader's cache) by `keyOf`.
function loader<V, K = string>(
  ctx: AppContext,
  name: string,
  args: object,
  batch: (keys: readonly K[]) => Promise<Map<string, V>>,
  missing: V,
  keyOf: (k: K) => string = String,
): DataLoader<K, V, string> {
  const cacheKey = `${name}:${JSON.stringify(args)}`;
  let l = ctx.loaders.get(cacheKey) as DataLoader<K, V, string> | undefined;
  if (!l) {
    l = new DataLoader<K, V, string>(
      async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => found.get(keyOf(k)) ?? missing);
      },
      { cacheKeyFn: keyOf },
    );
    ctx.loaders.set(cacheKey, l);
  }
  return l;
}

// Private: a batch answer's values, after handing the nodes that came with it to the node loaders.
function primed<T>(ctx: AppContext, b: Batch<T>): Map<string, T> {
  return primedBatch(ctx, b).byId;
}

// Private: a batch answer, after handing the nodes that came with it to the node loaders.
function primedBatch<B extends Batch<unknown>>(ctx: AppContext, b: B): B {
  prime(ctx, b.headers);
  return b;
}

// Private: an entityRelations loader key as a string (entity, type, direction, first).
const relationsKey = (k: { id: string } & EntityRelationsArgs): string => `${k.id}|${k.type ?? ""}|${k.direction}|${k.first}`;

// Private: an entity lookup as a loader key (its keys follow from its ref, but a global id has none).
const lookupKey = (l: EntityLookup): string => `${l.keys.length}|${l.ref}`;

const byId = <T extends { id: string }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));

const EMPTY: Paged<never> = { total: 0, items: [] };

/**
 * Statements that already return related rows (relation ends, evidence articles) hand them to the
 * node loaders, so a later `subject { name }` or `article { title }` costs no statement at all.
 */
export function prime(ctx: AppContext, headers: Partial<Headers>): void {
  const e = loaders.entity(ctx);
  for (const r of headers.entities ?? []) e.prime(r.id, r);
  const a = loaders.article(ctx);
  for (const r of headers.articles ?? []) a.prime(r.id, r);
}

// Private: an entityRelations statement, its evidence handed to the evidence loader.
async function relationsBatch(ctx: AppContext, requests: EntityRelationsRequest[], evidenceFirst: number): Promise<EntityRelationsBatch> {
  const b = await ctx.store.entityRelations(requests, evidenceFirst);
  if (b.evidence) {
    const ev = loaders.evidence(ctx, { first: evidenceFirst });
    for (const [key, items] of b.evidence) ev.prime(key, items);
  }
  return b;
}

// Private: an entityArticles statement, the articles' mentions (when asked for) handed to the articleMentions loader.
async function articlesBatch(
  ctx: AppContext,
  ids: readonly string[],
  page: Window,
  mentions: { type: EntityType | null } | null,
  withEntity: boolean,
): Promise<EntityArticlesBatch> {
  const b = await ctx.store.entityArticles(ids, page, mentions, withEntity);
  if (b.mentions && mentions) {
    const l = loaders.articleMentions(ctx, mentions);
    for (const [articleId, p] of b.mentions) l.prime(articleId, p);
  }
  return b;
}

export const loaders = {
  article: (ctx: AppContext) => loader<ArticleRow | null>(ctx, "article", {}, async (ids) => byId(await ctx.store.articlesByIds(ids)), null),

  articleText: (ctx: AppContext) => loader<string | null>(ctx, "articleText", {}, (ids) => ctx.store.articleTexts(ids), null),

  entity: (ctx: AppContext) => loader<EntityRow | null>(ctx, "entity", {}, async (ids) => byId(await ctx.store.entitiesByIds(ids)), null),

  /**
   * Keyed by (entity, filter), so every `relations(type:, direction:, first:)` field of a level
   * (aliased per type, as in "entities → relations of three types") is one statement; with
   * `evidenceFirst` > 0 that statement also fills the evidence loader for the relations it returns.
   */
  entityRelations: (ctx: AppContext, evidenceFirst: number) =>
    loader<Paged<RelationRow>, { id: string } & EntityRelationsArgs>(
      ctx,
      "entityRelations",
      { evidenceFirst },
      async (keys) =>
        primed(
          ctx,
          await relationsBatch(
            ctx,
            keys.map((k) => ({ ...k, key: relationsKey(k) })),
            evidenceFirst,
          ),
        ),
      EMPTY,
      relationsKey,
    ),

  /**
   * `entity(name:)` whose one `relations` selection is `args` (with `evidenceFirst` of evidence below
   * it), by lookup (`entityRef`): the entity each name means and its relations in one statement, the relations loader
   * primed with them, so the `relations` field costs no statement. Null where a name means no entity.
   */
  entityNamedWithRelations: (ctx: AppContext, args: EntityRelationsArgs, evidenceFirst: number) =>
    loader<EntityRow | null, EntityLookup>(
      ctx,
      "entityNamedWithRelations",
      { ...args, evidenceFirst },
      async (lookups) => {
        const requests = lookups.map((lookup) => ({ ...args, key: lookupKey(lookup), id: lookup.ref, lookup }));
        const b = primedBatch(ctx, await relationsBatch(ctx, requests, evidenceFirst));
        const relations = loaders.entityRelations(ctx, evidenceFirst);
        for (const [key, entity] of b.named) relations.prime({ ...args, id: entity.id }, b.byId.get(key) ?? EMPTY);
        return b.named;
      },
      null,
      lookupKey,
    ),

  evidence: (ctx: AppContext, args: { first: number }) =>
    loader(ctx, "evidence", args, async (keys) => primed(ctx, await ctx.store.relationEvidence(keys, args.first)), []),

  /** With `mentions`, the same statement also fills the articleMentions loader for those articles (see entityArticles in the store). */
  entityArticles: (ctx: AppContext, args: Window, mentions: { type: EntityType | null } | null = null) =>
    loader(ctx, "entityArticles", { ...args, mentions }, async (ids) => primed(ctx, await articlesBatch(ctx, ids, args, mentions, false)), EMPTY),

  /**
   * `entity(id:)` whose one `articles` selection is `page` (with `mentions` looked ahead below it):
   * each entity and its page in one statement, the entityArticles loader primed with it, so the
   * `articles` field costs no statement. Null where there is no such entity.
   */
  entityWithArticles: (ctx: AppContext, page: Window, mentions: { type: EntityType | null } | null) =>
    loader<EntityRow | null>(
      ctx,
      "entityWithArticles",
      { ...page, mentions },
      async (ids) => {
        const b = primedBatch(ctx, await articlesBatch(ctx, ids, page, mentions, true));
        const articles = loaders.entityArticles(ctx, page, mentions);
        for (const id of b.entities.keys()) articles.prime(id, b.byId.get(id) ?? EMPTY);
        return b.entities;
      },
      null,
    ),

  entityQuotes: (ctx: AppContext, args: { first: number }) =>
    loader(ctx, "entityQuotes", args, async (ids) => primed(ctx, await ctx.store.entityQuotes(ids, args.first)), EMPTY),

  coMentions: (ctx: AppContext, args: { first: number }) =>
    loader(ctx, "coMentions", args, async (ids) => primed(ctx, await ctx.store.coMentions(ids, args.first)), EMPTY),

  articleMentions: (ctx: AppContext, args: { type: EntityType | null }) =>
    loader(ctx, "articleMentions", args, async (ids) => primed(ctx, await ctx.store.articleMentions(ids, args.type)), EMPTY),

  articleRelations: (ctx: AppContext, args: { type: RelationType | null }) =>
    loader(ctx, "articleRelations", args, async (ids) => primed(ctx, await ctx.store.articleRelations(ids, args.type)), EMPTY),

  articleQuotes: (ctx: AppContext) => loader(ctx, "articleQuotes", {}, async (ids) => primed(ctx, await ctx.store.articleQuotes(ids)), EMPTY),

  relatedArticles: (ctx: AppContext, args: { first: number }) =>
    loader(ctx, "relatedArticles", args, async (ids) => primed(ctx, await ctx.store.relatedArticles(ids, args.first)), EMPTY),

  duplicateEvidence: (ctx: AppContext, args: { first: number }) =>
    loader<EvidenceArticle[]>(ctx, "duplicateEvidence", args, (ids) => ctx.store.duplicateEvidence(ids, args.first), []),
};
