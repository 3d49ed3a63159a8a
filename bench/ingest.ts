/**
 * bench:ingest — the whole corpus (≈24k articles) into an EMPTY bench database through the real
 * `ingest()` pipeline (as `kg ingest` does): articles/s end to end, Neo4j share of the time, peak
 * RSS of this process (sampled every 200 ms); then the same corpus again (all unchanged); and
 * throughput per 1,000-article window as the database grows.
 *
 *   npm run bench:ingest [-- --limit N | --per-source N] [--nlp corenlp|none] [--wipe (only needed with NEO4J_URI)] [--json]
 *
 * --nlp: the backbone (default: as configured, KG_NLP / CORENLP_URL / the local CoreNLP); --per-source N
 * takes the first N articles of each corpus file. Prints relations and quotes per article by source.
 */
import { migrate } from "../src/db/migrate.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { corpusFiles, corpusRecords, corpusSample, corpusSize } from "./lib/corpus.ts";
import { resolveBackbone } from "../src/nlp/backbone.ts";
import { ingestPass, type PassResult } from "./lib/ingest-pass.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j, coverageBySource, graphCounts, wipe } from "./lib/neo4j.ts";
import { median, round } from "./lib/stats.ts";
import { table, writeResult } from "./lib/results.ts";

export const INGEST_TARGETS = { firstPassPerSec: 150, unchangedPerSec: 1000, rssMiB: 512 };
/** With the CoreNLP backbone the first pass is bound by tagging (issue 12's target: ≥ 30 articles/s end to end). */
export const INGEST_TARGETS_NLP = { ...INGEST_TARGETS, firstPassPerSec: 30 };

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: ["wipe", "json"], values: ["limit", "per-source", "nlp"] });
  const limit = numberArg(args, "limit");
  const perSource = numberArg(args, "per-source");
  const nlpMode = args.values.get("nlp");
  if (nlpMode !== undefined && nlpMode !== "corenlp" && nlpMode !== "none") {
    process.stderr.write(`--nlp must be corenlp or none, got "${nlpMode}"\n`);
    return 2;
  }
  if (nlpMode) process.env.KG_NLP = nlpMode;
  const nlp = await resolveBackbone({ log: (l) => process.stderr.write(l + "\n") });
  const targets = nlp ? INGEST_TARGETS_NLP : INGEST_TARGETS;
  const files = corpusFiles();
  const total = perSource !== undefined ? perSource * files.length : (limit ?? corpusSize(files));
  const records = () => (perSource !== undefined ? corpusSample(perSource) : corpusRecords({ limit }));
  const log = (l: string) => process.stderr.write(l + "\n");

  const b = await benchNeo4j();
  const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
  try {
    const machine = await machineInfo(db);
    log(`bench:ingest on ${machineLine(machine)}`);
    log(`Wiping the bench database…`);
    await wipe(db, b, args.flags.has("wipe"));
    await migrate(db);

    log(`Pass 1: ${total} articles into an empty database, extraction ${nlp ? `with ${nlp.id}` : "rules only (KG_NLP=none)"}…`);
    const first = await ingestPass(db, records(), { progress: log, nlp });
    const counts = await graphCounts(db);
    const coverage = await coverageBySource(db);
    log(`Pass 2: the same ${total} articles again (all unchanged)…`);
    const second = await ingestPass(db, records(), { progress: () => {}, nlp });

    const w = first.windows.map((x) => x.articlesPerSec);
    // Flatness: median throughput of the last 3 windows over that of the first 3, in articles/s and in
    // text/s (the corpus is fnc1 → bbc → reuters, whose articles differ in length, so text/s is the fairer one).
    const ratio = (xs: number[]) => (xs.length >= 2 ? round(median(xs.slice(-3)) / median(xs.slice(0, 3)), 2) : NaN);
    const flatness = ratio(w);
    const flatnessText = ratio(first.windows.map((x) => x.textKiBPerSec));
    const result = {
      benchmark: "ingest",
      full: limit === undefined && perSource === undefined,
      limit: limit ?? null,
      perSource: perSource ?? null,
      nlp: nlp?.id ?? "none",
      coverage,
      machine,
      corpus: files,
      graph: counts,
      targets,
      firstPass: strip(first),
      unchangedPass: strip(second),
      windowMedianPerSec: round(median(w), 1),
      windowFlatness: flatness,
      windowFlatnessText: flatnessText,
      verdict: {
        firstPass: first.articlesPerSec >= targets.firstPassPerSec,
        unchanged: second.articlesPerSec >= targets.unchangedPerSec,
        rss: Math.max(first.peakRssMiB, second.peakRssMiB) < targets.rssMiB,
      },
    };
    const name = perSource !== undefined ? `ingest-per-source${perSource}` : limit === undefined ? "ingest" : `ingest-limit${limit}`;
    const file = writeResult(`${name}-${nlp ? "corenlp" : "rules"}`, result);

    const ok = (b: boolean) => (b ? "yes" : "NO");
    console.log(
      "\n" +
        table(
          ["pass", "articles", "seconds", "articles/s", "target", "met", "Neo4j share", "extract share", "peak RSS MiB"],
          [
            [
              "first (empty db)",
              first.articles,
              first.seconds,
              first.articlesPerSec,
              `≥${targets.firstPassPerSec}`,
              ok(result.verdict.firstPass),
              pct(first.neo4jShare),
              pct(first.extractShare),
              first.peakRssMiB,
            ],
            [
              "again (unchanged)",
              second.articles,
              second.seconds,
              second.articlesPerSec,
              `≥${targets.unchangedPerSec}`,
              ok(result.verdict.unchanged),
              pct(second.neo4jShare),
              pct(second.extractShare),
              second.peakRssMiB,
            ],
          ],
        ),
    );
    console.log(`(Neo4j share = summary.neo4jMs / totalMs, as the pipeline reports it; extraction share = extractMs / totalMs; the two overlap.)`);
    console.log(`\npeak RSS target < ${targets.rssMiB} MiB: ${ok(result.verdict.rss)}`);
    console.log(
      `graph after pass 1: ${counts.articles} articles, ${counts.entities} entities, ${counts.mentions} mentions, ${counts.relations} relations, ${counts.quotes} quotes; ${first.summary.failed} records failed`,
    );
    console.log(`\ncoverage by source (pass 1, extraction ${nlp?.id ?? "rules only"}):`);
    console.log(
      table(
        ["source", "articles", "relations", "per article", "quotes", "per article"],
        coverage.map((c) => [c.source, c.articles, c.relations, c.relationsPerArticle, c.quotes, c.quotesPerArticle]),
      ),
    );
    console.log(`\nNeo4j time by service statement (pass 1):`);
    console.log(
      table(
        ["statement", "runs", "total s", "ms/run"],
        first.statements.slice(0, 8).map((x) => [x.name, x.count, x.totalMs / 1000, x.totalMs / x.count]),
      ),
    );
    if (first.windows.length > 0) {
      console.log(
        `\nthroughput per 1,000-article window (pass 1; median ${result.windowMedianPerSec}/s; last 3 / first 3 windows: ${flatness} in articles/s, ${flatnessText} in text/s):`,
      );
      console.log(
        table(
          ["db size", "articles/s", "text KiB/s"],
          first.windows.map((x) => [String(x.upTo), x.articlesPerSec, x.textKiBPerSec]),
        ),
      );
    }
    console.log(`\nwritten ${file}`);
    return 0;
  } finally {
    await db.close();
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

function strip(p: PassResult) {
  return {
    ...p,
    summary: { ...p.summary, neo4jMs: round(p.summary.neo4jMs, 0), extractMs: round(p.summary.extractMs, 0), totalMs: round(p.summary.totalMs, 0) },
  };
}

runMain(import.meta.url, main);
