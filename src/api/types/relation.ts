import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { int } from "../../db/values.ts";
import { entityKeysFor } from "../ids.ts";
import { loaders, primeEntities } from "../loaders.ts";
import { connection, pageArgs } from "../pagination.ts";
import { ArticleRef, connectionOf, EntityRef, EvidenceRef, RelationRef, RelationTypeEnum } from "../refs.ts";
import { relationKey, type ArticleRow, type EntityRow, type RelationRow } from "../rows.ts";
import { NodeRef } from "./node.ts";

const RelationTarget = builder.unionType("RelationTarget", {
  description: "What a relation points at: an Entity, or for QUOTED_IN the Article.",
  types: [EntityRef, ArticleRef],
  resolveType: (v) => ("aliases" in v ? "Entity" : "Article"),
});

function missing(what: string, id: string): AppError {
  return new AppError("NOT_FOUND", `The ${what} "${id}" of a relation was deleted while the request ran; ask again.`);
}

RelationRef.implement({
  description: "A relation aggregated over every article that asserts it: who did what to whom, and according to which articles.",
  interfaces: [NodeRef],
  isTypeOf: (v) => typeof v === "object" && v !== null && "subjectId" in v && !("speakerId" in v),
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, description: "The kind of relation.", resolve: (r) => r.type }),
    subject: t.field({
      type: EntityRef,
      description: "Who leads, captured, was supported, or was quoted.",
      resolve: async (r, _a, ctx) => (await loaders.entity(ctx).load(r.subjectId)) ?? Promise.reject(missing("subject", r.subjectId)),
    }),
    object: t.field({
      type: RelationTarget,
      description: "What is led or captured, who supported — or, for QUOTED_IN, the article.",
      resolve: async (r, _a, ctx): Promise<EntityRow | ArticleRow> =>
        (r.objectIsArticle ? await loaders.article(ctx).load(r.objectId) : await loaders.entity(ctx).load(r.objectId)) ??
        Promise.reject(missing("object", r.objectId)),
    }),
    articleCount: t.exposeInt("articleCount", { description: "How many articles assert it." }),
    evidence: t.field({
      type: [EvidenceRef],
      description: "The sentences that assert it, one per article, most confident first.",
      args: { first: t.arg.int({ defaultValue: 20, description: "At most this many (default 20, at most 100)." }) },
      resolve: async (r, args, ctx) => loaders.evidence(ctx, { first: pageArgs({ first: args.first }).limit }).load(relationKey(r)),
    }),
    firstSeen: t.exposeString("firstSeen", { nullable: true, description: "Earliest publication date among the asserting articles, where known (ISO 8601)." }),
    lastSeen: t.exposeString("lastSeen", { nullable: true, description: "Latest publication date among the asserting articles, where known." }),
    time: t.exposeString("time", { nullable: true, description: 'When, as the text says it: "2014", "June", "this summer"; "former" for a former leader.' }),
  }),
});

EvidenceRef.implement({
  description: "One article's support for a relation: the sentence, where it is, and how sure the extractor was.",
  fields: (t) => ({
    article: t.field({
      type: ArticleRef,
      description: "The article that says it.",
      resolve: async (e, _a, ctx) => (await loaders.article(ctx).load(e.articleId)) ?? Promise.reject(missing("article", e.articleId)),
    }),
    sentence: t.exposeString("sentence", { description: "The sentence, exactly as in the article text." }),
    start: t.exposeInt("start", { description: "Offset of the sentence in the article text (UTF-16 code units)." }),
    end: t.exposeInt("end", { description: "End offset (exclusive)." }),
    confidence: t.exposeFloat("confidence", { description: "0 to 1." }),
    time: t.exposeString("time", { nullable: true, description: "The time phrase this sentence gives, if any." }),
    quote: t.exposeString("quote", { nullable: true, description: "For QUOTED_IN: the quoted words." }),
  }),
});

const RelationConnection = connectionOf("Relation", RelationRef, "Relations, most attested first.");

/** Entity ids for a subject/object filter; a name that matches nothing yields no results, not an error. */
async function filterIds(ctx: Parameters<typeof entityKeysFor>[0], ref: string | null | undefined): Promise<string[] | null> {
  return ref == null ? null : entityKeysFor(ctx, ref);
}

builder.queryField("relations", (t) =>
  t.field({
    type: RelationConnection,
    description: 'Relations across articles: `relations(type: CAPTURED, object: "Mosul")` — who captured Mosul, with evidence per article.',
    args: {
      type: t.arg({ type: RelationTypeEnum, description: "Only this kind (QUOTED_IN: use `quotes` instead)." }),
      subject: t.arg.string({ description: "Subject: an id, a name or an alias." }),
      object: t.arg.string({ description: "Object: an id, a name or an alias." }),
      minArticles: t.arg.int({ defaultValue: 1, description: "Only relations asserted by at least this many articles." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      if (args.type === "QUOTED_IN") throw new AppError("BAD_USER_INPUT", 'QUOTED_IN relations point at articles: use `quotes(speaker: …)`, or `entity { relations(type: QUOTED_IN) }`.');
      const minArticles = args.minArticles ?? 1;
      if (!Number.isInteger(minArticles) || minArticles < 1) throw new AppError("BAD_USER_INPUT", '"minArticles" must be at least 1.');
      const [subjects, objects] = await Promise.all([filterIds(ctx, args.subject), filterIds(ctx, args.object)]);
      if (subjects?.length === 0 || objects?.length === 0) return connection<RelationRow>([], 0, page);
      const [row] = await ctx.db.read("relationsSearch", {
        type: args.type ?? null,
        subjects,
        objects,
        minArticles: int(minArticles),
        offset: int(page.offset),
        limit: int(page.limit),
      });
      const items = (row?.items as unknown as (RelationRow & { entities: EntityRow[] })[]) ?? [];
      primeEntities(ctx, items.flatMap((i) => i.entities));
      return connection(items, Number(row?.total ?? 0), page);
    },
  }),
);
