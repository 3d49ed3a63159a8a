/** Writes: the same code path as `kg ingest` / `kg delete`; analyst curation (mergeEntities, …) is in curation.ts. */
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { articleId } from "../../extraction/article-id.ts";
import type { ArticleRecord } from "../../input/read-articles.ts";
import { validateArticle } from "../../input/validate.ts";
import type { AppContext } from "../context.ts";
import { articleFor, articleKeys } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef } from "../refs.ts";
import { checkedJobId } from "./subscriptions.ts";
import { IngestJobRef, queueOf } from "./job.ts";

const MAX_BATCH = 100;

const ArticleInput = builder.inputType("ArticleInput", {
  description: "An article to ingest. Only `text` is required; the id defaults to one derived from url, else from the text.",
  fields: (t) => ({
    id: t.id({ description: "Your id for it; re-ingesting the same id replaces the article when its text changed." }),
    title: t.string({ description: "Headline." }),
    text: t.string({ required: true, description: "Body text (at most KG_MAX_ARTICLE_BYTES, default 2 MB)." }),
    url: t.string({ description: "http(s) URL." }),
    source: t.string({ description: "Publisher or data set." }),
    publishedAt: t.string({ description: "Publication time, ISO 8601." }),
  }),
});

const IngestStatus = builder.enumType("IngestStatus", {
  description: "What ingesting an article did.",
  values: {
    NEW: { description: "Stored for the first time." },
    UPDATED: { description: "Its text changed: old mentions and relations replaced." },
    UNCHANGED: { description: "Same text as stored: nothing written." },
    QUEUED: { description: "Enqueued for the workers (`enqueue: true`): `job` follows it." },
  } as const,
});

interface Outcome {
  index: number;
  articleId: string | null;
  status: "NEW" | "UPDATED" | "UNCHANGED" | "QUEUED" | null;
  jobId: string | null;
  code: string | null;
  message: string | null;
}

const OutcomeRef = builder.objectRef<Outcome>("IngestOutcome").implement({
  description: "What happened to one input of a batch.",
  fields: (t) => ({
    index: t.exposeInt("index", { description: "Position in `inputs`." }),
    articleId: t.exposeString("articleId", { nullable: true, description: "The article id (null when the input was rejected)." }),
    status: t.field({ type: IngestStatus, nullable: true, description: "Null when it failed.", resolve: (o) => o.status }),
    code: t.exposeString("code", {
      nullable: true,
      description:
        "Error code when it failed (BAD_USER_INPUT, EXTRACTION_FAILED, EXTRACTION_BUDGET_EXCEEDED, WRITE_FAILED, DATABASE_BUSY, CONSTRAINT_VIOLATION).",
    }),
    message: t.exposeString("message", { nullable: true, description: "What was wrong and what to do." }),
    jobId: t.exposeID("jobId", { nullable: true, description: "When enqueued: the job's id, for `job(id)`." }),
    job: t.field({
      type: IngestJobRef,
      nullable: true,
      description: "When enqueued: the job's progress now.",
      resolve: (o, _a, ctx) =>
        o.jobId
          ? queueOf(ctx)
              .progress(o.jobId)
              .then((p) => p ?? null)
          : null,
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: "The stored article.",
      resolve: (o, _a, ctx) => (o.articleId && o.status && o.status !== "QUEUED" ? loaders.article(ctx).load(o.articleId) : null),
    }),
  }),
});

const IngestPayload = builder.objectRef<{ outcomes: Outcome[] }>("IngestArticlesPayload").implement({
  description: "The result of a batch ingest: every input has an outcome; failed inputs wrote nothing.",
  fields: (t) => ({
    outcomes: t.field({ type: [OutcomeRef], description: "One per input, in input order.", resolve: (p) => p.outcomes }),
    new: t.int({ description: "Articles stored for the first time.", resolve: (p) => p.outcomes.filter((o) => o.status === "NEW").length }),
    updated: t.int({ description: "Articles replaced.", resolve: (p) => p.outcomes.filter((o) => o.status === "UPDATED").length }),
    queued: t.int({ description: "Articles enqueued (`enqueue: true`).", resolve: (p) => p.outcomes.filter((o) => o.status === "QUEUED").length }),
    unchanged: t.int({ description: "Articles already stored as given.", resolve: (p) => p.outcomes.filter((o) => o.status === "UNCHANGED").length }),
    failed: t.int({ description: "Inputs rejected or not stored.", resolve: (p) => p.outcomes.filter((o) => o.status === null).length }),
  }),
});

type Input = { id?: string | null; title?: string | null; text: string; url?: string | null; source?: string | null; publishedAt?: string | null };

// Private: tell `ingestProgress(jobId)` subscribers (on every replica) how far the job has got.
function progressReporter(ctx: AppContext, jobId: string | undefined, outcomes: Outcome[]): (finished: boolean) => void {
  if (jobId === undefined || !ctx.events) return () => {};
  const events = ctx.events;
  return (finished) =>
    events.publishProgress({
      jobId,
      done: outcomes.filter((o) => o.status !== null || o.code !== null).length,
      failed: outcomes.filter((o) => o.code !== null).length,
      total: outcomes.length,
      finished,
    });
}

