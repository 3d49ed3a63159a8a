/**
 * Curation: suggested duplicates (duplicateCandidates), the review actions (mutations, which need a key
 * like every write), the audit trail (curationLog) and undo. The rules each action stores are applied at
 * ingest (src/ingest/plan.ts), so curation survives re-ingest. See src/store/curation.ts.
 */
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import type { AppContext } from "../context.ts";
import { articleFor, entityFor, keyOf } from "../ids.ts";
import { loaders, prime } from "../loaders.ts";
import { connection, pageArgs } from "../pagination.ts";
import { connectionOf, EntityRef, EntityTypeEnum } from "../refs.ts";
import { REASON_KINDS, type Reason } from "../../curation/score.ts";
import { CURATION_KINDS } from "../../store/curation.ts";
import { type Actor, type CurationActionRow, type DuplicatePair, type EntityRow, type EvidenceArticle } from "../../store/index.ts";

const ReasonKindEnum = builder.enumType("DuplicateReasonKind", {
  description: "A signal for (positive weight) or against (negative weight) two entities being one.",
  values: {
    NAME: { description: "Name similarity (token-set, token-sort and Jaro-Winkler over names and aliases)." },
    SHARED_ALIAS: { description: "Both go by the same strong alias." },
    ACRONYM: { description: "One name is the initials of the other." },
    SHARED_NEIGHBOURS: { description: "Entities related (LEADS, CAPTURED, SUPPORTED_BY) to both." },
    SHARED_CONTEXT: { description: "Entities co-mentioned with both in their articles." },
    SAME_ARTICLE: { description: "Against: one article mentions both as different people." },
    FIRST_NAME_CONFLICT: { description: "Against: two people with different first names." },
    EXTRA_WORD: { description: 'Against: one name is the other plus words ("Treasury" / "Treasury Loan"); company forms such as Inc or Corp do not count.' },
    DIFFERENT_WORD: { description: 'Against: each name has a word the other lacks ("UK government" / "US government").' },
  } satisfies Record<(typeof REASON_KINDS)[number], { description: string }>,
});

const ReasonRef = builder.objectRef<Reason>("DuplicateReason").implement({
  description: "One signal of a duplicate suggestion; the weights add up to the score.",
  fields: (t) => ({
    kind: t.field({ type: ReasonKindEnum, description: "Which signal.", resolve: (r) => r.kind }),
    weight: t.exposeFloat("weight", { description: "Its contribution to the score (negative: against)." }),
    detail: t.exposeString("detail", { description: "What it saw, in words." }),
  }),
});

const EvidenceArticleRef = builder.objectRef<EvidenceArticle>("DuplicateEvidence").implement({
  description: "An article mentioning one side of a suggested pair: what a reviewer checks.",
  fields: (t) => ({
    articleId: t.exposeString("articleId", { description: "The article's id." }),
    title: t.exposeString("title", { nullable: true, description: "Its headline." }),
    names: t.exposeStringList("names", { description: "The names the entity goes by in that article." }),
    snippet: t.exposeString("snippet", { description: "About 200 characters of text around its first mention." }),
  }),
});

function evidenceOf(ctx: AppContext, id: string, first: number | null | undefined): Promise<EvidenceArticle[]> {
  const n = first ?? 3;
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new AppError("BAD_USER_INPUT", `"first" must be a whole number from 0 to 10, got ${n}.`);
  return loaders.duplicateEvidence(ctx, { first: n }).load(id);
}

const PairRef = builder.objectRef<DuplicatePair>("DuplicateCandidate").implement({
  description: "Two entities of one type that are probably one thing, with the score and the reasons.",
  fields: (t) => ({
    a: t.field({ type: EntityRef, description: "One side.", resolve: (p) => p.a }),
    b: t.field({ type: EntityRef, description: "The other side.", resolve: (p) => p.b }),
    score: t.exposeFloat("score", { description: "0 to 1: the sum of the reasons' weights." }),
    reasons: t.field({ type: [ReasonRef], description: "The signals for and against.", resolve: (p) => p.reasons }),
    evidenceA: t.field({
      type: [EvidenceArticleRef],
      description: "Side a's most recent articles, with the names it goes by there.",
      args: { first: t.arg.int({ defaultValue: 3, description: "How many (at most 10)." }) },
      resolve: (p, args, ctx) => evidenceOf(ctx, p.a.id, args.first),
    }),
    evidenceB: t.field({
      type: [EvidenceArticleRef],
      description: "Side b's most recent articles, with the names it goes by there.",
      args: { first: t.arg.int({ defaultValue: 3, description: "How many (at most 10)." }) },
      resolve: (p, args, ctx) => evidenceOf(ctx, p.b.id, args.first),
    }),
  }),
});
const PairConnection = connectionOf("DuplicateCandidate", PairRef, "Suggested duplicate pairs, highest score first.");

