/** Ingest jobs on the queue (KG_REDIS_URL): their progress, as `kg jobs show` gives it (src/queue/progress.ts). */
import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import type { IngestJobProgress } from "../../queue/progress.ts";
import type { AppContext } from "../context.ts";

const JobState = builder.enumType("IngestJobState", {
  description: "Where an ingest job is.",
  values: {
    WAITING: { description: "Queued, not yet taken by a worker." },
    ACTIVE: { description: "A worker is extracting or writing it." },
    DELAYED: { description: "A try failed; it waits for its next try (exponential backoff)." },
    COMPLETED: { description: "Written: `status` says what the write did." },
    FAILED: { description: "Every try failed (or it cannot succeed): `errorCode` and `errorMessage` say why; `kg jobs retry` re-queues it." },
  } as const,
});

const JobStage = builder.enumType("IngestJobStage", {
  description: "What the worker is doing with an active job.",
  values: { EXTRACTING: { description: "Extracting entities and relations." }, WRITING: { description: "Waiting for or in its write transaction." } } as const,
});

export const IngestJobRef = builder.objectRef<IngestJobProgress>("IngestJob").implement({
  description: "An article's ingest job on the queue. Finished jobs are kept for a day.",
  fields: (t) => ({
    id: t.exposeID("jobId", { description: "The job id: the article id, a dot, and a hash of its content." }),
    articleId: t.exposeString("articleId", { description: "The article it ingests." }),
    state: t.field({ type: JobState, description: "Where the job is.", resolve: (j) => j.state.toUpperCase() as "WAITING" }),
    stage: t.field({
      type: JobStage,
      nullable: true,
      description: "While active: extracting or writing.",
      resolve: (j) => (j.stage ? (j.stage.toUpperCase() as "WRITING") : null),
    }),
    attempts: t.exposeInt("attempts", { description: "Tries started so far (a worker that died mid-job counts)." }),
    status: t.string({
      nullable: true,
      description: "When completed: NEW, UPDATED or UNCHANGED.",
      resolve: (j) => (j.status ? j.status.toUpperCase() : null),
    }),
    errorCode: t.exposeString("errorCode", { nullable: true, description: "The last failed try's error code (DATABASE_UNAVAILABLE, EXTRACTION_FAILED, …)." }),
    errorMessage: t.exposeString("errorMessage", { nullable: true, description: "The last failed try's error: what was wrong." }),
    enqueuedAt: t.string({ description: "When it was enqueued, ISO 8601.", resolve: (j) => j.enqueuedAt.toISOString() }),
    finishedAt: t.string({
      nullable: true,
      description: "When it completed or failed for good, ISO 8601.",
      resolve: (j) => j.finishedAt?.toISOString() ?? null,
    }),
  }),
});

/** The server's queue, or a BAD_USER_INPUT saying that it has none. */
export function queueOf(ctx: AppContext): NonNullable<AppContext["queue"]> {
  if (!ctx.queue) {
    throw new AppError(
      "BAD_USER_INPUT",
      "This server has no job queue (KG_REDIS_URL is not set): ingest without `enqueue`, or run the server with KG_REDIS_URL.",
    );
  }
  return ctx.queue;
}

builder.queryField("job", (t) =>
  t.field({
    type: IngestJobRef,
    nullable: true,
    description: "An ingest job's progress, by the id `ingestArticles(enqueue: true)` returned; null when no such job is kept.",
    args: { id: t.arg.id({ required: true, description: "The job id." }) },
    resolve: (_r, args, ctx) =>
      queueOf(ctx)
        .progress(String(args.id))
        .then((p) => p ?? null),
  }),
);
