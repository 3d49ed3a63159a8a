/**
 * bench:events — subscription events, from the commit of a write to the subscriber, with and
 * without Redis; and idle SSE clients held by one server, with its RSS.
 *
 *   npm run bench:events [-- --writes N (40) | --clients N (1000) | --hold S (15) | --redis-port P (6422)]
 *
 * The server runs in its own process (bench/servers/ours.ts) on 127.0.0.1, as a replica would; the
 * writes are made by this process (another process, like `kg ingest`), one article per write
 * transaction, 150-350 ms apart. Latency: the time the event reaches an SSE client here minus its
 * `committedAt` (Neo4j's clock, on this machine, at the write's last statement).
 * - "poll": no Redis: the server reads the change log every KG_GRAPH_VERSION_POLL_MS (1000, the default).
 * - "redis": KG_REDIS_URL set on both sides: the writer publishes each commit to a Redis of this
 *   benchmark's own (Debian's redis-server, in a temporary folder, stopped by PID at the end).
 * Idle clients: N SSE subscriptions opened against the "poll" server and held for --hold seconds
 * (past yoga's 12 s keep-alive), then one write is announced to all of them; errors, keep-alives,
 * the fan-out time, and the server's RSS (VmRSS from /proc) before and while holding them.
 * Every article written is deleted at the end; the run is bounded (each phase has a deadline).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { benchDb, benchNeo4j } from "./lib/neo4j.ts";
import { table, writeResult } from "./lib/results.ts";
import { startServer, type ServerProc } from "./lib/server-proc.ts";
import { median, percentile, round } from "./lib/stats.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Db } from "../src/db/client.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { deleteArticles } from "../src/ingest/writer.ts";
import { EventHub } from "../src/events/hub.ts";
import { startLocalRedis, stopLocalRedis, type LocalRedisOptions } from "../src/redis/local-redis.ts";

const QUERY = `subscription($s: String) { articleChanged(filter: {source: $s}) { key committedAt } }`;

interface Client {
  /** Resolves each event's (key, received at, committedAt). */
  events: { key: string; receivedAt: number; committedAt: string }[];
  pings: number;
  error?: string;
  close(): void;
}

// Private: one SSE subscription over a plain HTTP connection of its own (1,000 of them stay cheap here).
function subscribe(url: string, source: string, agent: http.Agent): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c: Client = { events: [], pings: 0, close: () => req.destroy() };
    const body = JSON.stringify({ query: QUERY, variables: { s: source } });
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`subscribe: HTTP ${res.statusCode}`));
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith(":")) {
            // The first ping is sent at once: the stream is open.
            if (c.pings++ === 0) resolve(c);
            continue;
          }
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!data) continue;
          const msg = JSON.parse(data) as { data?: { articleChanged: { key: string; committedAt: string } }; errors?: { message: string }[] };
          if (msg.errors) c.error = msg.errors[0]!.message;
          else if (msg.data) c.events.push({ key: msg.data.articleChanged.key, committedAt: msg.data.articleChanged.committedAt, receivedAt: Date.now() });
        }
      });
      res.on("error", (e) => (c.error ??= e.message));
    });
    req.on("error", (e) => {
      c.error ??= e.message;
      reject(e);
    });
    req.end(body);
  });
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? round(Number(m[1]) / 1024, 1) : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ms: number, ok: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`bench:events: ${what} did not happen within ${ms} ms`);
    await sleep(20);
  }
}

function article(source: string, i: number) {
  const text = `Iraqi forces retook Mosul in 2017, backed by U.S. air strikes, officials said in event report ${i} of ${source}. "The fight is not over," James Jeffrey said.`;
  return { ok: true as const, article: { id: `${source}-${i}`, title: `Event ${i}`, text, source }, origin: { file: "bench", line: i } };
}

interface Latency {
  writes: number;
  heard: number;
  /** From committedAt to the writer's commit returning (the commit itself, not the event path). */
  commitP50Ms: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
}