const CurationKindEnum = builder.enumType("CurationKind", {
  description: "What a curation action did.",
  values: {
    MERGE: { description: "mergeEntities." },
    REJECT: { description: "rejectDuplicate." },
    RENAME: { description: "renameEntity." },
    ADD_ALIAS: { description: "addAlias." },
    REMOVE_ALIAS: { description: "removeAlias." },
    SPLIT: { description: "splitEntity." },
    UNDO: { description: "undoCuration." },
  } satisfies Record<(typeof CURATION_KINDS)[number], { description: string }>,
});

const ActionRef = builder.objectRef<CurationActionRow>("CurationAction").implement({
  description: "One analyst action of the audit trail.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Pass it to undoCuration." }),
    seq: t.exposeInt("seq", { description: "Its place in the order of all curation actions." }),
    at: t.exposeString("at", { description: "When (ISO 8601)." }),
    by: t.exposeString("by", { description: 'Who: the fingerprint of the API key used (first 8 hex of its sha256), or "anonymous".' }),
    kind: t.field({ type: CurationKindEnum, description: "What kind of action.", resolve: (a) => a.kind }),
    summary: t.exposeString("summary", { description: "What it did, in words." }),
    detail: t.exposeString("detail", { description: "What changed, as JSON: the entities, names and articles involved and what was there before." }),
    undone: t.exposeBoolean("undone", { description: "Undone since." }),
    undoneAt: t.exposeString("undoneAt", { nullable: true, description: "When it was undone." }),
    undoneBy: t.exposeString("undoneBy", { nullable: true, description: "Who undid it (key fingerprint)." }),
  }),
});
const ActionConnection = connectionOf("CurationAction", ActionRef, "Curation actions, newest first.");

// Private: an entity argument (global id, key, name or alias) to the id of the one entity it names.
async function entityId(ctx: AppContext, ref: string, arg: string): Promise<string> {
  const e = await entityFor(ctx, keyOf("Entity", ref));
  if (!e) throw new AppError("NOT_FOUND", `No entity "${ref.slice(0, 80)}" (argument "${arg}"): pass an entity key, global id, name or alias.`);
  return e.id;
}

function actor(ctx: AppContext): Actor {
  return { by: ctx.auth.keyId ?? "anonymous", tag: ctx.requestId };
}

function done(ctx: AppContext, e: EntityRow): EntityRow {
  prime(ctx, { entities: [e] });
  return e;
}

