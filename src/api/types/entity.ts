import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { entityFor, entityRef, keyOf } from "../ids.ts";
import { withLoaded } from "../join.ts";
import { loaders, prime } from "../loaders.ts";
import { connection, MAX_PAGE, pageArgs, type Page } from "../pagination.ts";
import { argsAt } from "../selection.ts";
import { ArticleRef, connectionOf, DirectionEnum, EntityRef, EntityTypeEnum, QuoteRef, RelationRef, RelationTypeEnum } from "../refs.ts";
import { NodeRef } from "./node.ts";
import { evidenceFirstAt } from "./relation.ts";
import type { ArticleRow, EntityRelationsArgs, EntityRow } from "../../store/index.ts";
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from "../../extraction/types.ts";

const RELATIONS_DEFAULT = 20;

const EntityArticleRef = builder.objectRef<{ article: ArticleRow; mentions: number }>("EntityArticle").implement({
  description: "An article that mentions an entity.",
  fields: (t) => ({
    article: t.field({ type: ArticleRef, description: "The article.", resolve: (x) => x.article }),
    mentions: t.exposeInt("mentions", { description: "How many times the article mentions the entity." }),
  }),
});
const EntityArticleConnection = connectionOf("EntityArticle", EntityArticleRef, "Articles mentioning an entity, newest first.");

// Private: the `type` of the one `edges { node { article { entities(type:) } } }` selection below an
// `articles` field (the current one, or the one at `below`; null: all types), or null when there is
// none or several (then they load on their own).
function mentionsLookahead(info: GraphQLResolveInfo, below: string[] = []): { type: EntityType | null } | null {
  const types = argsAt(info, [...below, "edges", "node", "article", "entities"], "type");
  if (types.length !== 1) return null;
  const t = types[0];
  if (t === undefined || t === null) return { type: null };
  return ENTITY_TYPES.includes(t as EntityType) ? { type: t as EntityType } : null;
}

// Private: the filter of the one `relations` selection below the current field, as the relations
// resolver keys its loader (defaults applied), or null: none, several, or an argument that resolver refuses.
function relationsLookahead(info: GraphQLResolveInfo): EntityRelationsArgs | null {
  const types = argsAt(info, ["relations"], "type");
  if (types.length !== 1) return null;
  const type = types[0] ?? null;
  const direction = argsAt(info, ["relations"], "direction")[0] ?? "BOTH";
  const first = argsAt(info, ["relations"], "first")[0] ?? RELATIONS_DEFAULT;
  if (type !== null && !RELATION_TYPES.includes(type as RelationType)) return null;
  if (direction !== "OUT" && direction !== "IN" && direction !== "BOTH") return null;
  if (typeof first !== "number" || !Number.isInteger(first) || first < 0 || first > MAX_PAGE) return null;
  return { type: type as RelationType | null, direction, first };
}

// Private: the page of the one `articles` selection below the current field, as the articles
// resolver computes it, or null: none, several, or a page that resolver refuses.
function articlesLookahead(info: GraphQLResolveInfo): Page | null {
  const firsts = argsAt(info, ["articles"], "first");
  const after = argsAt(info, ["articles"], "after")[0];
  const first = firsts[0];
  if (firsts.length !== 1 || !(first == null || typeof first === "number") || !(after == null || typeof after === "string")) return null;
  try {
    return pageArgs({ first, after });
  } catch {
    return null;
  }
}

const CoMentionRef = builder.objectRef<{ entity: EntityRow; sharedArticles: number }>("CoMention").implement({
  description: "An entity that appears in the same articles as another.",
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: "The other entity.", resolve: (x) => x.entity }),
    sharedArticles: t.exposeInt("sharedArticles", { description: "How many articles mention both." }),
  }),
});

