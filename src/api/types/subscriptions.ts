/**
 * Subscriptions: live updates from the event hub (src/events/hub.ts), which hears this server's
 * writes at once and other processes' through Redis or the change log. Each event is resolved with
 * fresh loaders (a loader's cache must not outlive the event it served), through the normal loaders.
 */
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import type { AppContext } from "../context.ts";
import { entityFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef, EvidenceRef, RelationRef, RelationTypeEnum } from "../refs.ts";
import type { ArticleChangedEvent, EventHub, IngestProgress } from "../../events/hub.ts";
import { expand } from "../../events/streams.ts";
import type { AssertedRelation, EntityRow } from "../../store/index.ts";
import type { RelationType } from "../../extraction/types.ts";

const ArticleChangeKindEnum = builder.enumType("ArticleChangeKind", {
  description: "What a write did to an article.",
  values: {
    NEW: { description: "Stored for the first time." },
    UPDATED: { description: "Its text changed: its mentions, relations and quotes were replaced." },
    DELETED: { description: "Removed, with everything only it contributed." },
  } as const,
});

const ArticleChangedRef = builder.objectRef<ArticleChangedEvent>("ArticleChangedEvent").implement({
  description: "An article was stored, replaced or deleted (by any server or `kg` process writing to this graph).",
  fields: (t) => ({
    key: t.exposeString("articleId", { description: "The article id (as `Article.key`)." }),
    change: t.field({ type: ArticleChangeKindEnum, description: "What happened to it.", resolve: (e) => e.kind }),
    source: t.exposeString("source", { nullable: true, description: "Its publisher or data set." }),
    entities: t.exposeInt("entities", { description: "Entities it mentions now (0 when deleted)." }),
    relations: t.exposeInt("relations", { description: "LEADS, CAPTURED and SUPPORTED_BY relations it asserts now (0 when deleted)." }),
    quotes: t.exposeInt("quotes", { description: "Quotes it holds now (0 when deleted)." }),
    version: t.exposeInt("version", { description: "The graph version the write committed as: events of one write share it; later writes have higher ones." }),
    committedAt: t.exposeString("committedAt", { description: "When the write committed (ISO 8601)." }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: "The article as stored now (null when deleted, or deleted again since).",
      resolve: (e, _a, ctx) => (e.kind === "DELETED" ? null : loaders.article(ctx).load(e.articleId)),
    }),
  }),
});

interface RelationAdded extends AssertedRelation {
  articleId: string;
  version: number;
  committedAt: string;
}

const RelationAddedRef = builder.objectRef<RelationAdded>("RelationAddedEvent").implement({
  description: "An article just asserted a relation of the subscribed entity: the relation as aggregated now, and that article's evidence.",
  fields: (t) => ({
    relation: t.field({
      type: RelationRef,
      nullable: true,
      description: "The relation across all articles, this one included (null when it was deleted again since).",
      resolve: (r, _a, ctx) => ctx.store.relationByKey({ type: r.type, subjectId: r.subjectId, objectId: r.objectId }),
    }),
    type: t.field({ type: RelationTypeEnum, description: "The kind of relation.", resolve: (r) => r.type }),
    evidence: t.field({ type: [EvidenceRef], description: "The new article's sentences asserting it.", resolve: (r) => r.evidence }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: "The article that asserted it.",
      resolve: (r, _a, ctx) => loaders.article(ctx).load(r.articleId),
    }),
    version: t.exposeInt("version", { description: "The graph version of the write that added it." }),
    committedAt: t.exposeString("committedAt", { description: "When that write committed (ISO 8601)." }),
  }),
});

const IngestProgressRef = builder.objectRef<IngestProgress>("IngestProgress").implement({
  description: "How far an `ingestArticles(jobId:)` call has got.",
  fields: (t) => ({
    jobId: t.exposeString("jobId", { description: "The job id the call was started with." }),
    done: t.exposeInt("done", { description: "Inputs with an outcome so far (stored, unchanged or failed)." }),
    failed: t.exposeInt("failed", { description: "Inputs that failed so far." }),
    total: t.exposeInt("total", { description: "Inputs in the job." }),
    finished: t.exposeBoolean("finished", { description: "True on the job's last event; the subscription then completes." }),
  }),
});

