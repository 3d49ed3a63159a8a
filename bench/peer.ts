/**
 * bench:peer — our API against the Neo4j GraphQL Library (@neo4j/graphql 7, served by graphql-yoga)
 * over the SAME Neo4j database, each in its own Node process on 127.0.0.1. Same questions in each
 * API's idiom (bench/lib/peer-questions.ts); answers normalised and checked equal before timing;
 * then interleaved load runs at the same concurrency, `--rounds` of them: in each round ours as users
 * run it (every plugin, access log at info), ours with the optional plugins off, and the peer
 * (bench/lib/peer-servers.ts), each round starting with the next of the three. Ratios are medians of the per-round ratios, with their min–max.
 *
 *   npm run bench:peer [-- --json] [--concurrency 8] [--duration 5] [--rounds 3] [--only a-entity-relations,…]
 *                      [--entity-a NAME] [--entity-b NAME] [--object NAME] [--limit N] [--wipe]
 * --json prints one JSON object per question on stdout:
 *   {"query","oursRps","bareRps","peerRps","ratio","bareRatio","ratioRange","bareRatioRange","oursP99Ms","bareP99Ms","peerP99Ms","oursStatements","peerStatements"}
 */
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { preparedBenchDatabase } from "./lib/ensure-corpus.ts";
import type { LoadResult } from "./lib/load.ts";
import { machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { checkedAnswer, load, statementMix, statementsPerRequest } from "./lib/measure.ts";
import { peerQuestions } from "./lib/peer-questions.ts";
import { table, writeResult } from "./lib/results.ts";
import { PEER_ENTITY_NAMES, resolvePeerParams, SERVER_VARIANTS, type ServerVariant } from "./lib/peer-servers.ts";
import { startServer, type ServerProc } from "./lib/server-proc.ts";
import { median, round } from "./lib/stats.ts";

/** Issue 15's targets: ours (as users run it) over the peer, medians of interleaved rounds. */
export const PEER_TARGETS = { ratio: 1.2, nestedRatio: 2.0 };

const VARIANTS: ServerVariant[] = ["ours", "ours-bare", "peer"];

function firstDiff(a: unknown, b: unknown): string {
  const sa = JSON.stringify(a, null, 1).split("\n");
  const sb = JSON.stringify(b, null, 1).split("\n");
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return `line ${i}: ours ${sa[i]?.trim() ?? "(end)"} / peer ${sb[i]?.trim() ?? "(end)"}`;
  }
  return "";
}

