/**
 * bench:queue — ingest through the job queue (issue 18) on the bench Neo4j and a Redis of its own:
 *   1. a plain in-process ingest of N corpus articles (what `kg ingest` does): articles/s and CPU;
 *   2. the same N articles enqueued (`kg ingest --queue`'s code), then taken by 1, 2 and 4 `kg worker`
 *      processes: articles/s over the processing window (first job taken to last job finished, from
 *      BullMQ's own timestamps, so process start-up is left out), CPU per worker, and the CPU of Neo4j and
 *      Redis over the same run (/proc), to show where the curve flattens; the 4-worker run also without the
 *      write lock (KG_QUEUE_WRITE_LOCK=false), to choose between one writer per database and concurrent writers;
 *   3. --kill-run (instead of 1 and 2): N articles (default 10,000) enqueued, 2 workers, one of them
 *      SIGKILLed every --kill-every seconds (15) and replaced; then every article is checked present
 *      exactly once and completely stored. Queue counts are printed every 30 s, so a stall shows where.
 *
 *   npm run bench:queue [-- --articles N] [--rounds R] [--workers 1,2,4] [--concurrency C] [--nlp none|corenlp] [--label L] [--json]
 *   npm run bench:queue -- --kill-run [--articles 10000] [--kill-every 15] [--concurrency C] [--timeout 1800]
 *
 * Extraction is rules only (KG_NLP=none) by default: with CoreNLP on this 2-core machine the NLP server,
 * not the queue, is most of what is measured. `--nlp corenlp` runs 1 and 2 (the plain ingest and the
 * worker counts, not the run without the write lock) with the CoreNLP backbone, on a CoreNLP of the bench's own (instance "bench", --corenlp-port or
 * KG_BENCH_CORENLP_PORT, default 9011; KG_CORENLP_HEAP), stopped at the end: the per-worker rate that the
 * capacity arithmetic in README "Running at scale" uses. Each run is bounded (--timeout seconds, default 600; 1800 for --kill-run).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { checkArticles } from "./load-lib/verify.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Db } from "../src/db/client.ts";
import { localNeo4jStatus } from "../src/db/local-neo4j.ts";
import type { ArticleInput } from "../src/extraction/types.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { IngestQueue } from "../src/queue/ingest-queue.ts";
import { queueSettings } from "../src/queue/settings.ts";
import { resolveBackbone } from "../src/nlp/backbone.ts";
import { startLocalCoreNlp, stopLocalCoreNlp } from "../src/nlp/local-corenlp.ts";
import { localRedisStatus, startLocalRedis, stopLocalRedis } from "../src/redis/local-redis.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { corpusRecords } from "./lib/corpus.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchLocalOptions, benchNeo4j, graphCounts, wipe, type BenchNeo4j } from "./lib/neo4j.ts";
import { median, round } from "./lib/stats.ts";
import { table, writeResult } from "./lib/results.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quiet = pino({ level: "silent" });
const say = (l: string) => process.stderr.write(l + "\n");
// USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s.
const TICK = 100;

/** CPU seconds (user + system) of a process so far, from /proc; 0 when it cannot be read. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}

interface WorkerReport {
  name: string;
  completed: number;
  batches: number;
  articles: number;
  writeMs: number;
  failedStatements: number;
  lockWaitMs: number;
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

interface Worker {
  child: ChildProcess;
  out: string;
  exit: Promise<number | null>;
  ready: Promise<void>;
}

function startWorker(env: Record<string, string>, name: string, concurrency: number): Worker {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/kg.js"), "worker", "--concurrency", String(concurrency), "--name", name, "--json"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: Worker = { child, out: "", exit: new Promise((r) => child.once("exit", (c) => r(c))), ready: Promise.resolve() };
  child.stdout.on("data", (d) => (w.out += d));
  let err = "";
  w.ready = new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("taking jobs")) resolve();
    });
    void w.exit.then((c) => reject(new Error(`worker ${name} exited (${c}) before it was ready:\n${err.slice(-1500)}`)));
  });
  w.ready.catch(() => {});
  return w;
}

async function stopWorker(w: Worker): Promise<WorkerReport | undefined> {
  w.child.kill("SIGTERM");
  await w.exit;
  const line = w.out.trim().split("\n").pop();
  return line ? (JSON.parse(line) as WorkerReport) : undefined;
}

async function untilDone(q: IngestQueue, n: number, deadline: number, onTick?: () => Promise<void>, failedOk = false): Promise<void> {
  for (;;) {
    const c = await q.counts();
    if (c.completed + c.failed >= n) {
      if (c.failed > 0 && !failedOk) throw new Error(`${c.failed} job(s) failed: see \`kg jobs failed\` on queue ${q.settings.name}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`not done in time: ${JSON.stringify(c)}`);
    await onTick?.();
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** First job taken to last job finished, from BullMQ's timestamps (ms). */
async function processingWindowMs(q: IngestQueue): Promise<number> {
  let first = Infinity;
  let last = 0;
  for (let i = 0; ; i += 1000) {
    const jobs = await q.queue.getCompleted(i, i + 999);
    if (jobs.length === 0) break;
    for (const j of jobs) {
      if (j.processedOn) first = Math.min(first, j.processedOn);
      if (j.finishedOn) last = Math.max(last, j.finishedOn);
    }
  }
  return last - first;
}

