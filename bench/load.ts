/**
 * Load test: `npm run bench:load`.
 *
 * Spawns `kg serve` as a child process (NODE_ENV=production, an API key, 127.0.0.1, a free port)
 * against a dedicated local Neo4j (instance "load", Bolt 127.0.0.1:7691; started here and stopped
 * at the end) unless NEO4J_URI is given. Seeds the sample articles, then runs CLIENTS concurrent
 * clients for DURATION_S seconds: 90 % README-style reads, 10 % `ingestArticle` of new real
 * articles from ../shared/corpus. Reports requests/s, p50/p99, errors by code, and the server's
 * RSS (from /proc/PID/status) before, at the end and after IDLE_S more seconds; then queries every
 * ingested article back and checks it is complete (bench/load-lib/verify.ts). Everything is bounded
 * in time and stops by itself. Results: bench/results/<YYYY-MM-DD>-load.json.
 *
 * Environment: CLIENTS (64), DURATION_S (60), WARMUP_S (10), IDLE_S (60), WRITE_RATIO (0.1), CORPUS_DIR
 * (../shared/corpus), NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (else the local "load" instance),
 * KG_LOAD_BOLT_PORT (7691), KG_LOAD_KEEP_NEO4J=true to leave the local instance running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import { startLocalNeo4j, stopLocalNeo4j } from "../src/db/local-neo4j.ts";
import type { ArticleInput } from "../src/extraction/types.ts";
import { articleId } from "../src/extraction/article-id.ts";
import { checkArticles, extractorStamp } from "./load-lib/verify.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const num = (name: string, dflt: number) => {
  const v = process.env[name];
  const n = v === undefined || v === "" ? dflt : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
  return n;
};
const CLIENTS = num("CLIENTS", 64);
const DURATION_S = num("DURATION_S", 60);
const IDLE_S = num("IDLE_S", 60);
const WRITE_RATIO = num("WRITE_RATIO", 0.1);
const WARMUP_S = num("WARMUP_S", 10);
const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(ROOT, "../shared/corpus");
const BOLT_PORT = num("KG_LOAD_BOLT_PORT", 7691);
const LOCAL = { instance: "load", boltPort: BOLT_PORT, heap: "1g", pageCache: "512m", log: (l: string) => console.error(`[neo4j] ${l}`) };

const READS: { name: string; query: string; variables?: () => Record<string, unknown> }[] = [
  {
    name: "WhoCapturedMosul",
    query: `query WhoCapturedMosul { relations(type: CAPTURED, object: "Mosul") { totalCount edges { node { type time articleCount subject { name type } object { ... on Entity { name } } evidence { sentence start end confidence article { id title publishedAt } } } } } }`,
  },
  {
    name: "WhoLeadsIsis",
    query: `query WhoLeadsIsis { relations(type: LEADS, object: "ISIS") { edges { node { subject { name } time articleCount evidence { sentence article { title } } } } } }`,
  },
  {
    name: "AlAbadi",
    query: `query AlAbadi { entity(name: "al-Abadi") { name type aliases articleCount articles(first: 5) { totalCount edges { node { mentions article { id title } } } } } }`,
  },
  {
    name: "QuotesBySpeaker",
    query: `query QuotesBySpeaker($s: String) { quotes(speaker: $s, first: 10) { totalCount edges { node { text sentence speaker { name } article { title } } } } }`,
    variables: () => ({ s: pick(["James Jeffrey", "Donald Trump", "Haider al-Abadi", "Barack Obama", "Tony Blair"]) }),
  },
  {
    name: "EntitySearch",
    query: `query EntitySearch($q: String) { entities(search: $q, first: 10) { totalCount edges { node { name type articleCount } } } }`,
    variables: () => ({ q: pick(["islamic state", "mosul", "iraq", "obama", "bank", "microsoft", "blair", "kurdish"]) }),
  },
];
const INGEST = `mutation Ingest($a: ArticleInput!) { ingestArticle(input: $a) { articleId status code message } }`;

function pick<T>(xs: T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

function rssKb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Newest modification time under src/extraction: others may edit the extractor while we run. */

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Real articles not yet in the database: corpus lines, with a run-specific id prefix. */
function* corpusArticles(runId: string): Generator<ArticleInput> {
  const files = ["fnc1-bodies.ndjson", "bbc-2005.ndjson", "reuters21578.ndjson"].map((f) => path.join(CORPUS_DIR, f)).filter((f) => fs.existsSync(f));
  if (files.length === 0) throw new Error(`no corpus in ${CORPUS_DIR} (set CORPUS_DIR)`);
  for (const f of files) {
    for (const line of fs.readFileSync(f, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as Record<string, unknown>;
      if (typeof o.text !== "string" || o.text.trim().length < 200) continue;
      const a: ArticleInput = { id: `load-${runId}-${String(o.id)}`, text: o.text, source: `load-${runId}` };
      if (typeof o.title === "string") a.title = o.title;
      yield a;
    }
  }
}

async function waitFor(what: string, ms: number, probe: () => Promise<boolean>): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s`);
}

async function main(): Promise<void> {
  const runId = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 12) + "-" + randomBytes(2).toString("hex");
  let neo: { uri: string; user: string; password: string };
  let startedNeo4j = false;
  if (process.env.NEO4J_URI) {
    neo = { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "" };
  } else {
    console.error(`starting the local Neo4j instance "load" on 127.0.0.1:${BOLT_PORT}…`);
    neo = await startLocalNeo4j(LOCAL);
    startedNeo4j = true;
  }
  const apiKey = randomBytes(24).toString("hex");
  const logFile = path.join(os.tmpdir(), `kg-load-${runId}.log`);
  const logOut = fs.openSync(logFile, "w");
  let server: ChildProcess | undefined;
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
  try {
    server = spawn(process.execPath, [path.join(ROOT, "bin/kg.js"), "serve"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NEO4J_URI: neo.uri,
        NEO4J_USER: neo.user,
        NEO4J_PASSWORD: neo.password,
        HOST: "127.0.0.1",
        PORT: "0",
        NODE_ENV: "production",
        // The load mixes in ingests whose stored graph load-lib/verify.ts re-derives with the rules alone.
        KG_NLP: process.env.KG_NLP ?? "none",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
        KG_API_KEYS: apiKey,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const pid = server.pid!;
    const url = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: server!.stderr! });
      const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s; see ${logFile}`)), 60_000);
      rl.on("line", (l) => {
        fs.writeSync(logOut, l + "\n");
        const m = /GraphiQL: (http:\/\/\S+)/.exec(l);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server!.once("exit", (c) => reject(new Error(`the server exited (${c}) during start; see ${logFile}`)));
    });
    const base = url.replace(/\/graphql$/, "");
    await waitFor("/ready", 60_000, async () => (await fetch(`${base}/ready`)).status === 200);
    const post = async (query: string, variables: Record<string, unknown> | undefined, operationName: string, key = false) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(key ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query, variables, operationName }),
      });
      const text = await res.text();
      let body: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string }; message: string }[] } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body };
    };

    // Seed the sample articles (the README's questions are about them).
    for (const f of fs.readdirSync(path.join(ROOT, "data/samples")).filter((x) => x.endsWith(".json"))) {
      const a = JSON.parse(fs.readFileSync(path.join(ROOT, "data/samples", f), "utf8")) as ArticleInput;
      const r = await post(INGEST, { a }, "Ingest", true);
      if (r.body.errors) throw new Error(`seeding ${f} failed: ${JSON.stringify(r.body.errors)}`);
    }
    const articles = corpusArticles(runId);
    const ingested: ArticleInput[] = [];
    const extractorBefore = extractorStamp();
    // Warm-up: the same mix for WARMUP_S (not counted), so "RSS before" is a warmed-up server's, not a cold one's.
    if (WARMUP_S > 0) {
      console.error(`server pid ${pid} at ${url}; warming up for ${WARMUP_S} s…`);
      const until = Date.now() + WARMUP_S * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < until) {
            if (Math.random() < WRITE_RATIO) {
              const next = articles.next();
              if (next.done) continue;
              const r = await post(INGEST, { a: next.value }, "Ingest", true);
              if ((r.body.data?.ingestArticle as { status?: string } | undefined)?.status) ingested.push(next.value);
            } else {
              const q = pick(READS);
              await post(q.query, q.variables?.(), q.name);
            }
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const rssBefore = rssKb(pid)!;
    console.error(`RSS ${(rssBefore / 1024).toFixed(0)} MiB; ${CLIENTS} clients for ${DURATION_S} s…`);

    const latencies: number[] = [];
    const readLat: number[] = [];
    const writeLat: number[] = [];
    const errors: Record<string, number> = {};
    const byOp: Record<string, number> = {};
    const opLat: Record<string, number[]> = {};
    let requests = 0;
    let writes = 0;
    const statuses: Record<string, number> = {};
    const loadBefore = os.loadavg();
    const deadline = Date.now() + DURATION_S * 1000;
    const t0 = performance.now();
    const client = async () => {
      while (Date.now() < deadline) {
        const write = Math.random() < WRITE_RATIO;
        let r: Awaited<ReturnType<typeof post>> | undefined;
        const ts = performance.now();
        let name: string;
        let article: ArticleInput | undefined;
        try {
          if (write) {
            name = "Ingest";
            const next = articles.next();
            if (next.done) continue;
            article = next.value;
            r = await post(INGEST, { a: article }, name, true);
          } else {
            const q = pick(READS);
            name = q.name;
            r = await post(q.query, q.variables?.(), q.name);
          }
        } catch (e) {
          name = "network";
          errors[`NETWORK:${(e as Error).message.slice(0, 40)}`] = (errors[`NETWORK:${(e as Error).message.slice(0, 40)}`] ?? 0) + 1;
        }
        const ms = performance.now() - ts;
        requests++;
        latencies.push(ms);
        (write ? writeLat : readLat).push(ms);
        byOp[name] = (byOp[name] ?? 0) + 1;
        (opLat[name] ??= []).push(ms);
        if (r) {
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          for (const e of r.body.errors ?? []) {
            const code = e.extensions?.code ?? `HTTP_${r.status}`;
            errors[code] = (errors[code] ?? 0) + 1;
          }
          if (!r.body.errors && r.status !== 200) errors[`HTTP_${r.status}`] = (errors[`HTTP_${r.status}`] ?? 0) + 1;
          const out = r.body.data?.ingestArticle as { status?: string; code?: string } | undefined;
          if (article && out?.status) {
            ingested.push(article);
            writes++;
          }
        }
      }
    };
    const rssSamples: { t: number; kb: number }[] = [];
    const sampler = setInterval(() => {
      const kb = rssKb(pid);
      if (kb) rssSamples.push({ t: Math.round((performance.now() - t0) / 1000), kb });
    }, 5_000);
    await Promise.all(Array.from({ length: CLIENTS }, () => client()));
    clearInterval(sampler);
    const elapsed = (performance.now() - t0) / 1000;
    const rssEnd = rssKb(pid)!;
    const loadEnd = os.loadavg();
    console.error(`load done: ${requests} requests in ${elapsed.toFixed(1)} s; RSS ${(rssEnd / 1024).toFixed(0)} MiB; idling ${IDLE_S} s…`);

    // Every ingested article must be fully present: query each back (GraphQL) and compare with the extractor (Cypher).
    const missingViaApi: string[] = [];
    for (const a of ingested) {
      const r = await post(`query Verify($id: ID!) { article(id: $id) { key text } }`, { id: articleId(a) }, "Verify");
      const got = r.body.data?.article as { key: string; text: string } | null | undefined;
      if (!got || got.text !== a.text) missingViaApi.push(articleId(a));
    }
    const checks = await checkArticles(driver, "neo4j", ingested);
    const incomplete = checks.filter((c) => c.state !== "complete");
    // If the extractor's source changed while we ran, the server and this comparison used different extractors.
    const extractorChanged = extractorStamp() !== extractorBefore;

    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const rssIdle = rssKb(pid)!;
    const metricsText = await (await fetch(`${base}/metrics`)).text();

    // How the reads were answered: from the response cache (hit) or by running Cypher (miss, bypass).
    const cacheCount = (outcome: string) =>
      Number(new RegExp(`^kg_response_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`, "m").exec(metricsText)?.[1] ?? 0);
    const responseCache = { hit: cacheCount("hit"), shared: cacheCount("shared"), miss: cacheCount("miss"), bypass: cacheCount("bypass") };
    latencies.sort((a, b) => a - b);
    readLat.sort((a, b) => a - b);
    writeLat.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const limitCodes = new Set(["QUERY_LIMIT_EXCEEDED", "PAYLOAD_TOO_LARGE"]);
    const unexpectedErrors = Object.entries(errors)
      .filter(([c]) => !limitCodes.has(c))
      .reduce((n, [, k]) => n + k, 0);
    const result = {
      date: new Date().toISOString(),
      // Load average (1, 5, 15 min) at the start and end of the measurement: other work on the machine skews the figures.
      loadAverage: { start: loadBefore.map(round), end: loadEnd.map(round) },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: round(os.totalmem() / 2 ** 30), node: process.version },
      neo4j: startedNeo4j ? `local instance "load" on ${BOLT_PORT}` : neo.uri,
      config: {
        clients: CLIENTS,
        durationS: DURATION_S,
        warmupS: WARMUP_S,
        idleS: IDLE_S,
        writeRatio: WRITE_RATIO,
        serverEnv: `NODE_ENV=production LOG_LEVEL=${process.env.LOG_LEVEL ?? "info"} KG_MAX_CONCURRENT_REQUESTS=${process.env.KG_MAX_CONCURRENT_REQUESTS ?? "(default 16)"}`,
      },
      requests,
      elapsedS: round(elapsed),
      requestsPerSecond: round(requests / elapsed),
      latencyMs: {
        all: {
          p50: round(percentile(latencies, 50)),
          p90: round(percentile(latencies, 90)),
          p99: round(percentile(latencies, 99)),
          max: round(latencies.at(-1) ?? NaN),
        },
        reads: { n: readLat.length, p50: round(percentile(readLat, 50)), p99: round(percentile(readLat, 99)) },
        writes: { n: writeLat.length, p50: round(percentile(writeLat, 50)), p99: round(percentile(writeLat, 99)) },
      },
      byOperation: Object.fromEntries(
        Object.entries(opLat).map(([k, v]) => {
          v.sort((a, b) => a - b);
          return [k, { n: v.length, p50: round(percentile(v, 50)), p99: round(percentile(v, 99)) }];
        }),
      ),
      httpStatuses: statuses,
      errorsByCode: errors,
      unexpectedErrors,
      rssMiB: {
        before: round(rssBefore / 1024),
        end: round(rssEnd / 1024),
        afterIdle: round(rssIdle / 1024),
        growthPct: round(((rssIdle - rssBefore) / rssBefore) * 100),
        growthAtEndPct: round(((rssEnd - rssBefore) / rssBefore) * 100),
      },
      rssSamplesMiB: rssSamples.map((s) => ({ t: s.t, mib: round(s.kb / 1024) })),
      ingested: {
        articles: ingested.length,
        duringMeasurement: writes,
        missingViaApi: missingViaApi.length,
        incompleteVsExtractor: incomplete.length,
        incompleteExamples: incomplete.slice(0, 5),
        extractorSourceChangedDuringRun: extractorChanged,
      },
      responseCache,
      serverLog: logFile,
      metricsSample: metricsText
        .split("\n")
        .filter((l) => /^kg_graphql_requests_total|^kg_process_resident_memory_bytes|^kg_response_cache_requests_total/.test(l)),
    };
    const day = result.date.slice(0, 10);
    const outDir = path.join(ROOT, "bench/results");
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `${day}-load.json`);
    fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
    const ok = unexpectedErrors === 0 && result.rssMiB.growthPct < 20 && missingViaApi.length === 0 && (incomplete.length === 0 || extractorChanged);
    console.log(
      [
        `load: ${CLIENTS} clients × ${DURATION_S} s, ${Math.round(WRITE_RATIO * 100)} % ingestArticle`,
        `requests: ${requests} (${result.requestsPerSecond}/s); latency p50 ${result.latencyMs.all.p50} ms, p99 ${result.latencyMs.all.p99} ms (reads p50 ${result.latencyMs.reads.p50} / p99 ${result.latencyMs.reads.p99}; writes p50 ${result.latencyMs.writes.p50} / p99 ${result.latencyMs.writes.p99})`,
        `response cache (warm-up included): ${responseCache.hit} hits, ${responseCache.shared} shared with an identical request in flight, ${responseCache.miss} misses (every ingest empties it), ${responseCache.bypass} bypassed (mutations)`,
        `errors by code: ${Object.keys(errors).length ? JSON.stringify(errors) : "none"} (unexpected: ${unexpectedErrors})`,
        `machine: ${os.cpus().length} CPUs, load average ${loadBefore[0]!.toFixed(1)} at start, ${loadEnd[0]!.toFixed(1)} at end (includes Neo4j and this client)`,
        `server RSS: before ${result.rssMiB.before} MiB, end ${result.rssMiB.end} MiB, after ${IDLE_S} s idle ${result.rssMiB.afterIdle} MiB (${result.rssMiB.growthPct >= 0 ? "+" : ""}${result.rssMiB.growthPct} %)`,
        `ingested: ${ingested.length} articles (${writes} during measurement); absent or different via API: ${missingViaApi.length}; incomplete vs extractor: ${incomplete.length}${extractorChanged ? " (src/extraction changed during the run: not comparable)" : ""}`,
        `${ok ? "PASS" : "FAIL"} — results in ${path.relative(ROOT, outFile)}`,
      ].join("\n"),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise<number | null>((r) => server!.once("exit", (c) => r(c)));
      server.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 12_000))]);
      if (code === "timeout") server.kill("SIGKILL");
      console.error(`server stopped (exit ${code})`);
    }
    fs.closeSync(logOut);
    await driver.close();
    if (startedNeo4j && process.env.KG_LOAD_KEEP_NEO4J !== "true") {
      await stopLocalNeo4j(LOCAL);
      console.error(`stopped the local Neo4j instance "load"`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
