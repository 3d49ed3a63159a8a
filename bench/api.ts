/**
 * bench:api — our GraphQL API served by `listen()` (own process, 127.0.0.1, free port) over the
 * bench database holding the corpus (reused if it already does; else ingested). For each query:
 * requests/s and p50/p99 at 1, 8 and 32 concurrent clients, twice:
 * - cache on: the server as users run it; the question repeats, so after the first request it is
 *   answered from the response cache (what a popular question costs);
 * - cache off (KG_RESPONSE_CACHE_ENTRIES=0): every request runs its Cypher (what a question nobody
 *   asked since the graph last changed costs).
 *
 *   npm run bench:api [-- --duration S] [--concurrency 1,8,32] [--cache on,off] [--limit N] [--only name,name] [--check-timeout 20] [--wipe]
 * A query whose checking request errs or gets no answer within --check-timeout seconds is reported, not timed.
 * Default durations: 5 s at 1 and 8 clients, 20 s at 32 (each after a 1 s unmeasured warm-up).
 */
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { preparedBenchDatabase } from "./lib/ensure-corpus.ts";
import { machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { checkedAnswer, load, statementMix, statementsPerRequest } from "./lib/measure.ts";
import { API_QUERIES, answerSize } from "./lib/queries.ts";
import { table, writeResult } from "./lib/results.ts";
import { startServer, type ServerProc } from "./lib/server-proc.ts";
import type { LoadResult } from "./lib/load.ts";

type CacheMode = "on" | "off";

export const API_TARGET_P99_MS = 50;

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: ["wipe", "json"], values: ["duration", "limit", "concurrency", "only", "check-timeout", "cache"] });
  const duration = numberArg(args, "duration");
  const limit = numberArg(args, "limit");
  const levels = (args.values.get("concurrency") ?? "1,8,32").split(",").map(Number);
  const only = args.values.get("only")?.split(",");
  const checkTimeoutMs = (numberArg(args, "check-timeout", 20) ?? 20) * 1000;
  const queries = API_QUERIES.filter((q) => !only || only.includes(q.name));
  const modes = (args.values.get("cache") ?? "on,off").split(",") as CacheMode[];
  if (modes.some((m) => m !== "on" && m !== "off")) throw new Error(`--cache takes on, off or on,off (got "${args.values.get("cache")}")`);
  const log = (l: string) => process.stderr.write(l + "\n");

  const { b, counts, machine } = await preparedBenchDatabase({ limit, allowWipe: args.flags.has("wipe"), log });
  log(`bench:api on ${machineLine(machine)}`);
  // Statement counts and answers are checked on the uncached server: it runs every request's Cypher.
  const servers = new Map<CacheMode, ServerProc>();
  const start = async (mode: CacheMode) => {
    const s = await startServer("ours", b.cfg, { cache: mode });
    servers.set(mode, s);
    log(`our API, cache ${mode}, at ${s.url} (pid ${s.pid})`);
    return s;
  };
  for (const m of ["off", ...modes.filter((m) => m === "on")] as CacheMode[]) await start(m);
  const results = [];
  const skipped: { name: string; query: string; error: string }[] = [];
  try {
    for (const q of queries) {
      let data: unknown;
      const server = servers.get("off")!;
      try {
        data = await checkedAnswer(server.url, q.query, checkTimeoutMs);
      } catch (e) {
        const error = (e as Error).message.slice(0, 300);
        log(`${q.name}: NOT TIMED: ${error}`);
        skipped.push({ name: q.name, query: q.query, error });
        if (/timed out/.test(error)) {
          // A runaway statement: restarting the server closes its driver, which ends the transaction.
          await server.stop();
          await start("off");
        }
        continue;
      }
      const statements = await statementsPerRequest(server, q.query);
      const size = answerSize(data);
      const mix = await statementMix(server, q.query);
      log(`${q.name}: answer ok (${size} values), ${statements} Cypher statements/request ${JSON.stringify(mix)}`);
      const runs: (LoadResult & { cache: CacheMode })[] = [];
      for (const cache of modes) {
        for (const c of levels) {
          const ms = (duration ?? (c >= 32 ? 20 : 5)) * 1000;
          const r = { cache, ...(await load(servers.get(cache)!.url, q.query, c, ms)) };
          log(`  cache ${cache}, ${c} clients: ${r.rps} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.errors ? `, ${r.errors} ERRORS` : ""}`);
          runs.push(r);
        }
      }
      const met = (cache: CacheMode) => {
        const at32 = runs.find((r) => r.concurrency === 32 && r.cache === cache);
        return q.singleEntity && at32 ? at32.p99Ms < API_TARGET_P99_MS && at32.errors === 0 : null;
      };
      results.push({
        name: q.name,
        query: q.query,
        singleEntity: q.singleEntity,
        answerValues: size,
        statementsPerRequest: statements,
        statementMix: mix,
        runs,
        targetP99Ms: q.singleEntity ? API_TARGET_P99_MS : null,
        targetMet: { cacheOn: modes.includes("on") ? met("on") : null, cacheOff: modes.includes("off") ? met("off") : null },
      });
    }
  } finally {
    for (const s of servers.values()) await s.stop();
  }
  // Only a default full run writes <date>-api.json; a partial or customised one gets its own name.
  const custom = only !== undefined || duration !== undefined || args.values.has("concurrency") || args.values.has("cache");
  const file = writeResult(`api${limit === undefined ? "" : `-limit${limit}`}${custom ? "-custom" : ""}`, {
    benchmark: "api",
    full: limit === undefined,
    limit: limit ?? null,
    machine,
    graph: counts,
    concurrency: levels,
    cacheModes: modes,
    results,
    skipped,
  });
  const rows: (string | number)[][] = [];
  for (const r of results) {
    r.runs.forEach((run, i) => {
      const met = run.cache === "on" ? r.targetMet.cacheOn : r.targetMet.cacheOff;
      rows.push([
        i === 0 ? r.name : "",
        run.cache,
        run.concurrency,
        run.rps,
        run.p50Ms,
        run.p99Ms,
        run.errors,
        run.concurrency === 32 && met !== null ? (met ? `<${API_TARGET_P99_MS} yes` : `<${API_TARGET_P99_MS} NO`) : "",
        i === 0 ? r.statementsPerRequest : "",
      ]);
    });
  }
  console.log("\n" + table(["query", "cache", "clients", "req/s", "p50 ms", "p99 ms", "errors", "p99 target", "stmts/req"], rows));
  console.log("cache on: repeated question answered from the response cache; cache off: every request runs its Cypher (stmts/req).");
  for (const s of skipped) console.log(`NOT TIMED ${s.name}: ${s.error}`);
  console.log(`\ngraph: ${counts.articles} articles, ${counts.entities} entities, ${counts.relations} relations, ${counts.quotes} quotes`);
  console.log(`written ${file}`);
  return 0;
}

runMain(import.meta.url, main);