// Private: `writes` one-article write transactions, and the latency to the client of each event.
async function measureLatency(db: Db, client: Client, source: string, writes: number, first: number): Promise<Latency> {
  const ms: number[] = [];
  const commit: number[] = [];
  let committed = 0;
  const off = db.onCommit(() => (committed = Date.now()));
  for (let i = first; i < first + writes; i++) {
    const before = client.events.length;
    await ingest(db, [article(source, i)]);
    await until(`event ${i}`, 10_000, () => client.events.length > before);
    const e = client.events.at(-1)!;
    ms.push(e.receivedAt - Date.parse(e.committedAt));
    commit.push(committed - Date.parse(e.committedAt));
    await sleep(150 + Math.random() * 200);
  }
  off();
  return {
    writes,
    heard: ms.length,
    commitP50Ms: round(median(commit)),
    p50Ms: round(median(ms)),
    p99Ms: round(percentile(ms, 99)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { values: ["writes", "clients", "hold", "redis-port"] });
  const writes = numberArg(args, "writes", 40)!;
  const clients = numberArg(args, "clients", 1000)!;
  const holdS = numberArg(args, "hold", 15)!;
  const neo = await benchNeo4j();
  const db = benchDb(neo, { maxRetryMs: 10_000 });
  await migrate(db);
  const machine = await machineInfo(db);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "kg-bench-events-"));
  const redisOpts: LocalRedisOptions = { instance: "bench-events", port: numberArg(args, "redis-port", 6422)!, base, log: () => {} };
  const source = `bench-events-${Date.now()}`;
  const servers: ServerProc[] = [];
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const open: Client[] = [];
  let next = 0;
  try {
    // Without Redis: the server polls the change log.
    const polling = await startServer("ours", neo.cfg, { env: { KG_MAX_SUBSCRIPTIONS: String(clients + 10), KG_REDIS_URL: "" } });
    servers.push(polling);
    const one = await subscribe(polling.url, source, agent);
    open.push(one);
    process.stderr.write(`poll: ${writes} writes…\n`);
    const poll = await measureLatency(db, one, source, writes, next);
    next += writes;

    // With Redis on both sides.
    const redis = await startLocalRedis(redisOpts);
    const viaRedis = await startServer("ours", neo.cfg, { env: { KG_REDIS_URL: redis.url } });
    servers.push(viaRedis);
    const hub = new EventHub({
      db,
      log: pino({ level: "silent" }),
      config: { maxSubscriptions: 0, pollMs: 1000, redisPollMs: 10_000, redisUrl: redis.url },
      role: "publish",
    }).start();
    await until("the writer's Redis connection", 10_000, () => hub.transport === "redis");
    const two = await subscribe(viaRedis.url, source, agent);
    open.push(two);
    await sleep(500); // the server's own Redis subscription is made at its start
    process.stderr.write(`redis: ${writes} writes…\n`);
    const red = await measureLatency(db, two, source, writes, next);
    next += writes;
    await hub.close();

    // Idle clients on the polling server.
    const rssBefore = rssMiB(polling.pid);
    process.stderr.write(`idle: opening ${clients} SSE clients…\n`);
    const t0 = Date.now();
    const idle: Client[] = [];
    for (let i = 0; i < clients; i += 50) {
      const batch = await Promise.allSettled(Array.from({ length: Math.min(50, clients - i) }, () => subscribe(polling.url, source, agent)));
      for (const b of batch) if (b.status === "fulfilled") idle.push(b.value);
    }
    open.push(...idle);
    const openSeconds = round((Date.now() - t0) / 1000, 1);
    await sleep(holdS * 1000);
    const rssHolding = rssMiB(polling.pid);
    const before = idle.map((c) => c.events.length);
    const w0 = Date.now();
    await ingest(db, [article(source, next++)]);
    await until("the event at every idle client", 30_000, () => idle.every((c, i) => c.events.length > before[i]! || c.error !== undefined));
    const fanout = idle.filter((c, i) => c.events.length > before[i]!).map((c) => c.events.at(-1)!.receivedAt - w0);
    const result = {
      machine,
      latency: { poll: poll, redis: red, pollIntervalMs: 1000 },
      idle: {
        requested: clients,
        held: idle.length,
        errors: idle.filter((c) => c.error !== undefined).length + (clients - idle.length),
        holdSeconds: holdS,
        openSeconds,
        keepAlivesMedian: median(idle.map((c) => c.pings)),
        heardEvent: fanout.length,
        fanoutP50Ms: round(median(fanout)),
        fanoutP99Ms: round(percentile(fanout, 99)),
        serverRssMiB: { before: rssBefore, holding: rssHolding },
      },
    };
    process.stdout.write(machineLine(machine) + "\n\n");
    process.stdout.write(
      table(
        ["transport", "writes", "heard", "p50 ms", "p99 ms", "min-max ms", "of which commit p50 ms"],
        [
          ["poll (1000 ms)", poll.writes, poll.heard, poll.p50Ms, poll.p99Ms, `${poll.minMs}-${poll.maxMs}`, poll.commitP50Ms],
          ["redis", red.writes, red.heard, red.p50Ms, red.p99Ms, `${red.minMs}-${red.maxMs}`, red.commitP50Ms],
        ],
      ) + "\n\n",
    );
    const i = result.idle;
    process.stdout.write(
      `idle SSE clients: ${i.held}/${i.requested} held ${i.holdSeconds} s (opened in ${i.openSeconds} s), ${i.errors} errors, median ${i.keepAlivesMedian} keep-alives each; ` +
        `one write heard by ${i.heardEvent} (fan-out p50 ${i.fanoutP50Ms} ms, p99 ${i.fanoutP99Ms} ms from the write's start); server RSS ${i.serverRssMiB.before} MiB before, ${i.serverRssMiB.holding} MiB holding them\n`,
    );
    process.stdout.write(`written: ${writeResult("events", result)}\n`);
    return i.errors === 0 && poll.heard === writes && red.heard === writes ? 0 : 1;
  } finally {
    for (const c of open) c.close();
    agent.destroy();
    for (const s of servers) await s.stop();
    await deleteArticles(
      db,
      Array.from({ length: next }, (_, i) => `${source}-${i}`),
    ).catch(() => []);
    await stopLocalRedis(redisOpts);
    fs.rmSync(base, { recursive: true, force: true });
    await db.close();
  }
}

runMain(import.meta.url, main);
