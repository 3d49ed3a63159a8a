/** Shared steps: check an answer has no errors, count statements per request, run one load level. */
import { graphqlRequest, runLoad, type LoadResult } from "./load.ts";
import type { ServerProc } from "./server-proc.ts";
import { round } from "./stats.ts";

export async function checkedAnswer(url: string, query: string, timeoutMs = 30_000): Promise<unknown> {
  const r = await graphqlRequest(url, query, undefined, timeoutMs);
  if (r.errors && r.errors.length > 0) throw new Error(`GraphQL errors for ${query.slice(0, 80)}…: ${JSON.stringify(r.errors).slice(0, 500)}`);
  if (r.data === undefined || r.data === null) throw new Error(`No data for ${query.slice(0, 80)}…`);
  return r.data;
}

/** Average Cypher statements per request over `n` sequential requests (the server's own counter). */
export async function statementsPerRequest(server: ServerProc, query: string, n = 10): Promise<number> {
  const before = await server.statements();
  for (let i = 0; i < n; i++) await graphqlRequest(server.url, query);
  const after = await server.statements();
  return round((after - before) / n, 2);
}

/** Which named statements one request runs (ours only): name → count per request. */
export async function statementMix(server: ServerProc, query: string, n = 5): Promise<Record<string, number>> {
  const before = await server.statementsByName();
  for (let i = 0; i < n; i++) await graphqlRequest(server.url, query);
  const after = await server.statementsByName();
  const mix: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = (v - (before[k] ?? 0)) / n;
    if (d > 0) mix[k] = round(d, 2);
  }
  return mix;
}

export function load(url: string, query: string, concurrency: number, durationMs: number, warmupMs = 1000): Promise<LoadResult> {
  return runLoad({ url, body: JSON.stringify({ query }), concurrency, durationMs, warmupMs });
}