interface QueueRun {
  workers: number;
  writeLock: boolean;
  round: number;
  enqueueMsPerArticle: number;
  articlesPerSec: number;
  cpuCoresPerWorker: number[];
  workerCpuMsPerArticle: number;
  neo4jCores: number;
  redisCores: number;
  meanBatch: number;
  failedStatements: number;
  lockWaitShare: number;
}

/** The environment of a `kg worker` on the bench Neo4j and Redis, rules only, on queue `name`. */
function workerEnv(b: BenchNeo4j, redisUrl: string, name: string, extra: Record<string, string>): Record<string, string> {
  const { uri, user, password, database } = b.cfg;
  return {
    KG_REDIS_URL: redisUrl,
    KG_QUEUE_NAME: name,
    KG_NLP: "none",
    NEO4J_URI: uri,
    NEO4J_USER: user,
    NEO4J_PASSWORD: password,
    NEO4J_DATABASE: database,
    LOG_LEVEL: "warn",
    ...extra,
  };
}

async function fresh(db: Db, b: BenchNeo4j): Promise<void> {
  await wipe(db, b, false);
  await migrate(db);
}

interface KillRunResult {
  articles: number;
  enqueued: number;
  kills: number;
  wallSeconds: number;
  storedArticles: number;
  /** Article ids stored more than once (none can be: ids are unique in the schema; counted, not assumed). */
  duplicates: number;
  complete: number;
  notComplete: string[];
  failedJobs: number;
  jobsTakenMoreThanOnce: number;
  /** Queue counts every 30 s: where a stall would show. */
  timeline: { s: number; waiting: number; active: number; delayed: number; completed: number; failed: number }[];
}

