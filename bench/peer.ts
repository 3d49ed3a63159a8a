/**
 * bench:peer — our API against the Neo4j GraphQL Library (@neo4j/graphql 7, served by graphql-yoga)
 * over the SAME Neo4j database, each in its own Node process on 127.0.0.1. Same questions in each
 * API's idiom (bench/lib/peer-questions.ts); answers normalised and checked equal before timing;
 * then interleaved load runs (ours, peer, ours, peer, … — `--rounds` each) at the same concurrency.
 *
 *   npm run bench:peer [-- --json] [--concurrency 8] [--duration 5] [--rounds 3] [--only a-entity-relations,…]
 *                      [--entity-a NAME] [--entity-b NAME] [--object NAME] [--limit N] [--wipe]
 * --json prints one JSON object per question on stdout:
 *   {"query","oursRps","peerRps","ratio","oursP99Ms","peerP99Ms","oursStatements","peerStatements"}
 */
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { preparedBenchDatabase } from "./lib/ensure-corpus.ts";
import { graphqlRequest, type LoadResult } from "./lib/load.ts";
import { machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { checkedAnswer, load, statementMix, statementsPerRequest } from "./lib/measure.ts";
import { peerQuestions, type PeerParams } from "./lib/peer-questions.ts";
import { table, writeResult } from "./lib/results.ts";
import { startServer, type ServerProc } from "./lib/server-proc.ts";
import { median, round } from "./lib/stats.ts";

export const PEER_TARGETS = { ratio: 1.0, nestedRatio: 1.5 };

async function resolveEntity(url: string, name: string): Promise<{ key: string; name: string }> {
  const r = await graphqlRequest(url, `query($n: String!) { entity(name: $n) { key name } }`, { n: name });
  const e = (r.data as { entity?: { key: string; name: string } | null } | undefined)?.entity;
  if (!e) throw new Error(`bench:peer: no entity called "${name}" in the bench database (errors: ${JSON.stringify(r.errors ?? [])})`);
  return e;
}

function firstDiff(a: unknown, b: unknown): string {
  const sa = JSON.stringify(a, null, 1).split("\n");
  const sb = JSON.stringify(b, null, 1).split("\n");
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return `line ${i}: ours ${sa[i]?.trim() ?? "(end)"} / peer ${sb[i]?.trim() ?? "(end)"}`;
  }
  return "";
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

  const servers: ServerProc[] = [];
  const out = [];
  try {
    const ours = await startServer("ours", b.cfg, { cache: "off" });
    servers.push(ours);
    const peer = await startServer("peer", b.cfg);
    servers.push(peer);
    log(`ours at ${ours.url} (pid ${ours.pid}); Neo4j GraphQL Library at ${peer.url} (pid ${peer.pid})`);

    const a = await resolveEntity(ours.url, args.values.get("entity-a") ?? "Abu Bakr al-Baghdadi");
    const bEnt = await resolveEntity(ours.url, args.values.get("entity-b") ?? "al-Abadi");
    const c = await resolveEntity(ours.url, args.values.get("object") ?? "Mosul");
    const params: PeerParams = { relationsEntityName: a.name, articlesEntityId: bEnt.key, capturedObjectId: c.key };
    log(`questions over: (a) "${a.name}", (b) ${bEnt.key}, (c) ${c.key}`);
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
      const runsOurs: LoadResult[] = [];
      const runsPeer: LoadResult[] = [];
      for (let r = 0; r < rounds; r++) {
        runsOurs.push(await load(ours.url, q.ours, concurrency, durationMs));
        runsPeer.push(await load(peer.url, q.peer, concurrency, durationMs));
        log(
          `  round ${r + 1}: ours ${runsOurs.at(-1)!.rps} req/s p99 ${runsOurs.at(-1)!.p99Ms} ms | peer ${runsPeer.at(-1)!.rps} req/s p99 ${runsPeer.at(-1)!.p99Ms} ms`,
        );
      }
      const oursRps = round(median(runsOurs.map((x) => x.rps)), 1);
      const peerRps = round(median(runsPeer.map((x) => x.rps)), 1);
      const ratio = round(oursRps / peerRps, 2);
      const oursP99Ms = round(median(runsOurs.map((x) => x.p99Ms)), 1);
      const peerP99Ms = round(median(runsPeer.map((x) => x.p99Ms)), 1);
      const target = q.nested ? PEER_TARGETS.nestedRatio : PEER_TARGETS.ratio;
      out.push({
        query: q.name,
        what: q.what,
        nested: q.nested,
        equal,
        oursRps,
        peerRps,
        ratio,
        oursP99Ms,
        peerP99Ms,
        oursStatements,
        peerStatements,
        oursStatementMix,
        targetRatio: target,
        ratioMet: ratio >= target,
        p99Met: oursP99Ms <= peerP99Ms,
        errors: { ours: runsOurs.reduce((n, x) => n + x.errors, 0), peer: runsPeer.reduce((n, x) => n + x.errors, 0) },
        documents: { ours: q.ours, peer: q.peer },
        runs: { ours: runsOurs, peer: runsPeer },
      });
    }
  } finally {
    for (const s of servers) await s.stop();
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
    for (const r of out) {
      const { query, oursRps, peerRps, ratio, oursP99Ms, peerP99Ms, oursStatements, peerStatements } = r;
      console.log(JSON.stringify({ query, oursRps, peerRps, ratio, oursP99Ms, peerP99Ms, oursStatements, peerStatements }));
    }
  } else {
    console.log(
      "\n" +
        table(
          ["question", "equal", "ours req/s", "peer req/s", "ratio", "target", "ours p99", "peer p99", "ours stmts", "peer stmts"],
          out.map((r) => [
            r.query,
            r.equal ? "yes" : "NO",
            r.oursRps,
            r.peerRps,
            r.ratio,
            `≥${r.targetRatio}${r.ratioMet ? "" : " NO"}`,
            r.oursP99Ms,
            r.peerP99Ms,
            r.oursStatements,
            r.peerStatements,
          ]),
        ),
    );
    console.log(`\n${concurrency} clients, ${rounds} interleaved rounds of ${durationMs / 1000} s each; medians over rounds. Written ${file}`);
  }
  return 0;
}

runMain(import.meta.url, main);
