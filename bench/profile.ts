/**
 * PROFILE one of the service's statements (cypher/<name>.cypher) on the bench database and print
 * its plan: operators with rows and db hits, total db hits, wall time. For finding what a slow
 * request spends its time on (bench:api / bench:peer show which statements a request runs).
 *
 *   npx tsx bench/profile.ts relationEvidence '{"keys":[{"key":"k","type":"CAPTURED","subjectId":"…","objectId":"location:mosul"}],"first":20}'
 *   npx tsx bench/profile.ts --json …   (the plan as JSON)
 */
import neo4j from "neo4j-driver";
import { cypher } from "../src/db/cypher.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j } from "./lib/neo4j.ts";

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: { Details?: string } & Record<string, unknown>;
  children: PlanNode[];
}

/** neo4j Integers in params: whole numbers become Int (as the service's int() does). */
function ints(v: unknown): unknown {
  if (typeof v === "number" && Number.isInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(ints);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ints(x)]));
  return v;
}

export async function profileStatement(name: string, params: Record<string, unknown>, warm = 3) {
  const b = await benchNeo4j();
  const db = benchDb(b);
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    const text = cypher(name);
    const p = ints(params) as Record<string, unknown>;
    // Warm the plan cache and page cache first, then time plain runs, then PROFILE once.
    for (let i = 0; i < warm; i++) await session.run(text, p);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await session.run(text, p);
      times.push(performance.now() - t);
    }
    const res = await session.run(`PROFILE ${text}`, p);
    const plan = res.summary.profile as unknown as PlanNode;
    return { name, rows: res.records.length, msMedian: times.sort((a, b) => a - b)[2]!, plan };
  } finally {
    await session.close();
    await db.close();
  }
}

function total(n: PlanNode): number {
  return Number(n.dbHits) + n.children.reduce((s, c) => s + total(c), 0);
}

function lines(n: PlanNode, depth = 0, out: string[] = []): string[] {
  const details = String(n.arguments?.Details ?? "")
    .replace(/\s+/g, " ")
    .slice(0, 110);
  out.push(`${"  ".repeat(depth)}${n.operatorType.replace(/@.*/, "")}  rows=${n.rows} dbHits=${n.dbHits}${details ? `  ${details}` : ""}`);
  for (const c of n.children) lines(c, depth + 1, out);
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const [name, paramsText] = argv.filter((a) => a !== "--json");
  if (!name) {
    process.stderr.write("usage: npx tsx bench/profile.ts STATEMENT_NAME '{json params}' [--json]\n");
    return 2;
  }
  const r = await profileStatement(name, JSON.parse(paramsText ?? "{}") as Record<string, unknown>);
  if (json) console.log(JSON.stringify({ ...r, totalDbHits: total(r.plan) }, null, 2));
  else {
    console.log(`${r.name}: ${r.rows} rows, median ${r.msMedian.toFixed(1)} ms (5 runs), total db hits ${total(r.plan)}`);
    console.log(lines(r.plan).join("\n"));
  }
  return 0;
}

runMain(import.meta.url, main);
