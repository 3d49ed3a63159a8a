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
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import { AppError } from "../errors.ts";
import {
  checkedPort,
  ensureMavenJars,
  livePid,
  portInUse,
  requireTools,
  spawnDetached,
  runsOnOtherPort,
  stopRecorded,
  tailOf,
  waitUntilUp,
  withStartLock,
} from "../local-server/process.ts";
import { cypher } from "./cypher.ts";
import { localNeo4jDefaults } from "../config.ts";

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
  const d = localNeo4jDefaults();
  const base = d.base ?? path.join(REPO_ROOT, ".neo4j");
  const instance = o.instance ?? d.instance;
  const boltPort = checkedPort(o.boltPort ?? d.boltPort, "KG_NEO4J_BOLT_PORT");
  return {
    home: path.join(base, instance),
    lib: path.join(base, `lib-${NEO4J_VERSION}`),
    boltPort,
    startTimeoutMs: o.startTimeoutMs ?? 180_000,
    heap: o.heap ?? d.heap,
    pageCache: o.pageCache ?? d.pageCache,
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
function serverPid(home: string): number | undefined {
  return livePid(pidPath(home), ["CommunityEntryPoint"]);
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
  const pid = serverPid(r.home);
  const port = (pid !== undefined ? configuredPort(r.home) : undefined) ?? r.boltPort;
  return { running: pid !== undefined, pid, uri: `bolt://127.0.0.1:${port}`, home: r.home };
}

// Private: make sure the jar cache is complete (resolved once by mvn).
async function ensureJars(r: Resolved): Promise<void> {
  if (fs.existsSync(path.join(r.lib, ".complete"))) return;
  requireTools("NEO4J_SETUP_FAILED", [
    {
      cmd: "java",
      missing:
        "Java is not installed. Install Java 17 or 21 (e.g. `apt-get install openjdk-17-jre-headless`), set NEO4J_URI to an existing Neo4j, or run `docker compose up -d neo4j`.",
    },
    {
      cmd: "mvn",
      missing:
        "Maven (`mvn`) is not installed; it is needed once to download Neo4j. Install it (e.g. `apt-get install maven`), set NEO4J_URI to an existing Neo4j, or run `docker compose up -d neo4j`.",
    },
  ]);
  await ensureMavenJars({ pom: POM, lib: r.lib, label: `Neo4j Community ${NEO4J_VERSION}`, code: "NEO4J_SETUP_FAILED", log: r.log });
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

function adminTool(r: Resolved, args: readonly string[]) {
  return spawnSync("java", ["-cp", path.join(r.lib, "*"), "org.neo4j.cli.AdminTool", ...args], {
    env: javaEnv(r),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Run `neo4j-admin ARGS…` (the admin tool's main class, from the jars of `kg neo4j start`) against
 * a local home, e.g. `["database", "import", "full", …]` to seed it from `kg export --format csv`.
 * The server of that home must be stopped for an import. Starts nothing; needs the jars resolved.
 */
export function runNeo4jAdmin(o: LocalNeo4jOptions, args: readonly string[]): { status: number | null; output: string } {
  const r = resolveOptions(o);
  if (!fs.existsSync(path.join(r.lib, ".complete")))
    throw new AppError("NEO4J_SETUP_FAILED", `The Neo4j jars are not in ${r.lib} yet: run \`kg neo4j start\` once.`);
  fs.mkdirSync(path.join(r.home, "conf"), { recursive: true });
  if (!fs.existsSync(path.join(r.home, "conf", "neo4j.conf"))) writeConfig(r);
  const res = adminTool(r, args);
  return { status: res.status, output: `${res.stdout ?? ""}${res.stderr ?? ""}` };
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
  const res = adminTool(r, ["dbms", "set-initial-password", "--", password]);
  // The tool exits 0 even when it refuses a password (too short) or prints its usage, so the exit
  // status proves nothing: check that the file it writes holds this password.
  const written = fs.existsSync(authIni) ? fs.readFileSync(authIni, "utf8") : "";
  if (res.status !== 0 || !authIniHolds(written, "neo4j", password)) {
    const said = `${res.stderr ?? ""}${res.stdout ?? ""}`.trim().split("\n").slice(0, 5).join("\n");
    throw new AppError(
      "NEO4J_SETUP_FAILED",
      `Setting the initial Neo4j password failed (exit ${res.status}; ${authIni} ${written ? "does not hold it" : "was not written"}): ${said}`,
    );
  }
  fs.writeFileSync(credentialsPath(r.home), JSON.stringify({ user: "neo4j", password }, null, 2), { mode: 0o600 });
}

async function waitForBolt(r: Resolved, alive: () => boolean, creds: LocalNeo4jCredentials): Promise<void> {
  const driver = neo4j.driver(creds.uri, neo4j.auth.basic(creds.user, creds.password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
  });
  try {
    await waitUntilUp({
      alive,
      probe: () => driver.executeQuery(cypher("ping"), {}, { database: "neo4j" }),
      timeoutMs: r.startTimeoutMs,
      // A server that answers but refuses the password will not change its mind: say so now, not after the timeout.
      fatal: (e) =>
        (e as { code?: unknown }).code === "Neo.ClientError.Security.Unauthorized"
          ? new AppError(
              "NEO4J_SETUP_FAILED",
              `Neo4j on ${creds.uri} refuses the password in ${credentialsPath(r.home)}. If this home was never used, delete ${r.home} and start again; otherwise restore the credentials file.`,
              { cause: e },
            )
          : undefined,
      exited: () =>
        new AppError(
          "NEO4J_SETUP_FAILED",
          `Neo4j exited during start-up. Last lines of ${path.join(r.home, "logs")}:\n${tailOf(path.join(r.home, "logs", "console.log"), 20)}`,
        ),
      timedOut: (e) =>
        new AppError(
          "NEO4J_SETUP_FAILED",
          `Neo4j did not answer on ${creds.uri} within ${Math.round(r.startTimeoutMs / 1000)} s (${e.message}). Last lines of neo4j.log:\n${tailOf(path.join(r.home, "logs", "neo4j.log"), 20)}`,
        ),
    });
  } finally {
    await driver.close();
  }
}

/**
 * Start the local server unless it already runs (then a no-op), and wait until Bolt answers.
 *
 * @example const creds = await startLocalNeo4j({ log: console.error }); // { uri, user, password }
 */
export async function startLocalNeo4j(o?: LocalNeo4jOptions): Promise<LocalNeo4jCredentials> {
  const r = resolveOptions(o);
  return withStartLock(path.dirname(r.home), "NEO4J_SETUP_FAILED", async () => {
    const running = serverPid(r.home);
    const creds = (): LocalNeo4jCredentials => readLocalCredentials(o)!;
    if (running !== undefined) {
      const port = configuredPort(r.home);
      if (port !== undefined && port !== r.boltPort) {
        throw runsOnOtherPort({
          code: "NEO4J_SETUP_FAILED",
          what: "Neo4j",
          kind: "neo4j",
          portVar: "KG_NEO4J_BOLT_PORT",
          home: r.home,
          pid: running,
          port,
          requested: r.boltPort,
        });
      }
      await waitForBolt(r, () => serverPid(r.home) === running, creds());
      return creds();
    }
    await ensureJars(r);
    writeConfig(r);
    ensureCredentials(r);
    if (await portInUse(r.boltPort)) {
      throw new AppError(
        "NEO4J_SETUP_FAILED",
        `Port ${r.boltPort} on 127.0.0.1 is taken by another process. Stop it, or choose another port with KG_NEO4J_BOLT_PORT, or point NEO4J_URI at that server.`,
      );
    }
    r.log(`Starting Neo4j ${NEO4J_VERSION} on bolt://127.0.0.1:${r.boltPort} (home ${r.home})…`);
    const child = spawnDetached(
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
      { env: javaEnv(r), logFile: path.join(r.home, "logs", "console.log"), pidFile: pidPath(r.home), code: "NEO4J_SETUP_FAILED" },
    );
    const started = Date.now();
    await waitForBolt(r, child.alive, creds());
    r.log(`Neo4j is up (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return creds();
  });
}

/** Stop the server we started (SIGTERM, then SIGKILL after `graceMs`). Returns false when it was not running. */
export function stopLocalNeo4j(o?: LocalNeo4jOptions, graceMs = 60_000): Promise<boolean> {
  const r = resolveOptions(o);
  return stopRecorded({ pid: serverPid(r.home), what: "Neo4j", runFiles: [pidPath(r.home)], graceMs, log: r.log });
}