EntityRef.implement({
  description: "A person, organisation, place or group, resolved across articles.",
  interfaces: [NodeRef],
  isTypeOf: (v) => typeof v === "object" && v !== null && "aliases" in v,
  fields: (t) => ({
    key: t.exposeString("id", { description: 'Stable key, e.g. "person:donald-trump" (the global id without "Entity:").' }),
    name: t.exposeString("name", { description: "Canonical name." }),
    type: t.field({ type: EntityTypeEnum, description: "What kind of entity.", resolve: (e) => e.type }),
    aliases: t.exposeStringList("aliases", { description: "Other names it goes by in the articles (acronyms, surnames, other spellings)." }),
    articleCount: t.exposeInt("articleCount", { description: "How many articles mention it." }),
    articles: t.field({
      type: EntityArticleConnection,
      description: "Articles that mention this entity, newest first.",
      args: { first: t.arg.int({ description: "Page size (default 20, at most 100)." }), after: t.arg.string({ description: "Cursor to continue after." }) },
      resolve: async (e, args, ctx, info) => {
        const page = pageArgs(args);
        // When the request asks what each article mentions (one `article { entities }` selection, as in
        // "entities → articles → entities"), the same statement returns it: one statement instead of two.
        const p = await loaders.entityArticles(ctx, page, mentionsLookahead(info)).load(e.id);
        const items = await withLoaded(
          loaders.article(ctx),
          p.items,
          (i) => i.articleId,
          (i, article) => ({ article, mentions: i.mentions }),
        );
        return connection(items, p.total, page);
      },
    }),
    relations: t.field({
      type: [RelationRef],
      description: "Relations this entity takes part in, aggregated over articles, most attested first.",
      args: {
        type: t.arg({ type: RelationTypeEnum, description: "Only this kind." }),
        direction: t.arg({ type: DirectionEnum, defaultValue: "BOTH", description: "OUT: as subject; IN: as object; BOTH (default)." }),
        first: t.arg.int({ defaultValue: RELATIONS_DEFAULT, description: "At most this many (default 20, at most 100)." }),
      },
      resolve: async (e, args, ctx, info) => {
        const { limit } = pageArgs({ first: args.first });
        // With one `evidence` selection below (as bench:peer (a) and (d) ask), the relations' evidence
        // comes in the same statement; every relations field of the level shares that one statement.
        const p = await loaders
          .entityRelations(ctx, evidenceFirstAt(info, ["evidence"]))
          .load({ id: e.id, type: args.type ?? null, direction: args.direction ?? "BOTH", first: limit });
        return p.items;
      },
    }),
    quotes: t.field({
      type: [QuoteRef],
      description: "What this entity was quoted saying, newest articles first.",
      args: { first: t.arg.int({ defaultValue: 20, description: "At most this many (default 20, at most 100)." }) },
      resolve: async (e, args, ctx) => (await loaders.entityQuotes(ctx, { first: pageArgs({ first: args.first }).limit }).load(e.id)).items,
    }),
    coMentions: t.field({
      type: [CoMentionRef],
      description: "Entities that appear in the same articles, by number of shared articles.",
      args: { first: t.arg.int({ defaultValue: 10, description: "At most this many (default 10, at most 100)." }) },
      resolve: async (e, args, ctx) => {
        const p = await loaders.coMentions(ctx, { first: pageArgs({ first: args.first }).limit }).load(e.id);
        return withLoaded(
          loaders.entity(ctx),
          p.items,
          (i) => i.entityId,
          (i, entity) => ({ entity, sharedArticles: i.sharedArticles }),
        );
      },
    }),
  }),
});

const EntityConnection = connectionOf("Entity", EntityRef, "Entities, best match first.");

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'One entity by id, or by a name or alias: `entity(name: "al-Abadi")`. A name means one entity, in every field that takes one: the entity with that id, else the most mentioned entity with that name or alias (case, diacritics, dots, a leading "the" ignored), of any type.',
    args: { id: t.arg.id({ description: 'Global id or key, e.g. "person:haider-al-abadi".' }), name: t.arg.string({ description: "A name or alias." }) },
    resolve: async (_r, args, ctx, info) => {
      if ((args.id == null) === (args.name == null)) throw new AppError("BAD_USER_INPUT", 'Give exactly one of "id" or "name".');
      if (args.id != null) {
        // "This entity and its articles" (one `articles` selection): the entity and the page in one statement.
        const page = articlesLookahead(info);
        if (page) return loaders.entityWithArticles(ctx, page, mentionsLookahead(info, ["articles"])).load(keyOf("Entity", args.id));
        return loaders.entity(ctx).load(keyOf("Entity", args.id));
      }
      // "This entity and its relations" (one `relations` selection): the name and the relations in one statement.
      const rel = relationsLookahead(info);
      if (rel) return loaders.entityNamedWithRelations(ctx, rel, evidenceFirstAt(info, ["relations", "evidence"])).load(entityRef(args.name!));
      return entityFor(ctx, args.name!);
    },
  }),
  entities: t.field({
    type: EntityConnection,
    description: "Entities by full-text search over names and aliases (ranked), or the most mentioned when no search is given.",
    args: {
      search: t.arg.string({ description: 'Words to look for, e.g. "islamic state". Lucene syntax is treated as plain words.' }),
      type: t.arg({ type: EntityTypeEnum, description: "Only this kind." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      const search = args.search?.trim() ? luceneQuery(args.search) : null;
      const type = args.type ?? null;
      const found = search === null ? await ctx.store.entitiesList(type, page) : await ctx.store.entitiesSearch(search, type, page);
      prime(ctx, { entities: found.items });
      return connection(found.items, found.total, page);
    },
  }),
}));

/**
 * Turn user words into a safe full-text query: Lucene operators and syntax characters are
 * escaped, each word must match (AND), and the last word may be a prefix.
 *
 * @example luceneQuery('islamic st') === 'islamic AND st*'
 */
export function luceneQuery(input: string): string {
  if (input.length > 300) throw new AppError("BAD_USER_INPUT", "A search is at most 300 characters.");
  const words = input
    .split(/\s+/)
    .map((w) => w.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, "").toLowerCase())
    .filter((w) => w.length > 0 && !["and", "or", "not", "to"].includes(w));
  if (words.length === 0) throw new AppError("BAD_USER_INPUT", "The search has no words left once punctuation is removed.");
  return words.map((w, i) => (i === words.length - 1 ? `${w}*` : w)).join(" AND ");
}
