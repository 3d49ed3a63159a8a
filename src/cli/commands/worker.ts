import os from "node:os";
import { redisUrl, resolveNeo4jConfig, settings } from "../../config.ts";
import { Db } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { AppError } from "../../errors.ts";
import { eventsConfig } from "../../events/config.ts";
import { EventHub } from "../../events/hub.ts";
import { ExtractionPool, extractionPoolConfig } from "../../extraction/pool.ts";
import { log } from "../../log.ts";
import { resolveBackbone } from "../../nlp/backbone.ts";
import { queueSettings } from "../../queue/settings.ts";
import { startIngestWorker } from "../../queue/worker.ts";
import { parseCommandArgs } from "../args.ts";

const USAGE = `Usage: kg worker [--concurrency N] [--threads N] [--name NAME] [--json]
Takes article jobs from the queue (KG_REDIS_URL, queue KG_QUEUE_NAME), extracts them and writes them to Neo4j,
the articles of concurrent jobs in one transaction. Run as many as you like, on as many machines.
  --concurrency N  jobs in flight at once, and the largest write batch (default 8)
  --threads N      extraction threads (default 1)
  --name NAME      shown as the job's worker in \`kg jobs\` (default host-pid)
  --json           on exit, print what it did as JSON on stdout
SIGTERM or SIGINT: stops taking jobs, finishes those in flight, and exits 0.`;

function wholeNumber(raw: string | undefined, dflt: number, what: string, max: number): number {
  const n = Number(raw ?? dflt);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new AppError("BAD_USER_INPUT", `kg worker: ${what} must be a whole number from 1 to ${max}, got "${raw}".`);
  return n;
}

export async function runWorker(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg worker", argv, { flags: ["json", "help"], values: ["concurrency", "threads", "name"], positionals: false });
  if (args.flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const concurrency = wholeNumber(args.values.get("concurrency"), 8, "--concurrency", 256);
  const threads = wholeNumber(args.values.get("threads"), 1, "--threads", 64);
  const name = args.values.get("name") ?? `${os.hostname()}-${process.pid}`;
  const url = redisUrl();
  if (!url)
    throw new AppError("CONFIG_INVALID", "kg worker needs the queue's Redis: set KG_REDIS_URL (e.g. redis://127.0.0.1:6379; `npx kg redis start` runs one).");
  const qs = queueSettings();
  const db = new Db(await resolveNeo4jConfig({ local: { log: (l) => log.info(l) } }), {
    // A Neo4j restart within this time is waited out; past it the job's try fails and BullMQ retries it later.
    maxRetryMs: settings().ingestRetryMs,
    acquireTimeoutMs: 10_000,
  });
  const nlp = await resolveBackbone({ log: (l) => log.info(l) });
  const pool = new ExtractionPool({ ...extractionPoolConfig(), threads });
  // Publishes through Redis what this worker does: its commits (every server's `articleChanged`
  // subscribers hear them at once, not at their next change-log poll) and its groups' `ingestProgress`.
  const events = new EventHub({ db, log, config: eventsConfig(), role: "publish" }).start();
  await events.whenReady(5_000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await migrate(db).catch((err: unknown) => log.warn({ err }, "could not apply the schema at start-up; jobs will retry until Neo4j answers"));
    const worker = startIngestWorker({
      db,
      redisUrl: url,
      settings: qs,
      pool,
      ...(nlp ? { nlp } : {}),
      concurrency,
      name,
      log,
      publishProgress: (p) => events.publishProgress(p),
    });
    process.stderr.write(`kg worker ${name}: taking jobs from queue ${qs.name} (concurrency ${concurrency}, ${nlp ? nlp.id : "rules only"})\n`);
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        process.stderr.write(`kg worker ${name}: ${sig}: finishing the jobs in flight…\n`);
        resolve();
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
    await worker.close();
    const cpu = process.cpuUsage(cpu0);
    const summary = {
      name,
      ...worker.summary(),
      wallMs: Math.round(performance.now() - t0),
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
    };
    log.info(summary, "worker stopped");
    process.stderr.write(`kg worker ${name}: stopped after ${summary.completed} jobs (${summary.failed} failed tries)\n`);
    if (args.flags.has("json")) process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  } finally {
    await events.close();
    await pool.close();
    await db.close();
  }
}