/** Enqueue `all`, run 2 workers, SIGKILL one every `everyMs` and start a new one, until every job is done; then check the graph. */
async function killRun(
  db: Db,
  b: BenchNeo4j,
  redisUrl: string,
  env: Record<string, string>,
  all: ArticleInput[],
  o: { concurrency: number; everyMs: number; timeoutMs: number },
): Promise<KillRunResult> {
  await fresh(db, b);
  const q = IngestQueue.open(redisUrl, queueSettings(env), quiet);
  try {
    await q.queue.obliterate({ force: true });
    const enqueued = (await q.enqueue(all.map((article, i) => ({ article, origin: { file: "bench", line: i } })))).length;
    say(`kill run: ${enqueued} articles enqueued; 2 workers, one SIGKILLed every ${o.everyMs / 1000} s and replaced…`);
    let next = 0;
    const workers = [startWorker(env, `k${next++}`, o.concurrency), startWorker(env, `k${next++}`, o.concurrency)];
    let kills = 0;
    let lastKill = Date.now();
    let lastReport = Date.now();
    const timeline: KillRunResult["timeline"] = [];
    const t0 = performance.now();
    // A run that does not finish in time leaves no worker behind.
    const reap = () => workers.forEach((w) => w.child.kill("SIGKILL"));
    await untilDone(
      q,
      all.length,
      Date.now() + o.timeoutMs,
      async () => {
        if (Date.now() - lastReport >= 30_000) {
          lastReport = Date.now();
          const c = await q.counts();
          timeline.push({ s: Math.round((performance.now() - t0) / 1000), ...c });
          say(`  ${timeline.at(-1)!.s} s: ${JSON.stringify(c)}, ${kills} kills`);
        }
        if (Date.now() - lastKill < o.everyMs) return;
        lastKill = Date.now();
        const i = kills % workers.length;
        workers[i]!.child.kill("SIGKILL");
        await workers[i]!.exit;
        kills++;
        workers[i] = startWorker(env, `k${next++}`, o.concurrency);
      },
      true,
    ).catch((e: unknown) => {
      reap();
      throw e;
    });
    const wallS = (performance.now() - t0) / 1000;
    await Promise.all(workers.map(stopWorker));
    const checks = await checkArticles(db.driver, db.database, all);
    const stored = (await graphCounts(db)).articles;
    const completed = await q.queue.getCompleted(0, -1);
    const r: KillRunResult = {
      articles: all.length,
      enqueued,
      kills,
      wallSeconds: round(wallS),
      storedArticles: stored,
      duplicates: stored - new Set(checks.filter((c) => c.state !== "absent").map((c) => c.id)).size,
      complete: checks.filter((c) => c.state === "complete").length,
      notComplete: checks.filter((c) => c.state !== "complete").map((c) => c.id),
      failedJobs: (await q.counts()).failed,
      jobsTakenMoreThanOnce: completed.filter((j) => (j.attemptsStarted ?? 0) > 1).length,
      timeline,
    };
    say(`kill run: ${JSON.stringify({ ...r, notComplete: r.notComplete.length, timeline: undefined })}`);
    return r;
  } finally {
    await q.queue.obliterate({ force: true }).catch(() => {});
    await q.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, {
    flags: ["kill-run", "json"],
    values: ["articles", "rounds", "workers", "concurrency", "kill-every", "timeout", "redis-port", "nlp", "corenlp-port", "label"],
  });
  const kill = args.flags.has("kill-run");
  // Part of the result file's name (bench/results/<date>-queue[-corenlp][-LABEL].json), so runs of a day do not overwrite each other.
  const label = args.values.get("label");
  const n = numberArg(args, "articles", kill ? 10_000 : 2000)!;
  const rounds = numberArg(args, "rounds", 2)!;
  const concurrency = numberArg(args, "concurrency", 8)!;
  const counts = (args.values.get("workers") ?? "1,2,4").split(",").map(Number);
  // The kill run's bound is longer: at load 13-15 on these 2 cores it went at 6 articles/s (BENCHMARKS.md).
  const timeoutMs = numberArg(args, "timeout", kill ? 1800 : 600)! * 1000;
  const redisOpts = { instance: "bench", port: numberArg(args, "redis-port", Number(process.env.KG_BENCH_REDIS_PORT ?? 6432))!, log: say };
  const nlpMode = args.values.get("nlp") ?? "none";
  if (nlpMode !== "none" && nlpMode !== "corenlp") throw new Error(`--nlp must be none or corenlp, got "${nlpMode}"`);
  const corenlpOpts = {
    instance: "bench",
    port: numberArg(args, "corenlp-port", Number(process.env.KG_BENCH_CORENLP_PORT ?? 9011))!,
    heap: process.env.KG_CORENLP_HEAP ?? "2g",
    log: say,
  };
  // The plain ingest (this process) and the workers use the same CoreNLP, by its URL.
  const corenlpUrl = nlpMode === "corenlp" ? (await startLocalCoreNlp(corenlpOpts)).url : undefined;
  if (corenlpUrl) {
    delete process.env.KG_NLP;
    process.env.CORENLP_URL = corenlpUrl;
  } else process.env.KG_NLP = "none";
  const nlpEnv: Record<string, string> = corenlpUrl ? { KG_NLP: "corenlp", CORENLP_URL: corenlpUrl } : { KG_NLP: "none" };
  const nlp = await resolveBackbone();
  const nlpName = nlp ? nlp.id : "none";

  const b = await benchNeo4j();
  const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
  const redis = await startLocalRedis(redisOpts);
  const neo4jPid = b.dedicated ? localNeo4jStatus(benchLocalOptions()).pid : undefined;
  const redisPid = localRedisStatus(redisOpts).pid;
  try {
    const machine = await machineInfo(db);
    say(
      `bench:queue on ${machineLine(machine)}; ${n} articles, ${nlp ? `extraction with ${nlp.id}` : "rules only (KG_NLP=none)"}, worker concurrency ${concurrency}`,
    );
    const sample: ArticleInput[] = [];
    for await (const r of corpusRecords({ limit: n })) if (r.ok) sample.push(r.article);
    if (kill) {
      const env = workerEnv(b, redis.url, "bench-kill", { ...nlpEnv, KG_JOB_LOCK_MS: "5000" });
      const everyMs = numberArg(args, "kill-every", 15)! * 1000;
      const result = await killRun(db, b, redis.url, env, sample, { concurrency, everyMs, timeoutMs });
      const file = writeResult(["queue-kill", label].filter(Boolean).join("-"), {
        machine,
        concurrency,
        nlp: nlpName,
        killEverySeconds: everyMs / 1000,
        ...result,
      });
      say(`wrote ${file}`);
      if (args.flags.has("json")) process.stdout.write(JSON.stringify(result) + "\n");
      return result.notComplete.length > 0 || result.storedArticles !== result.articles || result.failedJobs > 0 ? 1 : 0;
    }

    // 1. Plain ingest, in this process (kg ingest's pipeline), as the baseline.
    const plain: { articlesPerSec: number; cpuMsPerArticle: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      await fresh(db, b);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await ingest(
        db,
        sample.map((article, i) => ({ ok: true as const, article, origin: { file: "bench", line: i } })),
        nlp ? { nlp } : {},
      );
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      plain.push({ articlesPerSec: round((n / ms) * 1000), cpuMsPerArticle: round((cpu.user + cpu.system) / 1000 / n, 2) });
      say(`plain ingest round ${r + 1}: ${plain.at(-1)!.articlesPerSec} articles/s, ${plain.at(-1)!.cpuMsPerArticle} ms CPU per article`);
    }

    // 2. Through the queue, 1, 2, 4 workers (and 4 without the write lock; with CoreNLP only the rates, with the lock).
    const configs = [...counts.map((w) => ({ workers: w, writeLock: true })), ...(nlp ? [] : [{ workers: Math.max(...counts), writeLock: false }])];
    const resultName = ["queue", nlp ? "corenlp" : undefined, label].filter(Boolean).join("-");
    const runs: QueueRun[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const c of configs) {
        await fresh(db, b);
        const env = workerEnv(b, redis.url, `bench-${c.workers}-${c.writeLock ? "lock" : "nolock"}-${r}`, {
          ...nlpEnv,
          KG_QUEUE_WRITE_LOCK: String(c.writeLock),
        });
        const q = IngestQueue.open(redis.url, queueSettings(env), quiet);
        try {
          await q.queue.obliterate({ force: true });
          const te = performance.now();
          await q.enqueue(sample.map((article, i) => ({ article, origin: { file: "bench", line: i } })));
          const enqueueMs = performance.now() - te;
          const neo0 = cpuSeconds(neo4jPid);
          const red0 = cpuSeconds(redisPid);
          const t0 = performance.now();
          const workers = Array.from({ length: c.workers }, (_, i) => startWorker(env, `w${i + 1}`, concurrency));
          await untilDone(q, n, Date.now() + timeoutMs).catch((e: unknown) => {
            workers.forEach((w) => w.child.kill("SIGKILL"));
            throw e;
          });
          const wallS = (performance.now() - t0) / 1000;
          const neoCores = (cpuSeconds(neo4jPid) - neo0) / wallS;
          const redCores = (cpuSeconds(redisPid) - red0) / wallS;
          const reports = (await Promise.all(workers.map(stopWorker))).filter((x): x is WorkerReport => x !== undefined);
          const windowMs = await processingWindowMs(q);
          const cpuMs = reports.map((x) => x.cpuUserMs + x.cpuSystemMs);
          const run: QueueRun = {
            workers: c.workers,
            writeLock: c.writeLock,
            round: r + 1,
            enqueueMsPerArticle: round(enqueueMs / n, 3),
            articlesPerSec: round((n / windowMs) * 1000),
            cpuCoresPerWorker: cpuMs.map((m, i) => round(m / reports[i]!.wallMs, 2)),
            workerCpuMsPerArticle: round(cpuMs.reduce((a, x) => a + x, 0) / n, 2),
            neo4jCores: round(neoCores, 2),
            redisCores: round(redCores, 2),
            meanBatch: round(
              reports.reduce((a, x) => a + x.articles, 0) /
                Math.max(
                  1,
                  reports.reduce((a, x) => a + x.batches, 0),
                ),
              1,
            ),
            failedStatements: reports.reduce((a, x) => a + x.failedStatements, 0),
            lockWaitShare: round(reports.reduce((a, x) => a + x.lockWaitMs, 0) / reports.reduce((a, x) => a + x.wallMs, 0), 2),
          };
          runs.push(run);
          say(
            `${c.workers} worker(s)${c.writeLock ? "" : " without the write lock"}, round ${r + 1}: ${run.articlesPerSec} articles/s, ` +
              `CPU per worker ${run.cpuCoresPerWorker.join("/")} cores, Neo4j ${run.neo4jCores}, Redis ${run.redisCores}, batch ${run.meanBatch}, failed statements ${run.failedStatements}`,
          );
        } finally {
          await q.queue.obliterate({ force: true }).catch(() => {});
          await q.close();
        }
      }
    }

    writeResult(resultName, { machine, articles: n, rounds, concurrency, nlp: nlpName, plain, runs });

    // Summary: medians per configuration.
    const byConfig = configs.map((c) => {
      const rs = runs.filter((r) => r.workers === c.workers && r.writeLock === c.writeLock);
      const rates = rs.map((r) => r.articlesPerSec);
      return {
        ...c,
        articlesPerSec: median(rates),
        min: Math.min(...rates),
        max: Math.max(...rates),
        cpuCoresPerWorker: median(rs.flatMap((r) => r.cpuCoresPerWorker)),
        workerCpuMsPerArticle: median(rs.map((r) => r.workerCpuMsPerArticle)),
        neo4jCores: median(rs.map((r) => r.neo4jCores)),
        redisCores: median(rs.map((r) => r.redisCores)),
        meanBatch: median(rs.map((r) => r.meanBatch)),
        failedStatements: median(rs.map((r) => r.failedStatements)),
        enqueueMsPerArticle: median(rs.map((r) => r.enqueueMsPerArticle)),
      };
    });
    const plainRate = round(median(plain.map((p) => p.articlesPerSec)));
    const plainCpu = round(median(plain.map((p) => p.cpuMsPerArticle)), 2);
    say("");
    say(
      `plain ingest: ${plainRate} articles/s (min-max ${Math.min(...plain.map((p) => p.articlesPerSec))}-${Math.max(...plain.map((p) => p.articlesPerSec))}), ${plainCpu} ms CPU per article`,
    );
    say(
      table(
        [
          "workers",
          "write lock",
          "articles/s",
          "min-max",
          "CPU/worker",
          "worker CPU ms/article",
          "Neo4j cores",
          "Redis cores",
          "batch",
          "failed stmts",
          "enqueue ms/article",
        ],
        byConfig.map((c) => [
          c.workers,
          c.writeLock ? "yes" : "no",
          c.articlesPerSec,
          `${c.min}-${c.max}`,
          c.cpuCoresPerWorker,
          c.workerCpuMsPerArticle,
          c.neo4jCores,
          c.redisCores,
          c.meanBatch,
          c.failedStatements,
          c.enqueueMsPerArticle,
        ]),
      ),
    );
    const one = byConfig.find((c) => c.workers === 1 && c.writeLock);
    if (one)
      say(
        `queue overhead, 1 worker vs plain: ${round(1000 / one.articlesPerSec - 1000 / plainRate, 2)} ms wall per article, ${round(one.workerCpuMsPerArticle - plainCpu, 2)} ms CPU per article, plus ${one.enqueueMsPerArticle} ms to enqueue`,
      );
    const file = writeResult(resultName, { machine, articles: n, rounds, concurrency, nlp: nlpName, plain, runs, byConfig });
    say(`wrote ${file}`);
    if (args.flags.has("json")) process.stdout.write(JSON.stringify({ plain, byConfig }) + "\n");
    return 0;
  } finally {
    await db.close();
    await stopLocalRedis(redisOpts);
    if (corenlpUrl) await stopLocalCoreNlp(corenlpOpts);
  }
}

runMain(import.meta.url, main);
