/**
 * bench:export — `kg export` of the whole corpus graph (≈24k articles, ingested rules-only with
 * KG_NLP=none into the bench database, or reused when it already holds the corpus) in each format:
 * wall time and peak RSS of the exporting process, median over runs.
 *
 *   npm run bench:export [-- --runs N (3) | --formats graphml,jsonl,csv,jsonld | --limit N | --page-size N | --max-old-space MB | --wipe]
 *
 * Each export runs as its own `node bin/kg.js export` child, writing to a temporary folder that is
 * removed afterwards; its RSS is read from /proc/<pid>/status every 100 ms. Flatness: the median RSS
 * of the last quarter of the run's samples over that of the second quarter (after start-up) —
 * memory that grew with the graph would show as a ratio well above 1 — and the peak (VmHWM).
 * --max-old-space MB runs the exports with that V8 old-space cap: an export whose memory grew with
 * the graph would die of heap exhaustion on the full corpus.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FORMATS, type ExportFormat } from "../src/export/options.ts";
import { CSV_TABLE_NAMES } from "../src/export/formats.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { preparedBenchDatabase } from "./lib/ensure-corpus.ts";
import { machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { median, round } from "./lib/stats.ts";
import { table, writeResult } from "./lib/results.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

interface Run {
  seconds: number;
  peakRssMiB: number;
  /** Median RSS of the last quarter of the samples over the second quarter's. */
  rssGrowth: number;
  samples: number;
  bytes: number;
  summary: string;
}

function procKiB(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function dirBytes(p: string): number {
  const st = fs.statSync(p);
  return st.isDirectory() ? fs.readdirSync(p).reduce((n, f) => n + dirBytes(path.join(p, f)), 0) : st.size;
}

async function exportOnce(format: ExportFormat, env: NodeJS.ProcessEnv, pageSize: number | undefined): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-bench-export-"));
  const out = format === "csv" ? path.join(dir, "tables") : path.join(dir, `graph.${format}`);
  const args = [path.join(ROOT, "bin/kg.js"), "export", "--format", format, "--out", out, ...(pageSize ? ["--page-size", String(pageSize)] : [])];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const rss: number[] = [];
  let hwm = 0;
  const timer = setInterval(() => {
    const r = procKiB(child.pid!, "VmRSS");
    if (r !== undefined) rss.push(r);
    hwm = Math.max(hwm, procKiB(child.pid!, "VmHWM") ?? 0, r ?? 0);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  try {
    if (code !== 0) throw new Error(`kg export --format ${format} exited ${code}: ${stderr.slice(-2000)}`);
    const q = Math.floor(rss.length / 4);
    const growth = q >= 2 ? median(rss.slice(3 * q)) / median(rss.slice(q, 2 * q)) : NaN;
    return {
      seconds: round(seconds, 2),
      peakRssMiB: round(hwm / 1024, 1),
      rssGrowth: round(growth, 3),
      samples: rss.length,
      bytes: dirBytes(out),
      summary: stderr.trim().split("\n").pop() ?? "",
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: ["wipe"], values: ["runs", "limit", "page-size", "max-old-space", "formats"] });
  const runs = numberArg(args, "runs", 3)!;
  const limit = numberArg(args, "limit");
  const pageSize = numberArg(args, "page-size");
  const maxOldSpace = numberArg(args, "max-old-space");
  const formats = (args.values.get("formats") ?? FORMATS.join(",")).split(",") as ExportFormat[];
  for (const f of formats) {
    if (!FORMATS.includes(f)) {
      process.stderr.write(`--formats: unknown format "${f}"; use ${FORMATS.join(", ")}\n`);
      return 2;
    }
  }
  // Rules-only extraction keeps the ingest of the corpus to minutes; the export does not depend on it.
  process.env.KG_NLP = "none";
  const log = (l: string) => process.stderr.write(l + "\n");
  const { b, counts, machine } = await preparedBenchDatabase({ limit, allowWipe: args.flags.has("wipe"), log });
  log(`bench:export on ${machineLine(machine)}`);
  log(`graph: ${counts.articles} articles, ${counts.entities} entities, ${counts.relations} relations, ${counts.quotes} quotes, ${counts.mentions} mentions`);
  const nodeOptions = [process.env.NODE_OPTIONS, maxOldSpace ? `--max-old-space-size=${maxOldSpace}` : undefined].filter(Boolean).join(" ");
  const env = {
    ...process.env,
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    NEO4J_URI: b.cfg.uri,
    NEO4J_USER: b.cfg.user,
    NEO4J_PASSWORD: b.cfg.password,
    NEO4J_DATABASE: b.cfg.database,
    KG_NLP: "none",
  };

  const results: Record<string, { runs: Run[]; medianSeconds: number; medianPeakRssMiB: number; medianRssGrowth: number; bytes: number; summary: string }> = {};
  for (const f of formats) {
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await exportOnce(f, env, pageSize);
      log(
        `${f} run ${i + 1}/${runs}: ${r.seconds} s, peak RSS ${r.peakRssMiB} MiB, RSS last/second quarter ${r.rssGrowth}, ${(r.bytes / 2 ** 20).toFixed(1)} MiB written — ${r.summary}`,
      );
      rs.push(r);
    }
    results[f] = {
      runs: rs,
      medianSeconds: round(median(rs.map((r) => r.seconds)), 2),
      medianPeakRssMiB: round(median(rs.map((r) => r.peakRssMiB)), 1),
      medianRssGrowth: round(median(rs.map((r) => r.rssGrowth)), 3),
      bytes: rs[rs.length - 1]!.bytes,
      summary: rs[rs.length - 1]!.summary,
    };
  }
  const name = `export${limit === undefined ? "" : `-limit${limit}`}${maxOldSpace ? `-heap${maxOldSpace}` : ""}`;
  const file = writeResult(name, {
    benchmark: "export",
    full: limit === undefined,
    limit: limit ?? null,
    pageSize: pageSize ?? 500,
    maxOldSpaceMiB: maxOldSpace ?? null,
    runs,
    machine,
    graph: counts,
    csvTables: CSV_TABLE_NAMES,
    results,
  });
  console.log(
    "\n" +
      table(
        ["format", "median s", "peak RSS MiB", "RSS last/2nd quarter", "output MiB"],
        formats.map((f) => [f, results[f]!.medianSeconds, results[f]!.medianPeakRssMiB, results[f]!.medianRssGrowth, round(results[f]!.bytes / 2 ** 20, 1)]),
      ),
  );
  console.log(`(median of ${runs} runs; each export is its own kg process, RSS sampled every 100 ms from /proc; peak = VmHWM)`);
  console.log(`\nwritten ${file}`);
  return 0;
}

runMain(import.meta.url, main);
