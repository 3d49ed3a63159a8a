/**
 * bench:stream — streaming input at scale. Generates an NDJSON feed of about `--gb` GiB (default 1)
 * from ../shared/corpus (read from there; written under /tmp, never into the repo), then, each in a
 * fresh process so its RSS is its own:
 *   1. `--runs` times (default 3): stream-parses the whole feed with `readArticles` (what `kg
 *      ingest` reads with), sampling RSS every 100 ms and at every tenth of the bytes read;
 *   2. once: ingests the first `--ingest-limit` articles (default 3000) of the same feed into an
 *      emptied bench database with KG_NLP=none through the real `ingest()` pipeline, sampling RSS.
 * Prints medians over the parse runs and writes bench/results/<date>-stream.json.
 *
 *   npm run bench:stream [-- --gb 1] [--runs 3] [--ingest-limit 3000] [--keep]
 *
 * Flat means: the RSS when the last tenth is done is within a few MiB of that at the second tenth.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../src/db/migrate.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { readArticles, type ArticleRecord, type ReadProgress } from "../src/input/read-articles.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { corpusFiles } from "./lib/corpus.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j, wipe } from "./lib/neo4j.ts";
import { median, round } from "./lib/stats.ts";
import { table, writeResult } from "./lib/results.ts";

const MiB = 2 ** 20;
const SELF = fileURLToPath(import.meta.url);

interface PassReport {
  records: number;
  failed: number;
  bytes: number;
  seconds: number;
  peakRssMiB: number;
  /** RSS (MiB) when each tenth of the pass was done (bytes of the feed; articles of the ingest): flat memory means a flat row. */
  rssByTenth: number[];
  startRssMiB: number;
}

// Private: RSS sampled every 100 ms, and when each tenth of the pass is done (`done()` from 0 to 1).
function sampler(done: () => number) {
  let peak = process.memoryUsage().rss;
  const tenths: number[] = [];
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    while (tenths.length < 10 && done() >= (tenths.length + 1) / 10) tenths.push(round(rss / MiB, 0));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      while (tenths.length < 10) tenths.push(round(process.memoryUsage().rss / MiB, 0));
      return { peakRssMiB: round(peak / MiB, 0), rssByTenth: tenths };
    },
  };
}

// Private: stop after `limit` records, so a bounded ingest reads only the prefix it stores; `seen` counts them.
async function* prefix(records: AsyncIterable<ArticleRecord>, limit: number, seen: { n: number }): AsyncGenerator<ArticleRecord> {
  for await (const r of records) {
    if (seen.n >= limit) return;
    seen.n++;
    yield r;
  }
}

