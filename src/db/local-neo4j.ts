/**
 * A real Neo4j Community server without Docker: jars resolved from Maven Central by `mvn`
 * (tools/neo4j/pom.xml), a home folder under `.neo4j/` (git-ignored), started in the
 * background and stopped by its PID.
 *
 * Layout of a home (default `<repo>/.neo4j/<instance>`):
 *   conf/neo4j.conf   written on every start from the options below
 *   data/ logs/       the database and its logs (logs/console.log has the JVM's output)
 *   run/neo4j.pid     the PID of the server we started
 *   credentials.json  { uri, user, password } — generated once, read by `config.ts`
 * Jars are cached in `<repo>/.neo4j/lib-<version>`, so a second start needs no network.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import { AppError } from "../errors.ts";
import { cypher } from "./cypher.ts";

export const NEO4J_VERSION = "5.26.30";
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POM = path.join(REPO_ROOT, "tools/neo4j/pom.xml");

export interface LocalNeo4jOptions {
  /** Folder name under `.neo4j/` (default "default"; tests use "test"). */
  instance?: string;
  /** Bolt port on 127.0.0.1 (default: KG_NEO4J_BOLT_PORT or 7687). */
  boltPort?: number;
  /** How long to wait for Bolt to answer, in ms (default 180 s: a cold JVM on 2 cores is slow). */
  startTimeoutMs?: number;
  heap?: string;
  pageCache?: string;
  /** Progress lines for the user (stderr in the CLI). */
  log?: (line: string) => void;
  /** The password set when the home is created (default: `newPassword()`); ignored once credentials exist. */
  initialPassword?: string;
}

export interface LocalNeo4jCredentials {
  uri: string;
  user: string;
  password: string;
}

export interface LocalNeo4jStatus {
  running: boolean;
  pid?: number;
  uri: string;
  home: string;
}

interface Resolved {
  home: string;
  lib: string;
  boltPort: number;
  startTimeoutMs: number;
  heap: string;
  pageCache: string;
  log: (line: string) => void;
  initialPassword?: string;
}

function resolveOptions(o: LocalNeo4jOptions = {}): Resolved {
  const base = process.env.KG_NEO4J_HOME_BASE ?? path.join(REPO_ROOT, ".neo4j");
  const instance = o.instance ?? process.env.KG_NEO4J_INSTANCE ?? "default";
  const portEnv = process.env.KG_NEO4J_BOLT_PORT;
  const boltPort = o.boltPort ?? (portEnv ? Number(portEnv) : 7687);
  if (!Number.isInteger(boltPort) || boltPort < 1 || boltPort > 65535) {
    throw new AppError("CONFIG_INVALID", `KG_NEO4J_BOLT_PORT must be a port number (1-65535), got "${portEnv}".`);
  }
  return {
    home: path.join(base, instance),
    lib: path.join(base, `lib-${NEO4J_VERSION}`),
    boltPort,
    startTimeoutMs: o.startTimeoutMs ?? 180_000,
    heap: o.heap ?? process.env.KG_NEO4J_HEAP ?? "1g",
    pageCache: o.pageCache ?? process.env.KG_NEO4J_PAGECACHE ?? "512m",
    log: o.log ?? (() => {}),
    initialPassword: o.initialPassword,
  };
}

function credentialsPath(home: string): string {
  return path.join(home, "credentials.json");
}
function pidPath(home: string): string {
  return path.join(home, "run", "neo4j.pid");
}

/** The credentials of a local instance, or undefined when it was never set up. */
export function readLocalCredentials(o?: LocalNeo4jOptions): LocalNeo4jCredentials | undefined {
  const { home, boltPort } = resolveOptions(o);
  try {
    const c = JSON.parse(fs.readFileSync(credentialsPath(home), "utf8")) as { user: string; password: string };
    return { uri: `bolt://127.0.0.1:${boltPort}`, user: c.user, password: c.password };
  } catch {
    return undefined;
  }
}

// Private: the PID we recorded, if that process is alive and is a Neo4j server (guards against PID reuse).
function livePid(home: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidPath(home), "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmd.includes("CommunityEntryPoint")) return undefined;
  } catch {
    // No /proc (macOS): trust the PID file.
  }
  return pid;
}

