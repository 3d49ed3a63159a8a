/**
 * A GraphQL server under test in its own Node process (so the load generator does not share its
 * event loop): bench/servers/ours.ts (our app via `listen()`) or bench/servers/peer.ts (the Neo4j
 * GraphQL Library). Both listen on 127.0.0.1 on a free port and report, over IPC, how many Cypher
 * statements they have sent so far.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Neo4jConfig } from "../../src/config.ts";

const SERVERS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "servers");

export interface ServerMessage {
  type: "ready" | "stats" | "error";
  url?: string;
  statements?: number;
  /** Ours only: statements so far by name (cypher/<name>.cypher). */
  byName?: Record<string, number>;
  message?: string;
}

export interface ServerProc {
  kind: "ours" | "peer";
  url: string;
  pid: number;
  /** Cypher statements this server has sent to Neo4j since it started. */
  statements(): Promise<number>;
  /** Ours only: statements so far by name; {} for the peer. */
  statementsByName(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Our server answers repeated questions from its response cache (on by default, as users run it);
 * `cache: "off"` (KG_RESPONSE_CACHE_ENTRIES=0) makes every request run its Cypher, which is what the
 * peer, scale and uncached api figures measure.
 */
export async function startServer(
  kind: "ours" | "peer",
  cfg: Neo4jConfig,
  opts: { cache?: "on" | "off"; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ServerProc> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const child: ChildProcess = fork(path.join(SERVERS, `${kind}.ts`), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      KG_BENCH_NEO4J: JSON.stringify(cfg),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
      // Our service refuses documents over a cost / depth estimate (src/security, defaults 5000 / 10);
      // the nested benchmark questions exceed the defaults, so the bench server raises them (validation only,
      // no effect on how a query runs). Set KG_MAX_COST / KG_MAX_DEPTH yourself to measure other limits.
      KG_MAX_COST: process.env.KG_MAX_COST ?? "10000000",
      KG_MAX_DEPTH: process.env.KG_MAX_DEPTH ?? "30",
      KG_MAX_TOKENS: process.env.KG_MAX_TOKENS ?? "5000",
      ...(opts.cache === "off" ? { KG_RESPONSE_CACHE_ENTRIES: "0" } : {}),
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waitFor = (type: ServerMessage["type"], ms: number) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`${kind} server: no "${type}" message within ${ms} ms`));
      }, ms);
      const onMsg = (m: ServerMessage) => {
        if (m.type === type) {
          cleanup();
          resolve(m);
        } else if (m.type === "error") {
          cleanup();
          reject(new Error(`${kind} server: ${m.message}`));
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${kind} server exited (code ${code})`));
      };
      const cleanup = () => {
        clearTimeout(t);
        child.off("message", onMsg);
        child.off("exit", onExit);
      };
      child.on("message", onMsg);
      child.once("exit", onExit);
    });
  let ready: ServerMessage;
  try {
    ready = await waitFor("ready", timeoutMs);
  } catch (e) {
    if (child.exitCode === null) child.kill("SIGTERM");
    throw e;
  }
  return {
    kind,
    url: ready.url!,
    pid: child.pid!,
    async statements() {
      const p = waitFor("stats", 10_000);
      child.send({ type: "stats" });
      return (await p).statements ?? NaN;
    },
    async statementsByName() {
      const p = waitFor("stats", 10_000);
      child.send({ type: "stats" });
      return (await p).byName ?? {};
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ type: "stop" });
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}
