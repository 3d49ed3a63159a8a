/**
 * bench:paths — `connections` on the adversarial chain of issue 11: 8 hops between 9 entities,
 * each hop asserted by 11 articles (11^8 relationship paths). Times `connections(maxHops: 7)`
 * (no path that short exists) and `maxHops: 8` (one entity path), in-process through the app,
 * and how long Neo4j keeps working on the request after the answer came back.
 *
 *   npm run bench:paths [-- --hops 8] [--per-hop 11] [--runs 3]
 * Uses NEO4J_URI when set, else the bench instance (KG_BENCH_BOLT_PORT, default 7689). The chain
 * is written under a fresh id prefix and deleted at the end; nothing else is touched.
 */
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { createApp } from "../src/server/app.ts";
import { securityConfig } from "../src/security/config.ts";
import { responseCacheConfig } from "../src/server/response-cache.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j, runBench } from "./lib/neo4j.ts";
import { buildPathChain } from "./lib/path-chain.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { table, writeResult } from "./lib/results.ts";

const QUERY = "query($a: String!, $b: String!, $m: Int) { connections(from: $a, to: $b, maxHops: $m) { length nodes { id } } }";

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { values: ["hops", "per-hop", "runs"] });
  const hops = numberArg(args, "hops", 8)!;
  const perHop = numberArg(args, "per-hop", 11)!;
  const runs = numberArg(args, "runs", 3)!;
  const log = (l: string) => process.stderr.write(l + "\n");
  const b = await benchNeo4j();
  const db = benchDb(b);
  const app = createApp({
    db,
    log: pino({ level: "silent" }),
    security: securityConfig({}, "127.0.0.1"),
    responseCache: responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }),
  });
  const machine = await machineInfo(db);
  log(`bench:paths on ${machineLine(machine)}`);
  const chain = await buildPathChain(db, `bench-paths-${randomBytes(3).toString("hex")}`, hops, perHop);
  log(`chain of ${hops} hops × ${perHop} articles written (${chain.articleIds.length} articles)`);
  const rows: { maxHops: number; run: number; ms: number; status: number; outcome: string; paths: number; neo4jBusyAfterMs: number }[] = [];
  try {
    for (const maxHops of [hops - 1, hops]) {
      for (let run = 1; run <= runs; run++) {
        const t0 = performance.now();
        const res = await app.fetch("http://bench/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: QUERY, variables: { a: chain.names[0], b: chain.names[hops], m: maxHops } }),
        });
        const body = (await res.json()) as { data?: { connections?: unknown[] } | null; errors?: { extensions?: { code?: string } }[] };
        const ms = performance.now() - t0;
        // Does Neo4j still work on it? Poll until the path statement is gone (at most 5 minutes).
        const t1 = performance.now();
        while ((await runBench(db, "runningQueries", { like: "Entity {id: $from}" })).length > 0 && performance.now() - t1 < 300_000)
          await new Promise((r) => setTimeout(r, 250));
        const row = {
          maxHops,
          run,
          ms,
          status: res.status,
          outcome: body.errors?.[0]?.extensions?.code ?? "ok",
          paths: body.data?.connections?.length ?? 0,
          neo4jBusyAfterMs: performance.now() - t1,
        };
        rows.push(row);
        log(
          `maxHops ${maxHops} run ${run}: ${(ms / 1000).toFixed(2)} s, HTTP ${row.status}, ${row.outcome}, ${row.paths} path(s); Neo4j busy ${(row.neo4jBusyAfterMs / 1000).toFixed(1)} s after`,
        );
      }
    }
  } finally {
    await chain.remove();
    await app.dispose();
    await db.close();
  }
  process.stdout.write(
    table(
      ["maxHops", "run", "ms", "HTTP", "outcome", "paths", "Neo4j busy after (ms)"],
      rows.map((r) => [r.maxHops, r.run, r.ms, r.status, r.outcome, r.paths, r.neo4jBusyAfterMs]),
    ) + "\n",
  );
  writeResult("paths", { machine, hops, perHop, rows });
  return 0;
}

runMain(import.meta.url, main);