// Private: median and min–max of per-round ratios x[i] / y[i] (each round's runs are adjacent in time).
function roundRatios(x: LoadResult[], y: LoadResult[]): { median: number; range: [number, number] } {
  const rs = x.map((r, i) => r.rps / y[i]!.rps);
  return { median: round(median(rs), 2), range: [round(Math.min(...rs), 2), round(Math.max(...rs), 2)] };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, {
    flags: ["wipe", "json"],
    values: ["concurrency", "duration", "rounds", "limit", "only", "entity-a", "entity-b", "object"],
  });
  const json = args.flags.has("json");
  const concurrency = numberArg(args, "concurrency", 8)!;
  const durationMs = numberArg(args, "duration", 5)! * 1000;
  const rounds = Math.max(3, numberArg(args, "rounds", 3)!);
  const limit = numberArg(args, "limit");
  const only = args.values.get("only")?.split(",");
  const log = (l: string) => process.stderr.write(l + "\n");

  const { b, counts, machine } = await preparedBenchDatabase({ limit, allowWipe: args.flags.has("wipe"), log });
  log(`bench:peer on ${machineLine(machine)}`);

  const servers = new Map<ServerVariant, ServerProc>();
  const out = [];
  try {
    for (const v of VARIANTS) {
      const spec = SERVER_VARIANTS[v];
      const s = await startServer(spec.kind, b.cfg, { cache: "off", env: spec.env });
      servers.set(v, s);
      log(`${v} at ${s.url} (pid ${s.pid}): ${spec.what}`);
    }
    const ours = servers.get("ours")!;
    const peer = servers.get("peer")!;
    const params = await resolvePeerParams(ours.url, b.cfg, {
      a: args.values.get("entity-a") ?? PEER_ENTITY_NAMES.a,
      b: args.values.get("entity-b") ?? PEER_ENTITY_NAMES.b,
      c: args.values.get("object") ?? PEER_ENTITY_NAMES.c,
    });
    log(`questions over: (a) "${params.relationsEntityName}", (b) ${params.articlesEntityId}, (c) ${params.capturedObjectId}`);
    const questions = peerQuestions(params).filter((q) => !only || only.includes(q.name));

    for (const q of questions) {
      const [dOurs, dPeer] = [await checkedAnswer(ours.url, q.ours), await checkedAnswer(peer.url, q.peer)];
      const nOurs = q.normOurs(dOurs);
      const nPeer = q.normPeer(dPeer);
      const equal = JSON.stringify(nOurs) === JSON.stringify(nPeer);
      const size = JSON.stringify(nOurs).length;
      log(`${q.name}: answers ${equal ? "EQUAL" : "DIFFER"} (${size} chars normalised)${equal ? "" : ` — first difference ${firstDiff(nOurs, nPeer)}`}`);
      const oursStatements = await statementsPerRequest(ours, q.ours);
      const peerStatements = await statementsPerRequest(peer, q.peer);
      const oursStatementMix = await statementMix(ours, q.ours);
      log(`  statements/request: ours ${oursStatements} ${JSON.stringify(oursStatementMix)}, peer ${peerStatements}`);
      const runs: Record<ServerVariant, LoadResult[]> = { ours: [], "ours-bare": [], peer: [] };
      for (let r = 0; r < rounds; r++) {
        // Each round starts with another server, so no server always runs first (or right after the peer).
        for (const v of [...VARIANTS.slice(r % VARIANTS.length), ...VARIANTS.slice(0, r % VARIANTS.length)]) {
          runs[v].push(await load(servers.get(v)!.url, v === "peer" ? q.peer : q.ours, concurrency, durationMs));
        }
        log(`  round ${r + 1}: ${VARIANTS.map((v) => `${v} ${runs[v].at(-1)!.rps} req/s p99 ${runs[v].at(-1)!.p99Ms} ms`).join(" | ")}`);
      }
      const rps = (v: ServerVariant) => round(median(runs[v].map((x) => x.rps)), 1);
      const p99 = (v: ServerVariant) => round(median(runs[v].map((x) => x.p99Ms)), 1);
      const ratio = roundRatios(runs.ours, runs.peer);
      const bareRatio = roundRatios(runs["ours-bare"], runs.peer);
      const target = q.nested ? PEER_TARGETS.nestedRatio : PEER_TARGETS.ratio;
      out.push({
        query: q.name,
        what: q.what,
        nested: q.nested,
        equal,
        oursRps: rps("ours"),
        bareRps: rps("ours-bare"),
        peerRps: rps("peer"),
        ratio: ratio.median,
        ratioRange: ratio.range,
        bareRatio: bareRatio.median,
        bareRatioRange: bareRatio.range,
        oursP99Ms: p99("ours"),
        bareP99Ms: p99("ours-bare"),
        peerP99Ms: p99("peer"),
        oursStatements,
        peerStatements,
        oursStatementMix,
        targetRatio: target,
        ratioMet: ratio.median >= target,
        p99Met: p99("ours") <= p99("peer"),
        errors: Object.fromEntries(VARIANTS.map((v) => [v, runs[v].reduce((n, x) => n + x.errors, 0)])),
        documents: { ours: q.ours, peer: q.peer },
        runs,
      });
    }
  } finally {
    for (const s of servers.values()) await s.stop();
  }

  // Only a default full run writes <date>-peer.json; a partial or customised one gets its own name.
  const custom = only !== undefined || argv.some((a) => /^--(concurrency|duration|rounds|entity-a|entity-b|object)/.test(a));
  const file = writeResult(`peer${limit === undefined ? "" : `-limit${limit}`}${custom ? "-custom" : ""}`, {
    benchmark: "peer",
    full: limit === undefined,
    limit: limit ?? null,
    machine,
    graph: counts,
    peer: "@neo4j/graphql 7 + graphql-yoga",
    servers: Object.fromEntries(VARIANTS.map((v) => [v, SERVER_VARIANTS[v].what])),
    statementCounting: {
      ours: "db.observe (src/db/client.ts): one event per named statement run",
      peer: "wrapped neo4j driver passed to Neo4jGraphQL: each tx.run / session.run / executeQuery counts one",
    },
    concurrency,
    durationMs,
    rounds,
    targets: PEER_TARGETS,
    results: out,
  });
  if (json) {
    const fields = [
      "query",
      "oursRps",
      "bareRps",
      "peerRps",
      "ratio",
      "bareRatio",
      "ratioRange",
      "bareRatioRange",
      "oursP99Ms",
      "bareP99Ms",
      "peerP99Ms",
      "oursStatements",
      "peerStatements",
    ] as const;
    for (const r of out) console.log(JSON.stringify(Object.fromEntries(fields.map((f) => [f, r[f]]))));
  } else {
    const range = (x: [number, number]) => `${x[0]}–${x[1]}`;
    console.log(
      "\n" +
        table(
          [
            "question",
            "equal",
            "ours req/s",
            "bare req/s",
            "peer req/s",
            "ratio (min–max)",
            "target",
            "bare ratio (min–max)",
            "ours p99",
            "bare p99",
            "peer p99",
            "ours stmts",
            "peer stmts",
          ],
          out.map((r) => [
            r.query,
            r.equal ? "yes" : "NO",
            r.oursRps,
            r.bareRps,
            r.peerRps,
            `${r.ratio} (${range(r.ratioRange)})`,
            `≥${r.targetRatio}${r.ratioMet ? "" : " NO"}`,
            `${r.bareRatio} (${range(r.bareRatioRange)})`,
            r.oursP99Ms,
            r.bareP99Ms,
            r.peerP99Ms,
            r.oursStatements,
            r.peerStatements,
          ]),
        ),
    );
    console.log(
      `\n${concurrency} clients, ${rounds} interleaved rounds of ${durationMs / 1000} s each (ours, ours with the optional plugins off, peer; each round starts with the next); ratios are medians of per-round ratios. Written ${file}`,
    );
  }
  return 0;
}

runMain(import.meta.url, main);