/** The Bolt port a home's neo4j.conf was written with (the port its server listens on), if any. */
function configuredPort(home: string): number | undefined {
  try {
    const m = /^server\.bolt\.listen_address=[^:\n]*:(\d+)$/m.exec(fs.readFileSync(path.join(home, "conf", "neo4j.conf"), "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function localNeo4jStatus(o?: LocalNeo4jOptions): LocalNeo4jStatus {
  const r = resolveOptions(o);
  const pid = livePid(r.home);
  const port = (pid !== undefined ? configuredPort(r.home) : undefined) ?? r.boltPort;
  return { running: pid !== undefined, pid, uri: `bolt://127.0.0.1:${port}`, home: r.home };
}

function which(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

// Private: make sure the jar cache is complete; the marker file is written last so a killed download is redone.
function ensureJars(r: Resolved): void {
  const marker = path.join(r.lib, ".complete");
  if (fs.existsSync(marker)) return;
  if (!which("java")) {
    throw new AppError(
      "NEO4J_SETUP_FAILED",
      "Java is not installed. Install Java 17 or 21 (e.g. `apt-get install openjdk-17-jre-headless`), set NEO4J_URI to an existing Neo4j, or run `docker compose up -d neo4j`.",
    );
  }
  if (!which("mvn")) {
    throw new AppError(
      "NEO4J_SETUP_FAILED",
      "Maven (`mvn`) is not installed; it is needed once to download Neo4j. Install it (e.g. `apt-get install maven`), set NEO4J_URI to an existing Neo4j, or run `docker compose up -d neo4j`.",
    );
  }
  r.log(`Resolving Neo4j Community ${NEO4J_VERSION} from Maven Central into ${r.lib} (first run only)…`);
  fs.rmSync(r.lib, { recursive: true, force: true });
  const res = spawnSync(
    "mvn",
    ["-B", "-q", "-f", POM, "dependency:copy-dependencies", `-DoutputDirectory=${r.lib}`, "-DincludeScope=runtime"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ""}${res.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new AppError(
      "NEO4J_SETUP_FAILED",
      `mvn could not resolve Neo4j ${NEO4J_VERSION} (exit ${res.status}). Check that Maven can reach Maven Central. Last lines:\n${tail}`,
    );
  }
  fs.writeFileSync(marker, new Date().toISOString());
}

function writeConfig(r: Resolved): void {
  for (const d of ["conf", "data", "logs", "run", "import", "plugins"]) fs.mkdirSync(path.join(r.home, d), { recursive: true });
  const conf = [
    "# Written by `kg neo4j start` on every start; edit tools/neo4j or the KG_NEO4J_* variables instead.",
    "server.default_listen_address=127.0.0.1",
    "server.default_advertised_address=127.0.0.1",
    "server.bolt.enabled=true",
    `server.bolt.listen_address=127.0.0.1:${r.boltPort}`,
    "server.http.enabled=false",
    "server.https.enabled=false",
    `server.memory.heap.initial_size=${r.heap}`,
    `server.memory.heap.max_size=${r.heap}`,
    `server.memory.pagecache.size=${r.pageCache}`,
    `server.directories.data=${path.join(r.home, "data")}`,
    `server.directories.logs=${path.join(r.home, "logs")}`,
    `server.directories.import=${path.join(r.home, "import")}`,
    `server.directories.plugins=${path.join(r.home, "plugins")}`,
    `server.directories.run=${path.join(r.home, "run")}`,
    "dbms.security.auth_enabled=true",
    "db.tx_log.rotation.retention_policy=2 files",
    "server.jvm.additional=-XX:+UseG1GC",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(r.home, "conf", "neo4j.conf"), conf);
}

function javaEnv(r: Resolved): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: r.home, NEO4J_CONF: path.join(r.home, "conf") };
}

/**
 * A fresh password for a new home: 48 hex digits (192 bits). Hex, so it never starts with "-"
 * (which a command line would read as an option) and needs no quoting anywhere.
 */
export function newPassword(): string {
  return randomBytes(24).toString("hex");
}

/**
 * True when `authIni` (the `data/dbms/auth.ini` that `neo4j-admin dbms set-initial-password`
 * writes, one `user:SHA-256,<hash>,<salt>,<iterations>:` line) holds `password` for `user`: the
 * salted SHA-256 iterated as Neo4j 5 does. False for any other content (a missing line, an unknown
 * format), so a password that was not set is caught before it is recorded.
 */
export function authIniHolds(authIni: string, user: string, password: string): boolean {
  for (const line of authIni.split("\n")) {
    const m = /^([^:]+):SHA-256,([0-9a-f]{64}),([0-9a-f]+),(\d+):/.exec(line.trim());
    if (!m || m[1] !== user) continue;
    const iterations = Number(m[4]);
    if (iterations < 1 || iterations > 100_000) return false;
    let h = createHash("sha256").update(Buffer.from(m[3]!, "hex")).update(password, "utf8").digest();
    for (let i = 1; i < iterations; i++) h = createHash("sha256").update(h).digest();
    return h.toString("hex") === m[2];
  }
  return false;
}

// Private: the initial password can only be set before the first start, so it is done once with the home.
function ensureCredentials(r: Resolved): void {
  if (fs.existsSync(credentialsPath(r.home))) return;
  if (fs.existsSync(path.join(r.home, "data", "databases"))) {
    throw new AppError(
      "NEO4J_SETUP_FAILED",
      `${r.home} holds a database but no credentials.json. Delete the folder to start afresh (its data will be lost) or restore credentials.json.`,
    );
  }
  const password = r.initialPassword ?? newPassword();
  const authIni = path.join(r.home, "data", "dbms", "auth.ini");
  fs.rmSync(authIni, { force: true });
  // "--" ends the options: whatever the password looks like, it is the positional argument.
  const res = spawnSync(
    "java",
    ["-cp", path.join(r.lib, "*"), "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", "--", password],
    { env: javaEnv(r), encoding: "utf8" },
  );
  // The tool exits 0 even when it refuses a password (too short) or prints its usage, so the exit
  // status proves nothing: check that the file it writes holds this password.
  const written = fs.existsSync(authIni) ? fs.readFileSync(authIni, "utf8") : "";
  if (res.status !== 0 || !authIniHolds(written, "neo4j", password)) {
    const said = `${res.stderr ?? ""}${res.stdout ?? ""}`.trim().split("\n").slice(0, 5).join("\n");
    throw new AppError("NEO4J_SETUP_FAILED", `Setting the initial Neo4j password failed (exit ${res.status}; ${authIni} ${written ? "does not hold it" : "was not written"}): ${said}`);
  }
  fs.writeFileSync(credentialsPath(r.home), JSON.stringify({ user: "neo4j", password }, null, 2), { mode: 0o600 });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitForBolt(r: Resolved, pid: number, creds: LocalNeo4jCredentials): Promise<void> {
  const deadline = Date.now() + r.startTimeoutMs;
  const driver = neo4j.driver(creds.uri, neo4j.auth.basic(creds.user, creds.password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
  });
  try {
    for (;;) {
      try {
        await driver.executeQuery(cypher("ping"), {}, { database: "neo4j" });
        return;
      } catch (e) {
        // A server that answers but refuses the password will not change its mind: say so now, not after the timeout.
        if ((e as { code?: unknown }).code === "Neo.ClientError.Security.Unauthorized") {
          throw new AppError(
            "NEO4J_SETUP_FAILED",
            `Neo4j on ${creds.uri} refuses the password in ${credentialsPath(r.home)}. If this home was never used, delete ${r.home} and start again; otherwise restore the credentials file.`,
            { cause: e },
          );
        }
        if (!isAlive(pid)) {
          throw new AppError(
            "NEO4J_SETUP_FAILED",
            `Neo4j exited during start-up. Last lines of ${path.join(r.home, "logs")}:\n${tailOf(path.join(r.home, "logs", "console.log"), 20)}`,
          );
        }
        if (Date.now() > deadline) {
          throw new AppError(
            "NEO4J_SETUP_FAILED",
            `Neo4j did not answer on ${creds.uri} within ${Math.round(r.startTimeoutMs / 1000)} s (${(e as Error).message}). Last lines of neo4j.log:\n${tailOf(path.join(r.home, "logs", "neo4j.log"), 20)}`,
          );
        }
        await new Promise((res) => setTimeout(res, 500));
      }
    }
  } finally {
    await driver.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Private: a crude cross-process lock (mkdir is atomic) so parallel `kg` commands or test workers start one server.
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, ".start.lock");
  fs.mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new AppError("NEO4J_SETUP_FAILED", `Timed out waiting for ${lock}; remove it if no other kg is starting Neo4j.`);
      await new Promise((res) => setTimeout(res, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Start the local server unless it already runs (then a no-op), and wait until Bolt answers.
 *
 * @example const creds = await startLocalNeo4j({ log: console.error }); // { uri, user, password }
 */
export async function startLocalNeo4j(o?: LocalNeo4jOptions): Promise<LocalNeo4jCredentials> {
  const r = resolveOptions(o);
  return withLock(path.dirname(r.home), async () => {
    const running = livePid(r.home);
    const creds = (): LocalNeo4jCredentials => readLocalCredentials(o)!;
    if (running !== undefined) {
      const port = configuredPort(r.home);
      if (port !== undefined && port !== r.boltPort) {
        throw new AppError(
          "NEO4J_SETUP_FAILED",
          `The local Neo4j in ${r.home} already runs (pid ${running}) on port ${port}, not on the requested ${r.boltPort}. Stop it first (KG_NEO4J_INSTANCE=${path.basename(r.home)} KG_NEO4J_BOLT_PORT=${port} npx kg neo4j stop) or ask for port ${port}.`,
        );
      }
      await waitForBolt(r, running, creds());
      return creds();
    }
    ensureJars(r);
    writeConfig(r);
    ensureCredentials(r);
    if (await portInUse(r.boltPort)) {
      throw new AppError(
        "NEO4J_SETUP_FAILED",
        `Port ${r.boltPort} on 127.0.0.1 is taken by another process. Stop it, or choose another port with KG_NEO4J_BOLT_PORT, or point NEO4J_URI at that server.`,
      );
    }
    r.log(`Starting Neo4j ${NEO4J_VERSION} on bolt://127.0.0.1:${r.boltPort} (home ${r.home})…`);
    const out = fs.openSync(path.join(r.home, "logs", "console.log"), "a");
    const child = spawn(
      "java",
      [
        `-Xms${r.heap}`,
        `-Xmx${r.heap}`,
        "-XX:+UseG1GC",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:+UnlockExperimentalVMOptions",
        "-XX:+TrustFinalNonStaticFields",
        "-XX:+DisableExplicitGC",
        "-Djdk.nio.maxCachedBufferSize=1024",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        path.join(r.lib, "*"),
        "org.neo4j.server.CommunityEntryPoint",
        `--home-dir=${r.home}`,
        `--config-dir=${path.join(r.home, "conf")}`,
      ],
      { env: javaEnv(r), detached: true, stdio: ["ignore", out, out] },
    );
    fs.closeSync(out);
    if (child.pid === undefined) throw new AppError("NEO4J_SETUP_FAILED", "Could not spawn java.");
    fs.writeFileSync(pidPath(r.home), String(child.pid));
    child.unref();
    const started = Date.now();
    await waitForBolt(r, child.pid, creds());
    r.log(`Neo4j is up (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return creds();
  });
}

/** Stop the server we started (SIGTERM, then SIGKILL after `graceMs`). Returns false when it was not running. */
export async function stopLocalNeo4j(o?: LocalNeo4jOptions, graceMs = 60_000): Promise<boolean> {
  const r = resolveOptions(o);
  const pid = livePid(r.home);
  if (pid === undefined) {
    fs.rmSync(pidPath(r.home), { force: true });
    return false;
  }
  r.log(`Stopping Neo4j (pid ${pid})…`);
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 200));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(pidPath(r.home), { force: true });
  return true;
}
