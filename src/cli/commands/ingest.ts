import { randomUUID } from "node:crypto";
import { databaseName, redisUrl, resolveNeo4jConfig, settings } from "../../config.ts";
import { Db } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { ARTICLE_EXTENSIONS, inputBytes, readArticles, type ReadProgress } from "../../input/read-articles.ts";
import { resolveBackbone } from "../../nlp/backbone.ts";
import { ingest, type IngestFailure, type IngestSummary } from "../../ingest/pipeline.ts";
import { parseCommandArgs } from "../args.ts";
import { AppError, describeError } from "../../errors.ts";
import { EventHub } from "../../events/hub.ts";
import { eventsConfig } from "../../events/config.ts";
import { log } from "../../log.ts";
import type { ArticleJobData } from "../../queue/jobs.ts";

const USAGE = `Usage: kg ingest PATH… | - [--batch N] [--stdin-format ndjson|json|txt|md|csv] [--title T] [--queue [--job-id ID]] [--json]
Loads articles into Neo4j: ${ARTICLE_EXTENSIONS.join(" ")} files, folders (recursively), or stdin ("-").
Unchanged articles are skipped, changed ones replaced; a bad record is reported with file and line and skipped.
--queue: enqueue the articles (KG_REDIS_URL) for \`kg worker\` processes instead; one job per article and content.
  The run's job id (--job-id, default a new UUID, printed) is what \`ingestProgress(jobId:)\` subscribers follow.
Exit code 1 when any record failed. --json prints the summary as JSON on stdout.`;

// Private: one progress line; the share done and the ETA come from the bytes read of the inputs' total size.
export function progressLine(s: IngestSummary, read: ReadProgress): string {
  const done = s.new + s.updated + s.unchanged + s.failed;
  const secs = Math.max(s.totalMs / 1000, 0.001);
  const rate = done / secs;
  const pct = read.bytesTotal > 0 ? Math.min(1, read.bytesRead / read.bytesTotal) : undefined;
  const bytesPerSec = read.bytesRead / secs;
  const eta = pct !== undefined && bytesPerSec > 0 ? Math.max(0, (read.bytesTotal - read.bytesRead) / bytesPerSec) : undefined;
  const bar = pct === undefined ? "" : `[${"#".repeat(Math.round(pct * 30)).padEnd(30, ".")}] ${(pct * 100).toFixed(0)}% `;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  const size = read.bytesTotal > 0 ? `${mb(read.bytesRead)}/${mb(read.bytesTotal)} MB` : `${mb(read.bytesRead)} MB`;
  return `${bar}${size}  ${done} articles  ${rate.toFixed(0)}/s${eta !== undefined ? `  ETA ${eta.toFixed(0)} s` : ""}  new ${s.new} updated ${s.updated} unchanged ${s.unchanged} failed ${s.failed}`;
}

export function summaryText(s: IngestSummary): string {
  const secs = s.totalMs / 1000;
  const n = s.new + s.updated + s.unchanged + s.failed;
  return [
    `articles: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed (${n} in ${secs.toFixed(1)} s, ${(n / Math.max(secs, 0.001)).toFixed(0)}/s)`,
    `entities created: ${s.entitiesCreated}; relations stored: ${s.relations}; quotes stored: ${s.quotes}`,
    `time: Neo4j ${(s.neo4jMs / 1000).toFixed(1)} s, extraction ${(s.extractMs / 1000).toFixed(1)} s`,
  ].join("\n");
}

