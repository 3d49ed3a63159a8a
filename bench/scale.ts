/**
 * bench:scale — ingest 1k, 5k and all ≈24k articles (cumulative, into an emptied bench database)
 * and at each size measure ingest throughput and the bench:api queries' p50/p99 at 8 clients
 * (short runs). Writes bench/results/<date>-scale.json, -scale.md (table) and -scale.svg (chart).
 *
 *   npm run bench:scale [-- --sizes 1000,5000,all] [--duration 3] [--concurrency 8] [--check-timeout 20] [--wipe]
 * A query whose first (checking) request gets no answer within --check-timeout seconds is reported as a timeout, not timed.
 */
import { migrate } from "../src/db/migrate.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { corpusRecords, corpusSize } from "./lib/corpus.ts";
import { ingestPass } from "./lib/ingest-pass.ts";
import { graphqlRequest, type LoadResult } from "./lib/load.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { load } from "./lib/measure.ts";
import { benchDb, benchNeo4j, graphCounts, wipe, type GraphCounts } from "./lib/neo4j.ts";
import { API_QUERIES, answerSize } from "./lib/queries.ts";
import { markdownTable, table, writeResult, writeResultFile } from "./lib/results.ts";
import { startServer } from "./lib/server-proc.ts";
import { lineCharts } from "./lib/svg.ts";

