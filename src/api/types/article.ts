import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { articleFor, entityIdsFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { connection, pageArgs } from "../pagination.ts";
import { ArticleRef, connectionOf, EntityRef, EntityTypeEnum, QuoteRef, RelationRef, RelationTypeEnum } from "../refs.ts";
import type { ArticleRow, EntityRow } from "../../store/index.ts";
import { loadAll, withLoaded } from "../join.ts";
import { luceneQuery } from "./entity.ts";
import { NodeRef } from "./node.ts";

const ArticleEntityRef = builder.objectRef<{ entity: EntityRow; mentions: number; names: string[] }>("ArticleEntity").implement({
  description: "An entity an article mentions.",
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: "The entity.", resolve: (x) => x.entity }),
    mentions: t.exposeInt("mentions", { description: "How many times this article mentions it." }),
    names: t.exposeStringList("names", { description: "The names this article uses for it." }),
  }),
});

const RelatedArticleRef = builder.objectRef<{ article: ArticleRow; sharedEntities: EntityRow[] }>("RelatedArticle").implement({
  description: "An article that shares entities with another.",
  fields: (t) => ({
    article: t.field({ type: ArticleRef, description: "The related article.", resolve: (x) => x.article }),
    sharedEntities: t.field({ type: [EntityRef], description: "The entities both mention.", resolve: (x) => x.sharedEntities }),
    sharedCount: t.int({ description: "How many entities both mention.", resolve: (x) => x.sharedEntities.length }),
  }),
});

ArticleRef.implement({
  description: "A news article as ingested, with what it mentions and asserts.",
  interfaces: [NodeRef],
  isTypeOf: (v) => typeof v === "object" && v !== null && "url" in v && !("speakerId" in v),
  fields: (t) => ({
    key: t.exposeString("id", { description: 'The article id as ingested (the global id without "Article:").' }),
    title: t.exposeString("title", { nullable: true, description: "Headline, where known." }),
    url: t.exposeString("url", { nullable: true, description: "Where it was published, where known." }),
    source: t.exposeString("source", { nullable: true, description: "Publisher or data set." }),
    publishedAt: t.exposeString("publishedAt", { nullable: true, description: "Publication time, ISO 8601, where known." }),
    text: t.string({
      description: "Full text; evidence offsets index into it. Loaded only when selected.",
      resolve: async (a, _args, ctx) =>
        (await loaders.articleText(ctx).load(a.id)) ??
        Promise.reject(new AppError("NOT_FOUND", `Article ${a.id} was deleted while the request ran; ask again.`)),
    }),
    entities: t.field({
      type: [ArticleEntityRef],
      description: "Entities it mentions, most mentioned first, with mention counts.",
      args: { type: t.arg({ type: EntityTypeEnum, description: "Only this kind." }) },
      resolve: async (a, args, ctx) => {
        return (await loaders.articleMentions(ctx, { type: args.type ?? null }).load(a.id)).items;
      },
    }),
    relations: t.field({
      type: [RelationRef],
      description: "What this article asserts (each relation's articleCount here is 1: this article).",
      args: { type: t.arg({ type: RelationTypeEnum, description: "Only this kind." }) },
      resolve: async (a, args, ctx) => (await loaders.articleRelations(ctx, { type: args.type ?? null }).load(a.id)).items,
    }),
    quotes: t.field({
      type: [QuoteRef],
      description: "Quotes in this article, in text order.",
      resolve: async (a, _args, ctx) => (await loaders.articleQuotes(ctx).load(a.id)).items,
    }),
    related: t.field({
      type: [RelatedArticleRef],
      description: "Articles sharing entities with this one, most shared first.",
      args: { first: t.arg.int({ defaultValue: 5, description: "At most this many (default 5, at most 100)." }) },
      resolve: async (a, args, ctx) => {
        const p = await loaders.relatedArticles(ctx, { first: pageArgs({ first: args.first }).limit }).load(a.id);
        const [pairs, ents] = await Promise.all([
          withLoaded(
            loaders.article(ctx),
            p.items,
            (i) => i.articleId,
            (i, article) => ({ article, ids: i.sharedEntityIds }),
          ),
          loadAll<EntityRow>(loaders.entity(ctx), [...new Set(p.items.flatMap((i) => i.sharedEntityIds))]),
        ]);
        const byId = new Map(ents.map((e) => [e.id, e]));
        return pairs.map(({ article, ids }) => ({ article, sharedEntities: ids.flatMap((id) => byId.get(id) ?? []) }));
      },
    }),
  }),
});

/** Most entities one `articles(filter: {mentions})` may name (each costs a lookup and a condition). */
const MAX_MENTIONS = 20;

const ArticleFilter = builder.inputType("ArticleFilter", {
  description: "Narrow the article list; all given conditions must hold.",
  fields: (t) => ({
    source: t.string({ description: "Exact source." }),
    publishedAfter: t.string({ description: "On or after this time (ISO 8601)." }),
    publishedBefore: t.string({ description: "Before this time (ISO 8601)." }),
    mentions: t.idList({
      description: `Mentions every one of these entities (ids, names or aliases, each one entity as in \`entity(name:)\`; at most ${MAX_MENTIONS}).`,
    }),
    search: t.string({ description: "Words in the title or text (full-text, ranked)." }),
  }),
});

const ArticleConnection = connectionOf("Article", ArticleRef, "Articles, newest (or best matching) first.");

function isoOrThrow(name: string, v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new AppError("BAD_USER_INPUT", `"${name}" is not a date: "${v.slice(0, 40)}". Use ISO 8601, e.g. 2017-07-10.`);
  return new Date(t).toISOString();
}

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by id: `article(id: "us-big-win-in-iraq")` (a global id works too; an id that itself looks like one is found as well).',
    args: { id: t.arg.id({ required: true, description: "Article id or global id." }) },
    resolve: (_r, args, ctx) => articleFor(ctx, args.id),
  }),
  articles: t.field({
    type: ArticleConnection,
    description: "Articles, filtered and paginated.",
    args: {
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
      filter: t.arg({ type: ArticleFilter, description: "Conditions." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      const f = args.filter ?? {};
      let mentions: string[] | null = null;
      if (f.mentions?.length) {
        if (f.mentions.length > MAX_MENTIONS)
          throw new AppError("BAD_USER_INPUT", `"mentions" takes at most ${MAX_MENTIONS} entities, got ${f.mentions.length}.`);
        const resolved = await entityIdsFor(ctx, f.mentions);
        if (resolved.some((id) => id === undefined)) return connection<ArticleRow>([], 0, page);
        mentions = resolved as string[];
      }
      const filter = {
        source: f.source ?? null,
        after: isoOrThrow("publishedAfter", f.publishedAfter),
        before: isoOrThrow("publishedBefore", f.publishedBefore),
        mentions,
      };
      const found = f.search?.trim() ? await ctx.store.articlesFulltext(filter, luceneQuery(f.search), page) : await ctx.store.articlesFiltered(filter, page);
      return connection(await loadAll<ArticleRow>(loaders.article(ctx), found.items), found.total, page);
    },
  }),
}));
