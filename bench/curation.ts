/**
 * bench:curation — latency of `duplicateCandidates` (the store call the GraphQL field makes) on the
 * bench database: the first page (20 pairs) for all types and per type, and for one entity, each
 * --runs times (medians, min-max). With --limit N it makes sure the bench database holds the first N
 * corpus articles (wiping and ingesting it otherwise; --nlp corenlp|none for that ingest), else it uses
 * whatever the bench database holds (build the full corpus graph with `npm run bench:ingest`).
 * --top N writes the top N suggestions (all types) to bench/results/<date>-curation-top<N>.json for hand-judging.
 *
 *   npm run bench:curation [-- --limit N] [--nlp corenlp|none] [--runs 7] [--top 50]
 */
import { migrate } from "../src/db/migrate.ts";
import { resolveBackbone } from "../src/nlp/backbone.ts";
import { createStore } from "../src/store/index.ts";
import type { EntityType } from "../src/extraction/types.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { corpusRecords } from "./lib/corpus.ts";
import { ingestPass } from "./lib/ingest-pass.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j, graphCounts, wipe } from "./lib/neo4j.ts";
import { table, writeResult } from "./lib/results.ts";
import { median, round } from "./lib/stats.ts";

export const CURATION_TARGET_MS = 500;

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: [], values: ["limit", "nlp", "runs", "top"] });
  const limit = numberArg(args, "limit");
  const runs = numberArg(args, "runs", 7)!;
  const top = numberArg(args, "top");
  const log = (l: string) => process.stderr.write(l + "\n");
  const b = await benchNeo4j();
  const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
  try {
    const machine = await machineInfo(db);
    log(`bench:curation on ${machineLine(machine)}`);
    let counts = await graphCounts(db);
    if (limit !== undefined && counts.articles !== limit) {
      const nlpMode = args.values.get("nlp");
      if (nlpMode) process.env.KG_NLP = nlpMode;
      const nlp = await resolveBackbone({ log });
      log(`The bench database holds ${counts.articles} articles, not ${limit}: wiping and ingesting (${nlp ? nlp.id : "rules only"})…`);
      await wipe(db, b, false);
      await migrate(db);
      await ingestPass(db, corpusRecords({ limit }), { progress: log, nlp });
    }
    await migrate(db); // the curation indexes on a graph built before them
    counts = await graphCounts(db);
    log(`Graph: ${counts.articles} articles, ${counts.entities} entities.`);
    const store = createStore(db);
    const page = { offset: 0, limit: 20 };
    const cases: { name: string; type: EntityType | null; entity: string | null }[] = [
      { name: "all types", type: null, entity: null },
      ...(["PERSON", "ORGANIZATION", "LOCATION", "GROUP"] as const).map((t) => ({ name: t, type: t, entity: null })),
    ];
    const [mostMentioned] = (await store.entitiesList(null, { offset: 0, limit: 1 })).items;
    if (mostMentioned) cases.push({ name: `entity ${mostMentioned.id}`, type: null, entity: mostMentioned.id });
    await store.duplicateCandidates({ type: null, entity: null, minScore: 0.5 }, page); // warm-up (plans, page cache)
    const results = [];
    for (const c of cases) {
      const ms: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        total = (await store.duplicateCandidates({ type: c.type, entity: c.entity, minScore: 0.5 }, page)).total;
        ms.push(performance.now() - t0);
      }
      results.push({ case: c.name, medianMs: round(median(ms)), minMs: round(Math.min(...ms)), maxMs: round(Math.max(...ms)), pairs: total });
    }
    log(
      table(
        ["first page (20)", "median ms", "min-max ms", "pairs"],
        results.map((r) => [r.case, r.medianMs, `${r.minMs}-${r.maxMs}`, r.pairs]),
      ),
    );
    const name = `curation-${counts.articles}`;
    const file = writeResult(name, { benchmark: "curation", machine, graph: counts, runs, targetMs: CURATION_TARGET_MS, results });
    log(`written ${file}`);
    if (top) {
      const found = await store.duplicateCandidates({ type: null, entity: null, minScore: 0 }, { offset: 0, limit: top });
      const list = found.items.map((p, i) => ({
        rank: i + 1,
        score: p.score,
        type: p.a.type,
        a: { id: p.a.id, name: p.a.name, aliases: p.a.aliases.slice(0, 8), articles: p.a.articleCount },
        b: { id: p.b.id, name: p.b.name, aliases: p.b.aliases.slice(0, 8), articles: p.b.articleCount },
        reasons: p.reasons.map((r) => `${r.kind} ${r.weight}: ${r.detail}`),
      }));
      log(`written ${writeResult(`curation-top${top}-${counts.articles}`, { graph: counts, suggestions: list })}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

runMain(import.meta.url, main);
