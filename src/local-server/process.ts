/**
 * What the Docker-free local servers (src/db/local-neo4j.ts, src/nlp/local-corenlp.ts) share: jars
 * resolved once by `mvn` into a cache folder, a JVM spawned in the background with its PID in a file,
 * a Java source compiled once against them, liveness that survives PID reuse, waiting until the server
 * answers, stopping by PID, and a cross-process lock so parallel `kg` commands or test workers start
 * one server, not two.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { AppError, type ErrorCode } from "../errors.ts";

export function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}

export function which(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Throws `code` with the tool's message for the first command that is not on the PATH. */
export function requireTools(code: ErrorCode, tools: readonly { cmd: string; missing: string }[]): void {
  for (const t of tools) if (!which(t.cmd)) throw new AppError(code, t.missing);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The PID recorded in `pidFile`, if that process is alive and its command line holds every one of
 * `markers` (guards against a PID the system has since given to another program).
 */
export function livePid(pidFile: string, markers: readonly string[]): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!markers.every((m) => cmd.includes(m))) return undefined;
  } catch {
    // No /proc (macOS): trust the PID file.
  }
  return pid;
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/** The last `lines` lines of a log file, or "(no log)". */
export function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** A port from an option or the environment, checked: a whole number from 1 to 65535. */
export function checkedPort(raw: string | number, what: string): number {
  const port = typeof raw === "number" ? raw : Number(raw.trim() === "" ? NaN : raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AppError("CONFIG_INVALID", `${what} must be a port number (1-65535), got "${raw}".`);
  }
  return port;
}

/** Run a command to its end without blocking the event loop (the start lock's heartbeat must keep beating). */
export function run(cmd: string, args: readonly string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", (e) => resolve({ status: null, output: output + String(e) }));
    child.once("close", (status) => resolve({ status, output }));
  });
}

export interface MavenJars {
  /** tools/<name>/pom.xml */
  pom: string;
  /** The cache folder, e.g. `.neo4j/lib-5.26.30`. */
  lib: string;
  /** What is resolved, for messages: "Neo4j Community 5.26.30". */
  label: string;
  code: ErrorCode;
  log: (line: string) => void;
}

/** Make sure the jar cache is complete; the marker file is written last, so a killed download is redone. */
export async function ensureMavenJars(j: MavenJars): Promise<void> {
  const marker = path.join(j.lib, ".complete");
  if (fs.existsSync(marker)) return;
  j.log(`Resolving ${j.label} from Maven Central into ${j.lib} (first run only)…`);
  fs.rmSync(j.lib, { recursive: true, force: true });
  const res = await run("mvn", ["-B", "-q", "-f", j.pom, "dependency:copy-dependencies", `-DoutputDirectory=${j.lib}`, "-DincludeScope=runtime"]);
  if (res.status !== 0) {
    const tail = res.output.trim().split("\n").slice(-15).join("\n");
    throw new AppError(j.code, `mvn could not resolve ${j.label} (exit ${res.status}). Check that Maven can reach Maven Central. Last lines:\n${tail}`);
  }
  fs.writeFileSync(marker, new Date().toISOString());
}

export interface JavaClasses {
  /** The one .java file to compile, e.g. tools/corenlp/KgCoreNlpServer.java. */
  source: string;
  /** Its class (the file name without `.java`), whose .class shows a finished compile. */
  mainClass: string;
  /** The jar folder it compiles against (from ensureMavenJars). */
  lib: string;
  /** Where `classes-<hash>/` goes, e.g. `.corenlp`. */
  base: string;
  code: ErrorCode;
  /** The message when `javac` is missing (what to install, what else to do). */
  missingJavac: string;
}

/**
 * Compile `source` once per version of its text into `<base>/classes-<hash>/` (the hash is of the
 * source, so an edit compiles afresh) and return that folder; into a temporary folder first, so a
 * killed javac leaves nothing half-built.
 */