const ArticleChangeFilter = builder.inputType("ArticleChangeFilter", {
  description: "Which article changes to hear (all of them when absent).",
  fields: (t) => ({
    source: t.string({ description: "Only articles of this source." }),
    mentions: t.string({ description: "Only articles mentioning this entity: an id, a name or an alias (as `entity(name:)`)." }),
  }),
});

function hubOf(ctx: AppContext): EventHub {
  if (!ctx.events) throw new AppError("BAD_USER_INPUT", "This server does not offer subscriptions.");
  return ctx.events;
}

// Private: the entity a subscription names, or NOT_FOUND saying what to do.
async function subscribedEntity(ctx: AppContext, ref: string): Promise<EntityRow> {
  const found = await entityFor(ctx, ref);
  if (!found) throw new AppError("NOT_FOUND", `No entity is named "${ref.slice(0, 120)}": check the name (see \`entities(search:)\`) or subscribe by id.`);
  return found;
}

// Private: the hub's article changes that pass `keep`, each resolved with this event's own loaders.
// The hub stream is opened here, at subscribe time, so the subscription limit is told at once.
function changes(ctx: AppContext, keep: (e: ArticleChangedEvent) => boolean): AsyncIterableIterator<ArticleChangedEvent> {
  return expand(hubOf(ctx).articleChanges(), (e) => {
    if (!keep(e)) return [];
    ctx.loaders.clear();
    return [e];
  });
}

function relationsAdded(ctx: AppContext, entity: EntityRow, type: RelationType | null): AsyncIterableIterator<RelationAdded> {
  return expand(
    changes(ctx, (c) => c.kind !== "DELETED" && c.entityIds.includes(entity.id)),
    async (e) =>
      (await ctx.store.articleEntityRelations(e.articleId, entity.id, type)).map((r) => ({
        ...r,
        articleId: e.articleId,
        version: e.version,
        committedAt: e.committedAt,
      })),
  );
}

builder.subscriptionFields((t) => ({
  articleChanged: t.field({
    type: ArticleChangedRef,
    description: "Articles stored, replaced or deleted from now on, by this server or any other process writing to the graph.",
    args: { filter: t.arg({ type: ArticleChangeFilter, description: "Only some articles." }) },
    subscribe: async (_r, { filter }, ctx) => {
      const source = filter?.source ?? null;
      const entity = filter?.mentions == null ? null : await subscribedEntity(ctx, filter.mentions);
      return changes(ctx, (c) => (source === null || c.source === source) && (entity === null || c.entityIds.includes(entity.id)));
    },
    resolve: (e) => e,
  }),
  relationAdded: t.field({
    type: RelationAddedRef,
    description:
      'New evidence for relations of an entity: `relationAdded(entity: "Mosul", type: CAPTURED)` tells each article that asserts one, as it is stored.',
    args: {
      entity: t.arg.string({ required: true, description: "The entity at either end: an id, a name or an alias (as `relations(subject:)` takes it)." }),
      type: t.arg({ type: RelationTypeEnum, description: "Only this kind." }),
    },
    subscribe: async (_r, args, ctx) => relationsAdded(ctx, await subscribedEntity(ctx, args.entity), args.type ?? null),
    resolve: (r) => r,
  }),
  ingestProgress: t.field({
    type: IngestProgressRef,
    description:
      "Progress of an `ingestArticles(jobId:)` call (on any replica; with `enqueue: true`, or a `kg ingest --queue --job-id` run, told by the workers as they finish its articles): one event per article outcome, the last with `finished: true`.",
    args: { jobId: t.arg.string({ required: true, description: "The job id the ingest was started with." }) },
    subscribe: (_r, { jobId }, ctx) => hubOf(ctx).progress(checkedJobId(jobId)),
    resolve: (p) => p,
  }),
}));

/** A job id as clients may choose them: 1 to 200 characters. */
export function checkedJobId(jobId: string): string {
  if (jobId.length === 0 || jobId.length > 200) throw new AppError("BAD_USER_INPUT", '"jobId" must be 1 to 200 characters (a UUID, for example).');
  return jobId;
}
