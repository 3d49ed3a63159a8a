/**
 * `npm run bench:extract [-- --file PATH] [-- --runs N]`: extraction throughput on the FNC-1
 * bodies (../shared/corpus/fnc1-bodies.ndjson or $KG_CORPUS_DIR). Each run extracts every
 * article once on this single thread; prints the median articles/s and MB/s, peak RSS and
 * the heap after each run (flat = no leak), and writes bench/results/<date>-extract.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractArticle } from "../src/extraction/index.ts";
import type { ArticleInput } from "../src/extraction/types.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function main(argv: string[]): number {
  const corpusDir = process.env.KG_CORPUS_DIR ?? path.resolve(ROOT, "../shared/corpus");
  const file = option(argv, "file") ?? path.join(corpusDir, "fnc1-bodies.ndjson");
  const runs = Number(option(argv, "runs") ?? 3);
  let articles: ArticleInput[];
  try {
    articles = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as ArticleInput);
  } catch (e) {
    process.stderr.write(`bench:extract: cannot read ${file}: ${(e as Error).message}\nSet KG_CORPUS_DIR to the folder holding fnc1-bodies.ndjson.\n`);
    return 1;
  }
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, "utf8"), 0);
  extractArticle({ text: "Warm-up: Mosul was retaken by Iraqi forces." });

  const results: { seconds: number; articlesPerSecond: number; mbPerSecond: number; relations: number; heapUsedMB: number }[] = [];
  for (let r = 0; r < runs; r++) {
    let relations = 0;
    const t0 = process.hrtime.bigint();
    for (const a of articles) relations += extractArticle(a).relations.length;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    // With --expose-gc the heap figure is exact; without it, it includes garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const heapUsedMB = process.memoryUsage().heapUsed / 1e6;
    results.push({ seconds, articlesPerSecond: articles.length / seconds, mbPerSecond: bytes / 1e6 / seconds, relations, heapUsedMB });
    console.log(`run ${r + 1}: ${seconds.toFixed(2)} s, ${(articles.length / seconds).toFixed(0)} articles/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${relations} relations, heap ${heapUsedMB.toFixed(0)} MB`);
  }
  const summary = {
    date: new Date().toISOString(),
    corpus: path.basename(file),
    articles: articles.length,
    megabytes: bytes / 1e6,
    runs: results,
    medianArticlesPerSecond: median(results.map((x) => x.articlesPerSecond)),
    medianMBPerSecond: median(results.map((x) => x.mbPerSecond)),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    node: process.version,
  };
  console.log(`median: ${summary.medianArticlesPerSecond.toFixed(0)} articles/s, ${summary.medianMBPerSecond.toFixed(2)} MB/s; peak RSS ${summary.peakRssMB.toFixed(0)} MB`);
  const outDir = path.join(ROOT, "bench/results");
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${summary.date.slice(0, 10)}-extract.json`);
  writeFileSync(out, JSON.stringify(summary, null, 2) + "\n");
  console.log(`wrote ${path.relative(ROOT, out)}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
