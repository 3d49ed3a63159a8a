/**
 * A bounded closed-loop HTTP load generator: `concurrency` clients, each sending its next POST as
 * soon as the previous answer arrived, for `durationMs` (then it stops by itself; a request still
 * in flight gets at most `timeoutMs`). Keep-alive sockets, one per client. Latency is measured
 * from just before the request is written to the end of the response body.
 */
import http from "node:http";
import { percentile, round } from "./stats.ts";

export interface LoadOptions {
  url: string;
  body: string;
  concurrency: number;
  durationMs: number;
  /** Unmeasured warm-up at the same concurrency first (default 1000 ms). */
  warmupMs?: number;
  timeoutMs?: number;
}

export interface LoadResult {
  concurrency: number;
  durationMs: number;
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

function post(agent: http.Agent, url: URL, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", "content-length": Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** One POST of a GraphQL document; returns the parsed JSON answer. */
export async function graphqlRequest(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const r = await post(agent, new URL(url), JSON.stringify({ query, variables }), timeoutMs);
    try {
      return JSON.parse(r.text) as { data?: unknown; errors?: unknown[] };
    } catch {
      return { errors: [{ message: `HTTP ${r.status}: ${r.text.slice(0, 200)}` }] };
    }
  } finally {
    agent.destroy();
  }
}

async function loop(o: LoadOptions, durationMs: number, record: boolean): Promise<{ latencies: number[]; errors: number; elapsedMs: number }> {
  const url = new URL(o.url);
  const timeoutMs = o.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const s = performance.now();
      try {
        const r = await post(agent, url, o.body, timeoutMs);
        // A GraphQL error answer counts as an error, not as a fast success.
        if (r.status !== 200 || r.text.startsWith('{"errors"') || r.text.includes('"errors":[')) errors++;
        else if (record) latencies.push(performance.now() - s);
      } catch {
        errors++;
        await new Promise((res) => setTimeout(res, 5));
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { latencies, errors, elapsedMs };
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const warm = o.warmupMs ?? 1000;
  if (warm > 0) await loop(o, warm, false);
  const { latencies, errors, elapsedMs } = await loop(o, o.durationMs, true);
  return {
    concurrency: o.concurrency,
    durationMs: Math.round(elapsedMs),
    requests: latencies.length,
    errors,
    rps: round((latencies.length / elapsedMs) * 1000, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    // (a loop, not Math.max(...latencies): a cached run records 100,000+ latencies, too many arguments)
    maxMs: round(
      latencies.reduce((m, x) => (x > m ? x : m), latencies.length ? -Infinity : NaN),
      2,
    ),
  };
}
