/**
 * A real Redis 7 without Docker, managed like the local Neo4j and CoreNLP: Debian's `redis-server`
 * (`apt-get install redis-server`) started in the background on 127.0.0.1, waited for, and stopped by
 * its PID. Redis carries the job queue (BullMQ) and the subscription events between processes.
 *
 * Layout of `<repo>/.redis/<instance>/` (git-ignored):
 *   redis.conf     written at each start from the options below
 *   data/          the append-only file, so queued jobs survive a restart
 *   run/           redis.pid (the PID we started) and redis.port (the port it listens on)
 *   logs/          console.log, the server's output
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import {
  checkedPort,
  livePid,
  portInUse,
  recordedPort,
  requireTools,
  runsOnOtherPort,
  spawnDetached,
  stopRecorded,
  tailOf,
  waitUntilUp,
  withStartLock,
} from "../local-server/process.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LocalRedisOptions {
  /** Folder name under `.redis/` (default "default"; tests use "test"). */
  instance?: string;
  /** Port on 127.0.0.1 (default 6379). */
  port?: number;
  /** The folder that holds the instances (default `<repo>/.redis`). */
  base?: string;
  /** How long to wait for PING, in ms (default 20 s). */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalRedisStatus {
  running: boolean;
  pid?: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  home: string;
}

interface Resolved {
  home: string;
  base: string;
  port: number;
  startTimeoutMs: number;
  log: (line: string) => void;
}

function resolveOptions(o: LocalRedisOptions = {}): Resolved {
  const base = o.base ?? path.join(REPO_ROOT, ".redis");
  const instance = o.instance ?? "default";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(instance)) {
    throw new AppError("CONFIG_INVALID", `KG_REDIS_INSTANCE "${instance}" is not a usable folder name (letters, digits, '.', '_', '-').`);
  }
  return {
    base,
    home: path.join(base, instance),
    port: checkedPort(o.port ?? 6379, "KG_REDIS_PORT"),
    startTimeoutMs: o.startTimeoutMs ?? 20_000,
    log: o.log ?? (() => {}),
  };
}

const pidPath = (home: string) => path.join(home, "run", "redis.pid");
const portPath = (home: string) => path.join(home, "run", "redis.port");
const logPath = (home: string) => path.join(home, "logs", "console.log");
const confPath = (home: string) => path.join(home, "redis.conf");
const urlOf = (port: number) => `redis://127.0.0.1:${port}`;

const runningPort = (home: string) => recordedPort(portPath(home));

// Private: redis-server rewrites its command line to "redis-server 127.0.0.1:PORT", so that is what proves the PID is still ours.
function serverPid(home: string): number | undefined {
  const port = runningPort(home);
  if (port === undefined) return undefined;
  return livePid(pidPath(home), ["redis-server", `127.0.0.1:${port}`]);
}

/**
 * One PING over a raw socket. Hand-written (RESP is one line here) so that a probe never starts a
 * client library's reconnect loop against a server that is still coming up.
 */
export function pingRedis(port: number, host = "127.0.0.1", timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    let answer = "";
    const fail = (e: Error) => {
      s.destroy();
      reject(e);
    };
    s.setTimeout(timeoutMs, () => fail(new Error(`no answer to PING within ${timeoutMs} ms`)));
    s.once("error", fail);
    s.once("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => {
      answer += d.toString();
      if (!answer.includes("\r\n")) return;
      s.destroy();
      if (answer.startsWith("+PONG")) resolve();
      else reject(new Error(`PING answered ${JSON.stringify(answer.trim())}`));
    });
  });
}

export function localRedisStatus(o?: LocalRedisOptions): LocalRedisStatus {
  const r = resolveOptions(o);
  const pid = serverPid(r.home);
  const port = (pid !== undefined ? runningPort(r.home) : undefined) ?? r.port;
  return { running: pid !== undefined, pid, url: urlOf(port), home: r.home };
}

const ALTERNATIVES = "point KG_REDIS_URL at a running Redis 7, or run `docker compose up -d redis`";

/**
 * Start the local Redis unless it already runs (then a no-op), and wait until it answers PING.
 *
 * @example const { url } = await startLocalRedis({ log: console.error }); // "redis://127.0.0.1:6379"
 */
export async function startLocalRedis(o?: LocalRedisOptions): Promise<LocalRedisStatus & { running: true; pid: number }> {
  const r = resolveOptions(o);
  return withStartLock(r.base, "REDIS_SETUP_FAILED", async () => {
    const running = serverPid(r.home);
    if (running !== undefined) {
      const port = runningPort(r.home) ?? r.port;
      if (port !== r.port) {
        throw runsOnOtherPort({
          code: "REDIS_SETUP_FAILED",
          what: "Redis",
          kind: "redis",
          portVar: "KG_REDIS_PORT",
          home: r.home,
          pid: running,
          port,
          requested: r.port,
        });
      }
      return { running: true, pid: running, url: urlOf(port), home: r.home };
    }
    requireTools("REDIS_SETUP_FAILED", [
      { cmd: "redis-server", missing: `redis-server is not installed. Install Redis 7 (e.g. \`apt-get install redis-server\`), or ${ALTERNATIVES}.` },
    ]);
    if (await portInUse(r.port)) {
      throw new AppError(
        "REDIS_SETUP_FAILED",
        `Port ${r.port} on 127.0.0.1 is taken by another process. Stop it, choose another port with KG_REDIS_PORT, or point KG_REDIS_URL at that server if it is Redis.`,
      );
    }
    for (const d of ["data", "run", "logs"]) fs.mkdirSync(path.join(r.home, d), { recursive: true });
    // BullMQ wants no eviction (a queue must not lose keys) and durable writes: the append-only file, synced each second.
    fs.writeFileSync(
      confPath(r.home),
      [
        "bind 127.0.0.1",
        "protected-mode yes",
        `port ${r.port}`,
        `dir ${path.join(r.home, "data")}`,
        "daemonize no",
        "appendonly yes",
        "appendfsync everysec",
        'save ""',
        "maxmemory-policy noeviction",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(portPath(r.home), String(r.port));
    r.log(`Starting Redis on ${urlOf(r.port)} (home ${r.home})…`);
    const child = spawnDetached("redis-server", [confPath(r.home)], { logFile: logPath(r.home), pidFile: pidPath(r.home), code: "REDIS_SETUP_FAILED" });
    await waitUntilUp({
      alive: child.alive,
      probe: () => pingRedis(r.port),
      timeoutMs: r.startTimeoutMs,
      intervalMs: 100,
      exited: () =>
        new AppError("REDIS_SETUP_FAILED", `redis-server exited during start-up. Last lines of ${logPath(r.home)}:\n${tailOf(logPath(r.home), 20)}`),
      timedOut: (e) =>
        new AppError("REDIS_SETUP_FAILED", `Redis did not answer PING on ${urlOf(r.port)} within ${Math.round(r.startTimeoutMs / 1000)} s (${e.message}).`),
    });
    r.log(`Redis is up (pid ${child.pid}).`);
    return { running: true, pid: child.pid, url: urlOf(r.port), home: r.home };
  });
}

/** Stop the Redis we started (SIGTERM: it writes its append-only file and exits; SIGKILL after `graceMs`). False when it was not running. */
export function stopLocalRedis(o?: LocalRedisOptions, graceMs = 10_000): Promise<boolean> {
  const r = resolveOptions(o);
  return stopRecorded({ pid: serverPid(r.home), what: "Redis", runFiles: [pidPath(r.home)], graceMs, log: r.log });
}