export async function runIngest(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg ingest", argv, { flags: ["json", "help", "queue"], values: ["batch", "stdin-format", "title", "job-id"] });
  if (args.flags.has("help") || args.positionals.length === 0) {
    process.stderr.write(USAGE + "\n");
    return args.flags.has("help") ? 0 : 2;
  }
  const batch = Number(args.values.get("batch") ?? 100);
  if (!Number.isInteger(batch) || batch < 1 || batch > 5000) {
    process.stderr.write("kg ingest: --batch must be a whole number from 1 to 5000\n");
    return 2;
  }
  const jobId = args.values.get("job-id") ?? randomUUID();
  if (jobId.length === 0 || jobId.length > 200) {
    process.stderr.write("kg ingest: --job-id must be 1 to 200 characters (a UUID, for example)\n");
    return 2;
  }
  if (args.flags.has("queue"))
    return enqueueAll(args.positionals, { title: args.values.get("title"), stdinFormat: args.values.get("stdin-format") }, jobId, args.flags.has("json"));
  const db = new Db(await resolveNeo4jConfig({ local: { log: (l) => process.stderr.write(l + "\n") } }), {
    // A restart of Neo4j mid-ingest is waited out, not reported as a failure.
    maxRetryMs: settings().ingestRetryMs,
    acquireTimeoutMs: 10_000,
  });
  // With KG_REDIS_URL, each committed batch is announced to every server's subscribers at once;
  // without it they learn it from the change log within their poll interval.
  const config = eventsConfig();
  const events = config.redisUrl ? new EventHub({ db, log, config, role: "publish" }).start() : undefined;
  const tty = process.stderr.isTTY === true;
  // Sizes only (nothing is read twice): the bar and the ETA follow the bytes read.
  const read: ReadProgress = { bytesRead: 0, bytesTotal: await inputBytes(args.positionals) };
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write("\nkg ingest: stopping after the batch in flight…\n");
    stop.abort();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  const failures: IngestFailure[] = [];
  try {
    await migrate(db);
    let lastPlain = 0;
    const nlp = await resolveBackbone({ log: (l) => process.stderr.write(l + "\n") });
    const summary = await ingest(
      db,
      readArticles(args.positionals, { title: args.values.get("title"), stdinFormat: args.values.get("stdin-format"), progress: read }),
      {
        batchSize: batch,
        nlp,
        signal: stop.signal,
        onFailure: (f) => {
          failures.push(f);
          const where = `${f.origin.file}${f.origin.line ? `:${f.origin.line}` : ""}`;
          // An operator runs kg: an unexpected error's detail is shown too.
          const detail = f.cause !== undefined && !(f.cause instanceof AppError) ? ` (${describeError(f.cause)})` : "";
          process.stderr.write(`${tty ? "\r\x1b[K" : ""}skipped ${where}: ${f.code}: ${f.message}${detail}\n`);
        },
        onProgress: (s) => {
          if (tty) process.stderr.write(`\r\x1b[K${progressLine(s, read)}`);
          else if (s.totalMs - lastPlain > 5_000) {
            lastPlain = s.totalMs;
            process.stderr.write(progressLine(s, read) + "\n");
          }
        },
      },
    );
    if (tty) process.stderr.write("\n");
    if (args.flags.has("json")) process.stdout.write(JSON.stringify({ ...summary, failures: failures.map(({ cause: _cause, ...f }) => f) }) + "\n");
    else process.stdout.write(summaryText(summary) + "\n");
    // Stopped by a signal: the batch in flight finished or rolled back; a rerun skips what landed.
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    await events?.close();
    await db.close();
  }
}

// Private: the records onto the queue, 500 at a time; bad records are reported like a plain ingest's.
async function enqueueAll(
  paths: string[],
  read: { title: string | undefined; stdinFormat: string | undefined },
  jobId: string,
  json: boolean,
): Promise<number> {
  const url = redisUrl();
  if (!url)
    throw new AppError(
      "CONFIG_INVALID",
      "kg ingest --queue needs the queue's Redis: set KG_REDIS_URL (e.g. redis://127.0.0.1:6379; `npx kg redis start` runs one).",
    );
  // Loaded here: a plain ingest does not pay for loading BullMQ.
  const { IngestQueue } = await import("../../queue/ingest-queue.ts");
  const { queueSettings } = await import("../../queue/settings.ts");
  const queue = IngestQueue.open(url, queueSettings(), log);
  // Only to tell `ingestProgress(jobId)` subscribers where the run stands once every job is enqueued;
  // the workers tell them the rest.
  const events = new EventHub({ database: databaseName(), log, config: eventsConfig(), role: "publish" }).start();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  const t0 = performance.now();
  let enqueued = 0;
  const failures: { file: string; line?: number; code: string; message: string }[] = [];
  let chunk: ArticleJobData[] = [];
  const flush = async () => {
    enqueued += (await queue.enqueue(chunk, { group: jobId })).length;
    chunk = [];
  };
  try {
    for await (const rec of readArticles(paths, read)) {
      if (stop.signal.aborted) break;
      if (!rec.ok) {
        failures.push({ ...rec.origin, code: rec.code, message: rec.message });
        process.stderr.write(`skipped ${rec.origin.file}${rec.origin.line ? `:${rec.origin.line}` : ""}: ${rec.code}: ${rec.message}\n`);
        continue;
      }
      chunk.push({ article: rec.article, origin: rec.origin });
      if (chunk.length >= 500) await flush();
    }
    if (chunk.length > 0) await flush();
    await events.whenReady(2_000);
    events.publishProgress(await queue.seal(jobId, failures.length));
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    await events.close();
    await queue.close();
  }
  const secs = (performance.now() - t0) / 1000;
  const summary = { jobId, enqueued, failed: failures.length, queue: queue.settings.name, totalMs: Math.round(secs * 1000), failures };
  if (json) process.stdout.write(JSON.stringify(summary) + "\n");
  else
    process.stdout.write(
      `enqueued ${enqueued} article job(s) on queue ${summary.queue} in ${secs.toFixed(1)} s (an article already queued with the same content is not added again); ${failures.length} record(s) skipped; job id ${jobId} (ingestProgress)\n`,
    );
  return failures.length > 0 ? 1 : 0;
}