builder.queryFields((t) => ({
  duplicateCandidates: t.field({
    type: PairConnection,
    description:
      "Suggested duplicates: pairs of entities of one type that are probably one thing, highest score first. Candidates come from the full-text index (fuzzy words of names and aliases, same type) for the given entity, else for the most mentioned entities; pairs rejected with rejectDuplicate never come back.",
    args: {
      type: t.arg({ type: EntityTypeEnum, description: "Only entities of this type." }),
      entity: t.arg.id({ description: "Only pairs with this entity (key, global id, name or alias)." }),
      minScore: t.arg.float({ defaultValue: 0.5, description: "Leave out pairs scoring below this (0 to 1, default 0.5)." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      const minScore = args.minScore ?? 0.5;
      if (!(minScore >= 0 && minScore <= 1)) throw new AppError("BAD_USER_INPUT", `"minScore" must be from 0 to 1, got ${minScore}.`);
      const entity = args.entity ? await entityId(ctx, args.entity, "entity") : null;
      const found = await ctx.store.duplicateCandidates({ type: args.type ?? null, entity, minScore }, page);
      prime(ctx, { entities: found.items.flatMap((p) => [p.a, p.b]) });
      return connection(found.items, found.total, page);
    },
  }),
  curationLog: t.field({
    type: ActionConnection,
    description: "The audit trail: every curation action, newest first, with who, when and what changed.",
    args: { first: t.arg.int({ description: "Page size (default 20, at most 100)." }), after: t.arg.string({ description: "Cursor to continue after." }) },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      const found = await ctx.store.curationLog(page);
      return connection(found.items, found.total, page);
    },
  }),
}));

builder.mutationFields((t) => ({
  mergeEntities: t.field({
    type: EntityRef,
    description:
      "Fold the `from` entities into `into` (mentions, relations with their evidence, quotes, aliases), then delete them. Remembered: their names resolve to `into` when articles are ingested again or anew.",
    args: {
      into: t.arg.id({ required: true, description: "The entity that stays." }),
      from: t.arg.idList({ required: true, description: "Entities folded into it (1 to 50, not `into` itself)." }),
      force: t.arg.boolean({ defaultValue: false, description: "Allow entities of different types (the result keeps the type of `into`)." }),
    },
    resolve: async (_r, args, ctx) => {
      const into = keyOf("Entity", args.into);
      const from = [...new Set(args.from.map((f) => keyOf("Entity", f)))];
      if (from.length === 0 || from.length > 50) throw new AppError("BAD_USER_INPUT", '"from" must name 1 to 50 entities.');
      return done(ctx, await ctx.store.mergeEntities(into, from, actor(ctx), args.force ?? false));
    },
  }),
  rejectDuplicate: t.field({
    type: ActionRef,
    description: "Record that two entities are not one thing: the pair is never suggested again (until the action is undone).",
    args: { a: t.arg.id({ required: true, description: "One entity (key or global id)." }), b: t.arg.id({ required: true, description: "The other." }) },
    resolve: (_r, args, ctx) => ctx.store.rejectDuplicate(keyOf("Entity", args.a), keyOf("Entity", args.b), actor(ctx)),
  }),
  renameEntity: t.field({
    type: EntityRef,
    description: "Give an entity a new canonical name (its key stays); the old name stays as an alias.",
    args: { entity: t.arg.id({ required: true, description: "The entity." }), name: t.arg.string({ required: true, description: "Its new name." }) },
    resolve: async (_r, args, ctx) => done(ctx, await ctx.store.renameEntity(await entityId(ctx, args.entity, "entity"), args.name, actor(ctx))),
  }),
  addAlias: t.field({
    type: EntityRef,
    description: "Add a name to an entity: found by it, and new mentions of it resolve to this entity.",
    args: { entity: t.arg.id({ required: true, description: "The entity." }), alias: t.arg.string({ required: true, description: "The name." }) },
    resolve: async (_r, args, ctx) => done(ctx, await ctx.store.addAlias(await entityId(ctx, args.entity, "entity"), args.alias, actor(ctx))),
  }),
  removeAlias: t.field({
    type: EntityRef,
    description: "Remove a name from an entity's aliases and the alias index; ingest does not add it back.",
    args: {
      entity: t.arg.id({ required: true, description: "The entity." }),
      alias: t.arg.string({ required: true, description: "The alias (any spelling with the same normalised form)." }),
    },
    resolve: async (_r, args, ctx) => done(ctx, await ctx.store.removeAlias(await entityId(ctx, args.entity, "entity"), args.alias, actor(ctx))),
  }),
  splitEntity: t.field({
    type: EntityRef,
    description:
      "Move the entity's mentions in the chosen articles (with their relations and quotes) to a new entity called `name`; those articles are re-extracted under the new rule. Returns the new entity.",
    args: {
      entity: t.arg.id({ required: true, description: "The entity to split." }),
      articles: t.arg.idList({ required: true, description: "Articles whose mentions move (1 to 500, each mentioning the entity, not all of them)." }),
      name: t.arg.string({ required: true, description: "The new entity's name." }),
    },
    resolve: async (_r, args, ctx) => {
      const id = await entityId(ctx, args.entity, "entity");
      const articles = await Promise.all(
        args.articles.map(async (a) => {
          const found = await articleFor(ctx, a);
          if (!found) throw new AppError("BAD_USER_INPUT", `No article "${a.slice(0, 80)}" (in "articles").`);
          return found.id;
        }),
      );
      return done(ctx, await ctx.store.splitEntity(id, articles, args.name, actor(ctx), ingestOptions(ctx)));
    },
  }),
  undoCuration: t.field({
    type: ActionRef,
    description:
      "Undo a curation action (an id from curationLog): its rules are dropped, what it set is reverted, and the articles it touched are re-extracted so they resolve without it. Undoing twice changes nothing.",
    args: { id: t.arg.id({ required: true, description: "The action's id." }) },
    resolve: (_r, args, ctx) => ctx.store.undoCuration(args.id, actor(ctx), ingestOptions(ctx)),
  }),
}));

function ingestOptions(ctx: AppContext) {
  return { ...(ctx.nlp ? { nlp: ctx.nlp } : {}), ...(ctx.pool ? { pool: ctx.pool } : {}) };
}