/** Child: one pass over the feed; prints its report as JSON on stdout. */
async function child(mode: string, file: string, limit: number): Promise<number> {
  const progress: ReadProgress = { bytesRead: 0, bytesTotal: fs.statSync(file).size };
  let records = 0;
  let failed = 0;
  let startRssMiB = round(process.memoryUsage().rss / MiB, 0);
  let s = sampler(() => progress.bytesRead / progress.bytesTotal);
  let t0 = performance.now();
  if (mode === "parse") {
    for await (const r of readArticles([file], { progress })) {
      records++;
      if (!r.ok) failed++;
    }
  } else {
    process.env.KG_NLP = "none";
    const b = await benchNeo4j();
    const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
    try {
      await wipe(db, b, false);
      await migrate(db);
      // Timed and sampled from here: the bench Neo4j's start and the wipe are not the ingest's.
      const seen = { n: 0 };
      s.stop();
      startRssMiB = round(process.memoryUsage().rss / MiB, 0);
      s = sampler(() => seen.n / limit);
      t0 = performance.now();
      const summary = await ingest(db, prefix(readArticles([file], { progress }), limit, seen), { batchSize: 100 });
      records = summary.new + summary.updated + summary.unchanged + summary.failed;
      failed = summary.failed;
    } finally {
      await db.close();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const report: PassReport = { records, failed, bytes: progress.bytesRead, seconds: round(seconds, 1), startRssMiB, ...s.stop() };
  process.stdout.write(JSON.stringify(report) + "\n");
  return 0;
}

/** The generated feed: corpus records copied with new ids until it holds `bytes`. Reused when already there. */
async function generate(file: string, bytes: number, log: (l: string) => void): Promise<{ records: number; copies: number }> {
  const meta = `${file}.meta.json`;
  if (fs.existsSync(file) && fs.existsSync(meta) && fs.statSync(file).size >= bytes) {
    log(`Reusing ${file} (${(fs.statSync(file).size / MiB).toFixed(0)} MiB)`);
    return JSON.parse(fs.readFileSync(meta, "utf8")) as { records: number; copies: number };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  let written = 0;
  let records = 0;
  let copies = 0;
  while (written < bytes) {
    for await (const r of readArticles(corpusFiles())) {
      if (!r.ok || written >= bytes) continue;
      const line = JSON.stringify({ ...r.article, id: `s${copies}-${r.article.id ?? records}` }) + "\n";
      written += Buffer.byteLength(line);
      records++;
      await write(line);
    }
    copies++;
    log(`  copy ${copies} of the corpus: ${(written / MiB).toFixed(0)} MiB`);
  }
  await new Promise<void>((r) => out.end(() => r()));
  fs.writeFileSync(meta, JSON.stringify({ records, copies }));
  return { records, copies };
}

function runChild(args: string[]): PassReport {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * MiB });
  if (r.status !== 0) throw new Error(`bench:stream child ${args.join(" ")} exited ${r.status}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as PassReport;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: ["keep"], values: ["gb", "runs", "ingest-limit", "child", "file"] });
  const ingestLimit = numberArg(args, "ingest-limit", 3000)!;
  const childMode = args.values.get("child");
  if (childMode) return child(childMode, args.values.get("file")!, ingestLimit);

  const gb = numberArg(args, "gb", 1)!;
  const runs = numberArg(args, "runs", 3)!;
  const log = (l: string) => process.stderr.write(l + "\n");
  const file = path.join(process.env.KG_STREAM_BENCH_DIR ?? path.join(os.tmpdir(), "kg-bench-stream"), `feed-${gb}g.ndjson`);
  log(`Generating ${gb} GiB of NDJSON from ${path.dirname(corpusFiles()[0]!)} into ${file}…`);
  const t0 = performance.now();
  const gen = await generate(file, gb * 1024 * MiB, log);
  const genSeconds = round((performance.now() - t0) / 1000, 1);
  const bytes = fs.statSync(file).size;

  const parses: PassReport[] = [];
  for (let i = 0; i < runs; i++) {
    log(`Parse run ${i + 1}/${runs}: the whole feed through readArticles…`);
    parses.push(runChild(["--child", "parse", "--file", file]));
    log(
      `  ${parses.at(-1)!.records} records in ${parses.at(-1)!.seconds} s, peak RSS ${parses.at(-1)!.peakRssMiB} MiB, by tenth: ${parses.at(-1)!.rssByTenth.join(" ")}`,
    );
  }
  log(`Ingest: the first ${ingestLimit} articles of the feed into the emptied bench database (KG_NLP=none)…`);
  const ingested = runChild(["--child", "ingest", "--file", file, "--ingest-limit", String(ingestLimit)]);
  const machine = await machineInfo();

  // Steady state: from the second tenth (buffers and the JIT warmed up) to the last.
  const flat = (p: PassReport) => round(p.rssByTenth.at(-1)! - p.rssByTenth[1]!, 0);
  const result = {
    benchmark: "stream",
    machine,
    feed: { file, bytes, records: gen.records, corpusCopies: gen.copies, generatedInSeconds: genSeconds },
    parse: {
      runs: parses,
      medianSeconds: median(parses.map((p) => p.seconds)),
      medianMiBPerSec: round(median(parses.map((p) => bytes / MiB / p.seconds)), 1),
      medianRecordsPerSec: round(median(parses.map((p) => p.records / p.seconds)), 0),
      medianPeakRssMiB: median(parses.map((p) => p.peakRssMiB)),
      medianRssGrowthSecondToLastTenthMiB: median(parses.map(flat)),
    },
    ingest: { ...ingested, articlesPerSec: round(ingested.records / ingested.seconds, 1), nlp: "none" },
  };
  process.stdout.write(`bench:stream on ${machineLine(machine)}\nfeed: ${(bytes / MiB).toFixed(0)} MiB, ${gen.records} records\n\n`);
  process.stdout.write(
    table(
      ["pass", "records", "MiB read", "seconds", "MiB/s", "peak RSS MiB", "RSS by tenth (MiB)"],
      [
        [
          "parse (median of " + runs + ")",
          parses[0]!.records,
          round(bytes / MiB, 0),
          result.parse.medianSeconds,
          result.parse.medianMiBPerSec,
          result.parse.medianPeakRssMiB,
          parses[0]!.rssByTenth.join(" "),
        ],
        [
          `ingest (first ${ingestLimit})`,
          ingested.records,
          round(ingested.bytes / MiB, 0),
          ingested.seconds,
          round(ingested.bytes / MiB / ingested.seconds, 1),
          ingested.peakRssMiB,
          ingested.rssByTenth.join(" "),
        ],
      ],
    ) + "\n",
  );
  log(`wrote ${writeResult("stream", result)}`);
  if (!args.flags.has("keep")) {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.meta.json`, { force: true });
  }
  return 0;
}

runMain(import.meta.url, main);