async function ingestInputs(ctx: AppContext, inputs: Input[], opts: { jobId?: string; enqueue?: boolean } = {}): Promise<Outcome[]> {
  if (inputs.length === 0 || inputs.length > MAX_BATCH) throw new AppError("BAD_USER_INPUT", `Send 1 to ${MAX_BATCH} articles per request.`);
  const queue = opts.enqueue ? queueOf(ctx) : undefined;
  const outcomes: Outcome[] = inputs.map((_, index) => ({ index, articleId: null, status: null, code: null, message: null, jobId: null }));
  const report = progressReporter(ctx, opts.jobId, outcomes);
  const records: ArticleRecord[] = [];
  const indexById = new Map<string, number[]>();
  inputs.forEach((raw, index) => {
    const v = validateArticle(Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== null)));
    const origin = { file: "graphql", line: index };
    if (!v.ok) {
      Object.assign(outcomes[index]!, { code: "BAD_USER_INPUT", message: v.message });
      return;
    }
    const id = articleId(v.article);
    outcomes[index]!.articleId = id;
    indexById.set(id, [...(indexById.get(id) ?? []), index]);
    records.push({ ok: true, article: v.article, origin });
  });
  if (queue) {
    // With a job id the jobs form one ingest group: the workers that finish them tell `ingestProgress(jobId)`.
    const group = opts.jobId;
    const jobs = await queue.enqueue(
      records.flatMap((r) => (r.ok ? [{ article: r.article, origin: r.origin }] : [])),
      group === undefined ? {} : { group },
    );
    jobs.forEach((j, k) => Object.assign(outcomes[records[k]!.origin.line!]!, { status: "QUEUED", jobId: j.jobId }));
    if (group !== undefined) ctx.events?.publishProgress(await queue.seal(group, inputs.length - records.length));
    return outcomes;
  }
  await ctx.store.ingestArticles(records, {
    nlp: ctx.nlp,
    pool: ctx.pool,
    onArticle: (id, status) => {
      for (const i of indexById.get(id) ?? []) outcomes[i]!.status = status.toUpperCase() as Outcome["status"];
      report(false);
    },
    onFailure: (f) => {
      // The outcome says what went wrong; an unexpected error's detail goes to the log only.
      if (f.cause !== undefined && !(f.cause instanceof AppError))
        ctx.log.error({ requestId: ctx.requestId, err: f.cause, articleId: f.articleId, code: f.code }, "ingesting an article failed unexpectedly");
      const i = f.origin.line;
      if (i !== undefined) Object.assign(outcomes[i]!, { code: f.code, message: f.message, status: null });
      report(false);
    },
  });
  // Duplicated ids in one request: the last one wins; the others are reported as unchanged by it.
  for (const o of outcomes) if (o.articleId && !o.status && !o.code) o.status = "UNCHANGED";
  report(true);
  return outcomes;
}

builder.mutationType({ description: "Writes. Same code path as the `kg` CLI." });

builder.mutationFields((t) => ({
  ingestArticle: t.field({
    type: OutcomeRef,
    description: "Extract and store one article (idempotent: the same text twice writes nothing the second time).",
    args: { input: t.arg({ type: ArticleInput, required: true, description: "The article." }) },
    resolve: async (_r, { input }, ctx) => {
      const [o] = await ingestInputs(ctx, [input]);
      if (o!.code === "BAD_USER_INPUT") throw new AppError("BAD_USER_INPUT", o!.message ?? "invalid article");
      return o!;
    },
  }),
  ingestArticles: t.field({
    type: IngestPayload,
    description: `Extract and store up to ${MAX_BATCH} articles; bad inputs are reported per input and the rest are stored. With \`enqueue: true\` (a server with KG_REDIS_URL) they are queued for the workers instead: each outcome is QUEUED with a \`jobId\` for \`job(id)\`.`,
    args: {
      inputs: t.arg({ type: [ArticleInput], required: true, description: "The articles." }),
      jobId: t.arg.string({
        description:
          "Your id for this call (1 to 200 characters, a new one per call): `ingestProgress(jobId:)` subscribers hear its progress; with `enqueue`, from the workers as they finish its articles.",
      }),
      enqueue: t.arg.boolean({ description: "Queue them for `kg worker` processes instead of ingesting now (default false)." }),
    },
    resolve: async (_r, { inputs, jobId, enqueue }, ctx) => ({
      outcomes: await ingestInputs(ctx, inputs, { jobId: jobId == null ? undefined : checkedJobId(jobId), enqueue: enqueue === true }),
    }),
  }),
  deleteArticle: t.field({
    type: builder.objectRef<{ id: string; deleted: boolean }>("DeleteArticlePayload").implement({
      description: "The result of deleting an article.",
      fields: (f) => ({
        id: f.exposeID("id", { description: "The article id." }),
        deleted: f.exposeBoolean("deleted", { description: "False when no such article existed." }),
      }),
    }),
    description: "Remove an article, its mentions, relations and quotes, and entities no other article mentions.",
    args: { id: t.arg.id({ required: true, description: "Article id or global id." }) },
    resolve: async (_r, args, ctx) => {
      const found = await articleFor(ctx, args.id);
      if (!found) return { id: articleKeys(args.id)[0]!, deleted: false };
      return { id: found.id, deleted: (await ctx.store.deleteArticles([found.id])).length === 1 };
    },
  }),
}));
