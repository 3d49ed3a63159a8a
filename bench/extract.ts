/**
 * `npm run bench:extract [-- --file PATH] [-- --runs N] [-- --nlp none|corenlp] [-- --limit N]`:
 * extraction throughput on the FNC-1 bodies (../shared/corpus/fnc1-bodies.ndjson or $KG_CORPUS_DIR).
 * Each run extracts every article once; prints the median articles/s and MB/s, peak RSS and the
 * heap after each run (flat = no leak), and writes bench/results/<date>-extract[-corenlp].json.
 * --nlp none (default) is the rules on this single thread; --nlp corenlp adds the CoreNLP backbone
 * (CORENLP_URL, else the local server), 4 articles in flight as ingest does, on the first --limit
 * articles (default 500) of each of the fnc1, bbc and reuters files.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { extractArticle, extractWith } from "../src/extraction/index.ts";
import { resolveBackbone } from "../src/nlp/backbone.ts";
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

async function main(argv: string[]): Promise<number> {
  const corpusDir = process.env.KG_CORPUS_DIR ?? path.resolve(ROOT, "../shared/corpus");
  const mode = option(argv, "nlp") ?? "none";
  if (mode !== "none" && mode !== "corenlp") {
    process.stderr.write(`bench:extract: --nlp must be none or corenlp, got "${mode}"\n`);
    return 2;
  }
  const withNlp = mode === "corenlp";
  const limit = Number(option(argv, "limit") ?? 500);
  const files = option(argv, "file")
    ? [option(argv, "file")!]
    : withNlp
      ? ["fnc1-bodies.ndjson", "bbc-2005.ndjson", "reuters21578.ndjson"].map((f) => path.join(corpusDir, f))
      : [path.join(corpusDir, "fnc1-bodies.ndjson")];
  const file = files.join(", ");
  const runs = Number(option(argv, "runs") ?? 3);
  let articles: ArticleInput[];
  try {
    articles = files.flatMap((f) => {
      const rows = readFileSync(f, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as ArticleInput);
      return withNlp ? rows.slice(0, limit) : rows;
    });
  } catch (e) {
    process.stderr.write(`bench:extract: cannot read ${file}: ${(e as Error).message}\nSet KG_CORPUS_DIR to the folder holding fnc1-bodies.ndjson.\n`);
    return 1;
  }
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, "utf8"), 0);
  extractArticle({ text: "Warm-up: Mosul was retaken by Iraqi forces." });
  process.env.KG_NLP = mode;
  const nlp = withNlp ? await resolveBackbone({ log: (l) => process.stderr.write(l + "\n") }) : undefined;
  const inFlight = pLimit(4);

  const results: { seconds: number; articlesPerSecond: number; mbPerSecond: number; relations: number; heapUsedMB: number }[] = [];
  for (let r = 0; r < runs; r++) {
    let relations = 0;
    const t0 = process.hrtime.bigint();
    if (nlp)
      relations = (await Promise.all(articles.map((a) => inFlight(async () => (await extractWith(nlp, a)).relations.length)))).reduce((x, y) => x + y, 0);
    else for (const a of articles) relations += extractArticle(a).relations.length;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    // With --expose-gc the heap figure is exact; without it, it includes garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const heapUsedMB = process.memoryUsage().heapUsed / 1e6;
    results.push({ seconds, articlesPerSecond: articles.length / seconds, mbPerSecond: bytes / 1e6 / seconds, relations, heapUsedMB });
    console.log(
      `run ${r + 1}: ${seconds.toFixed(2)} s, ${(articles.length / seconds).toFixed(0)} articles/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${relations} relations, heap ${heapUsedMB.toFixed(0)} MB`,
    );
  }
  const summary = {
    date: new Date().toISOString(),
    corpus: files.map((f) => path.basename(f)).join(", "),
    nlp: nlp?.id ?? "none",
    articles: articles.length,
    megabytes: bytes / 1e6,
    runs: results,
    medianArticlesPerSecond: median(results.map((x) => x.articlesPerSecond)),
    medianMBPerSecond: median(results.map((x) => x.mbPerSecond)),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    node: process.version,
  };
  console.log(
    `median: ${summary.medianArticlesPerSecond.toFixed(0)} articles/s, ${summary.medianMBPerSecond.toFixed(2)} MB/s; peak RSS ${summary.peakRssMB.toFixed(0)} MB`,
  );
  const outDir = path.join(ROOT, "bench/results");
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${summary.date.slice(0, 10)}-extract${withNlp ? "-corenlp" : ""}.json`);
  writeFileSync(out, JSON.stringify(summary, null, 2) + "\n");
  console.log(`wrote ${path.relative(ROOT, out)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench:extract: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