interface Step {
  size: number;
  graph: GraphCounts;
  ingest: { articles: number; seconds: number; articlesPerSec: number; neo4jShare: number; peakRssMiB: number };
  queries: { name: string; answerValues: number | null; error: string | null; run: LoadResult | null }[];
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: ["wipe"], values: ["sizes", "duration", "concurrency", "check-timeout"] });
  const total = corpusSize();
  const sizes = (args.values.get("sizes") ?? "1000,5000,all")
    .split(",")
    .map((s) => (s === "all" ? total : Math.min(total, Number(s))))
    .filter((n, i, a) => Number.isInteger(n) && n > 0 && a.indexOf(n) === i)
    .sort((a, b) => a - b);
  const durationMs = numberArg(args, "duration", 3)! * 1000;
  const concurrency = numberArg(args, "concurrency", 8)!;
  const checkTimeoutMs = numberArg(args, "check-timeout", 20)! * 1000;
  const log = (l: string) => process.stderr.write(l + "\n");

  const b = await benchNeo4j();
  const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
  const machine = await machineInfo(db);
  log(`bench:scale on ${machineLine(machine)}; sizes ${sizes.join(", ")}`);
  const steps: Step[] = [];
  try {
    log("Wiping the bench database…");
    await wipe(db, b, args.flags.has("wipe"));
    await migrate(db);
    let have = 0;
    for (const size of sizes) {
      log(`Ingesting articles ${have + 1}–${size}…`);
      const p = await ingestPass(db, corpusRecords({ skip: have, limit: size - have }), { offset: have });
      have = size;
      const graph = await graphCounts(db);
      log(`  ${p.articles} articles in ${p.seconds} s (${p.articlesPerSec}/s); graph ${graph.articles} articles, ${graph.entities} entities`);
      let server = await startServer("ours", b.cfg, { cache: "off" });
      const queries: Step["queries"] = [];
      try {
        for (const q of API_QUERIES) {
          let r: Awaited<ReturnType<typeof graphqlRequest>>;
          try {
            r = await graphqlRequest(server.url, q.query, undefined, checkTimeoutMs);
          } catch (e) {
            // A runaway statement: record it, and restart the server so closing its driver ends the transaction.
            const msg = `no answer within ${checkTimeoutMs / 1000} s (${(e as Error).message})`;
            log(`  ${q.name}: ${msg}; not timed; restarting the server`);
            queries.push({ name: q.name, answerValues: null, error: msg, run: null });
            await server.stop();
            server = await startServer("ours", b.cfg, { cache: "off" });
            continue;
          }
          if (r.errors?.length) {
            const msg = JSON.stringify(r.errors).slice(0, 200);
            log(`  ${q.name}: answer has errors (${msg}); not timed`);
            queries.push({ name: q.name, answerValues: null, error: msg, run: null });
            continue;
          }
          const run = await load(server.url, q.query, concurrency, durationMs, 500);
          log(`  ${q.name}: ${run.rps} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms (${answerSize(r.data)} values)`);
          queries.push({ name: q.name, answerValues: answerSize(r.data), error: null, run });
        }
      } finally {
        await server.stop();
      }
      steps.push({
        size,
        graph,
        ingest: { articles: p.articles, seconds: p.seconds, articlesPerSec: p.articlesPerSec, neo4jShare: p.neo4jShare, peakRssMiB: p.peakRssMiB },
        queries,
      });
    }
  } finally {
    await db.close();
  }

  const result = { benchmark: "scale", machine, concurrency, durationMs, sizes, steps };
  const custom = argv.some((a) => /^--(sizes|duration|concurrency)/.test(a));
  const name = custom ? "scale-custom" : "scale";
  const file = writeResult(name, result);
  const labels = steps.map((s) => `${s.size} articles`);
  const header: string[] = ["query", ...steps.flatMap((s) => [`${s.size}: p50 ms`, `${s.size}: p99 ms`])];
  const rows: (string | number)[][] = API_QUERIES.map((q) => [
    q.name,
    ...steps.flatMap((s): (string | number)[] => {
      const r = s.queries.find((x) => x.name === q.name)?.run;
      const x = s.queries.find((y) => y.name === q.name);
      const why = x?.error?.startsWith("no answer") ? "timeout" : "error";
      return r ? [r.p50Ms, r.p99Ms] : [why, why];
    }),
  ]);
  const ingestRows: (string | number)[][] = steps.map((s) => [
    String(s.size),
    s.ingest.articles,
    s.ingest.articlesPerSec,
    `${Math.round(s.ingest.neo4jShare * 100)}%`,
    s.ingest.peakRssMiB,
    s.graph.entities,
    s.graph.relations,
    s.graph.quotes,
  ]);
  const ingestHeader = ["db size", "articles added", "articles/s", "Neo4j share", "peak RSS MiB", "entities", "relations", "quotes"];
  const md = [
    `# bench:scale — ${machine.date.slice(0, 10)}`,
    "",
    `Machine: ${machineLine(machine)}. Query latency at ${concurrency} clients, ${durationMs / 1000} s per query (after 0.5 s warm-up).`,
    "",
    "## Ingest (cumulative)",
    "",
    markdownTable(ingestHeader, ingestRows),
    "",
    "## Query latency by database size",
    "",
    markdownTable(header, rows),
    "",
    `![chart](${file.split("/").pop()!.replace(".json", ".svg")})`,
    "",
  ].join("\n");
  const mdFile = writeResultFile(name, "md", md);
  const svg = lineCharts(`bench:scale — ${machine.date.slice(0, 10)}, ${machine.cpus} cores, ${concurrency} clients`, labels, [
    {
      title: "p99 latency (ms) by database size",
      yLabel: "p99 ms",
      series: API_QUERIES.map((q) => ({ name: q.name, values: steps.map((s) => s.queries.find((x) => x.name === q.name)?.run?.p99Ms ?? NaN) })),
    },
    {
      title: "p50 latency (ms) by database size",
      yLabel: "p50 ms",
      series: API_QUERIES.map((q) => ({ name: q.name, values: steps.map((s) => s.queries.find((x) => x.name === q.name)?.run?.p50Ms ?? NaN) })),
    },
    {
      title: "ingest throughput of each step (articles/s)",
      yLabel: "articles/s",
      series: [{ name: "articles/s", values: steps.map((s) => s.ingest.articlesPerSec) }],
    },
  ]);
  const svgFile = writeResultFile(name, "svg", svg);
  console.log("\n" + table(ingestHeader, ingestRows));
  console.log("\n" + table(header, rows));
  console.log(`\nwritten ${file}, ${mdFile}, ${svgFile}`);
  return 0;
}

runMain(import.meta.url, main);