export async function ensureCompiled(j: JavaClasses): Promise<string> {
  const hash = createHash("sha256").update(fs.readFileSync(j.source)).digest("hex").slice(0, 12);
  const classes = path.join(j.base, `classes-${hash}`);
  if (fs.existsSync(path.join(classes, `${j.mainClass}.class`))) return classes;
  requireTools(j.code, [{ cmd: "javac", missing: j.missingJavac }]);
  const tmp = `${classes}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const res = await run("javac", ["-d", tmp, "-cp", path.join(j.lib, "*"), j.source]);
  if (res.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new AppError(j.code, `javac could not compile ${j.source} (exit ${res.status}):\n${res.output.trim().split("\n").slice(-15).join("\n")}`);
  }
  if (fs.existsSync(path.join(classes, `${j.mainClass}.class`))) {
    // Another process compiled the same source meanwhile: keep its classes, which may be in use.
    fs.rmSync(tmp, { recursive: true, force: true });
    return classes;
  }
  fs.rmSync(classes, { recursive: true, force: true });
  fs.renameSync(tmp, classes);
  return classes;
}

export interface Spawned {
  pid: number;
  /** False once the process has exited (more exact than a signal-0 probe, which a zombie passes). */
  alive: () => boolean;
}

/** Start a server in the background (its own process group), output appended to `logFile`, PID written to `pidFile`. */
export function spawnDetached(
  cmd: string,
  args: readonly string[],
  o: { env?: NodeJS.ProcessEnv; logFile: string; pidFile: string; code: ErrorCode },
): Spawned {
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  fs.mkdirSync(path.dirname(o.pidFile), { recursive: true });
  const out = fs.openSync(o.logFile, "a");
  const child = spawn(cmd, args, { env: o.env ?? process.env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  let exited = false;
  child.once("exit", () => (exited = true));
  child.once("error", () => (exited = true));
  if (child.pid === undefined) throw new AppError(o.code, `Could not spawn ${cmd}; is it installed and on the PATH?`);
  const pid = child.pid;
  fs.writeFileSync(o.pidFile, String(pid));
  child.unref();
  return { pid, alive: () => !exited && isAlive(pid) };
}

/**
 * Poll `probe` until it resolves. Fails with `exited()` as soon as the process is gone, or with
 * `timedOut(lastError)` after `timeoutMs`.
 */
export async function waitUntilUp(o: {
  alive: () => boolean;
  probe: () => Promise<unknown>;
  timeoutMs: number;
  exited: () => AppError;
  timedOut: (last: Error) => AppError;
  /** A probe error that will not go away by waiting (a refused password): fail with it at once. */
  fatal?: (e: unknown) => AppError | undefined;
  intervalMs?: number;
}): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    try {
      await o.probe();
      return;
    } catch (e) {
      const fatal = o.fatal?.(e);
      if (fatal) throw fatal;
      if (!o.alive()) throw o.exited();
      if (Date.now() > deadline) throw o.timedOut(e instanceof Error ? e : new Error(String(e)));
      await sleep(o.intervalMs ?? 500);
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopPid(pid: number, graceMs: number): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(pid, s);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (!isAlive(pid)) return;
  signal("SIGKILL");
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}

/** The port a server's port file records, if it holds one. */
export function recordedPort(portFile: string): number | undefined {
  try {
    const port = Number(fs.readFileSync(portFile, "utf8").trim());
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error for a server that already runs in `home` on another port than the one asked for; `kind` is the
 * name of its kg command and of its env prefix ("neo4j" → `KG_NEO4J_INSTANCE`, `kg neo4j stop`).
 */
export function runsOnOtherPort(o: {
  code: ErrorCode;
  what: string;
  kind: string;
  portVar: string;
  home: string;
  pid: number;
  port: number;
  requested: number;
}): AppError {
  const instanceVar = `KG_${o.kind === "nlp" ? "CORENLP" : o.kind.toUpperCase()}_INSTANCE`;
  return new AppError(
    o.code,
    `The local ${o.what} in ${o.home} already runs (pid ${o.pid}) on port ${o.port}, not on the requested ${o.requested}. Stop it first (${instanceVar}=${path.basename(o.home)} ${o.portVar}=${o.port} npx kg ${o.kind} stop) or ask for port ${o.port}.`,
  );
}

/** Stop a server we started, if `pid` is one (SIGTERM, then SIGKILL after `graceMs`), and remove its run files. False when it was not running. */
export async function stopRecorded(o: {
  pid: number | undefined;
  what: string;
  runFiles: readonly string[];
  graceMs: number;
  log: (line: string) => void;
}): Promise<boolean> {
  if (o.pid !== undefined) {
    o.log(`Stopping ${o.what} (pid ${o.pid})…`);
    await stopPid(o.pid, o.graceMs);
  }
  for (const f of o.runFiles) fs.rmSync(f, { force: true });
  return o.pid !== undefined;
}

/**
 * Run `fn` holding `<dir>/.start.lock`, a lock shared by every process (proper-lockfile: an atomic
 * mkdir whose mtime is refreshed while held, so a lock left by a killed process goes stale in a minute).
 * Waits up to `waitMs` for another holder, then fails with `code`.
 */
export async function withStartLock<T>(dir: string, code: ErrorCode, fn: () => Promise<T>, waitMs = 300_000): Promise<T> {
  // Loaded here, not at the top: it installs exit handlers, which only the processes that start servers need.
  const { default: lockfile } = await import("proper-lockfile");
  const lockfilePath = path.join(dir, ".start.lock");
  fs.mkdirSync(dir, { recursive: true });
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath,
      realpath: false,
      stale: 60_000,
      update: 10_000,
      retries: { retries: Math.ceil(waitMs / 500), factor: 1, minTimeout: 500, maxTimeout: 500 },
      onCompromised: (e) => (compromised = e),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
    throw new AppError(
      code,
      `Timed out after ${Math.round(waitMs / 1000)} s waiting for ${lockfilePath}: another kg is starting a server there. Remove that folder if no other kg runs.`,
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
    if (compromised) {
      // eslint-disable-next-line no-unsafe-finally -- deliberate: a lock taken over while held outranks fn's own result or error
      throw new AppError(
        code,
        `The start lock ${lockfilePath} was taken over while held (${compromised.message}); check that no other kg started a server at the same time.`,
      );
    }
  }
}
