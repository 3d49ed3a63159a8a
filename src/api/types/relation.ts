import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { entityRef } from "../ids.ts";
import { loaders, prime } from "../loaders.ts";
import { intArgsAt } from "../selection.ts";
import { connection, MAX_PAGE, pageArgs } from "../pagination.ts";
import { ArticleRef, connectionOf, EntityRef, EvidenceRef, RelationRef, RelationTypeEnum } from "../refs.ts";
import { relationKey } from "../../graph/keys.ts";
import type { ArticleRow, EntityRow } from "../../store/index.ts";
import { NodeRef } from "./node.ts";

const EVIDENCE_DEFAULT = 20;

/**
 * How much evidence the request asks for below the current field, when it asks once: the `first` of
 * the one `evidence` selection at `path` (its default when omitted), else 0 (none, several, or an
 * invalid `first`, which the evidence field then reports itself). A resolver that fetches relations
 * fetches that much evidence in the same statement and primes the evidence loader with it.
 *
 * @example evidenceFirstAt(info, ["edges", "node", "evidence"]) // 3 for `edges { node { evidence(first: 3) { … } } }`
 */
export function evidenceFirstAt(info: GraphQLResolveInfo, path: string[]): number {
  const firsts = intArgsAt(info, path, "first");
  if (firsts.length !== 1) return 0;
  const first = firsts[0] ?? EVIDENCE_DEFAULT;
  return Number.isInteger(first) && first >= 0 && first <= MAX_PAGE ? first : 0;
}

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
      args: { first: t.arg.int({ defaultValue: EVIDENCE_DEFAULT, description: "At most this many (default 20, at most 100)." }) },
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

builder.queryField("relations", (t) =>
  t.field({
    type: RelationConnection,
    description: 'Relations across articles: `relations(type: CAPTURED, object: "Mosul")` — who captured Mosul, with evidence per article.',
    args: {
      type: t.arg({ type: RelationTypeEnum, description: "Only this kind (QUOTED_IN: use `quotes` instead)." }),
      subject: t.arg.string({ description: "Subject: an id, a name or an alias (one entity: the most mentioned with that name, as in `entity(name:)`)." }),
      object: t.arg.string({ description: "Object: an id, a name or an alias (the same rule)." }),
      minArticles: t.arg.int({ defaultValue: 1, description: "Only relations asserted by at least this many articles." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx, info) => {
      const page = pageArgs(args);
      if (args.type === "QUOTED_IN")
        throw new AppError("BAD_USER_INPUT", "QUOTED_IN relations point at articles: use `quotes(speaker: …)`, or `entity { relations(type: QUOTED_IN) }`.");
      const minArticles = args.minArticles ?? 1;
      if (!Number.isInteger(minArticles) || minArticles < 1) throw new AppError("BAD_USER_INPUT", '"minArticles" must be at least 1.');
      // Names and aliases are resolved inside the statement: one round trip for the whole question.
      const subject = args.subject == null ? null : entityRef(args.subject);
      const object = args.object == null ? null : entityRef(args.object);
      // When the request asks for evidence (one evidence selection, as GraphiQL's example does), the
      // same statement returns it and primes the evidence loader: one statement instead of two.
      const evidenceFirst = evidenceFirstAt(info, ["edges", "node", "evidence"]);
      const found = await ctx.store.relationsSearch({ type: args.type ?? null, subject, object, minArticles }, evidenceFirst, page);
      prime(ctx, found.headers);
      if (found.evidence) {
        const ev = loaders.evidence(ctx, { first: evidenceFirst });
        for (const [key, items] of found.evidence) ev.prime(key, items);
      }
      return connection(found.items, found.total, page);
    },
  }),
);
