/**
 * A real Stanford CoreNLP server without Docker, managed like the local Neo4j (src/db/local-neo4j.ts):
 * jars resolved from Maven Central by `mvn` (tools/corenlp/pom.xml), our launcher
 * (tools/corenlp/KgCoreNlpServer.java: CoreNLP's POST / protocol plus GET /ready and /live, on
 * 127.0.0.1 only) compiled once, started in the background and stopped by its PID.
 *
 * Layout of `<repo>/.corenlp/` (git-ignored):
 *   lib-4.5.7/            CoreNLP and its English models (~480 MB), resolved once; `.complete` is written last
 *   classes-<hash>/       the launcher, compiled; <hash> is of its source, so an edit compiles afresh
 *   <instance>/run/       corenlp.pid (the PID we started) and corenlp.port (the port it listens on)
 *   <instance>/logs/      console.log, the JVM's output
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import {
  checkedPort,
  ensureCompiled,
  ensureMavenJars,
  livePid,
  portInUse,
  requireTools,
  spawnDetached,
  recordedPort,
  runsOnOtherPort,
  stopRecorded,
  tailOf,
  waitUntilUp,
  withStartLock,
} from "../local-server/process.ts";
import { CORENLP_VERSION } from "./corenlp-client.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POM = path.join(REPO_ROOT, "tools/corenlp/pom.xml");
export const CORENLP_LAUNCHER = path.join(REPO_ROOT, "tools/corenlp/KgCoreNlpServer.java");
const MAIN_CLASS = "KgCoreNlpServer";

export interface LocalCoreNlpOptions {
  /** Folder name under `.corenlp/` (default "default"; tests use "test"). */
  instance?: string;
  /** HTTP port on 127.0.0.1 (default 9000). */
  port?: number;
  /** JVM heap, as for -Xmx (default "2g"). */
  heap?: string;
  /** Texts annotated at once (default 2). */
  threads?: number;
  /** Longest text one request may carry; longer ones get HTTP 413 (default 100,000 characters; the client sends 20,000). */
  maxChars?: number;
  /** Limit on annotating one request, in ms (default 60 s); over it the answer is 503. */
  annotationTimeoutMs?: number;
  /** How long to wait for /ready, in ms (default 120 s; the models load in a few seconds). */
  startTimeoutMs?: number;
  /** The folder that holds the jars and the instances (default `<repo>/.corenlp`). */
  base?: string;
  /** Progress lines for the user (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface LocalCoreNlpStatus {
  running: boolean;
  pid?: number;
  /** http://127.0.0.1:PORT, the port it runs on when running, else the one it would start on. */
  url: string;
  home: string;
}

interface Resolved {
  base: string;
  home: string;
  lib: string;
  port: number;
  heap: string;
  threads: number;
  maxChars: number;
  annotationTimeoutMs: number;
  startTimeoutMs: number;
  log: (line: string) => void;
}

function resolveOptions(o: LocalCoreNlpOptions = {}): Resolved {
  const base = o.base ?? path.join(REPO_ROOT, ".corenlp");
  const instance = o.instance ?? "default";
  // The instance is a folder beside the jar cache: a plain name that cannot climb out or collide with it.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(instance) || /^(lib|classes)-/.test(instance)) {
    throw new AppError(
      "CONFIG_INVALID",
      `KG_CORENLP_INSTANCE "${instance}" is not a usable folder name (letters, digits, '.', '_', '-'; not starting with "lib-" or "classes-").`,
    );
  }
  return {
    base,
    home: path.join(base, instance),
    lib: path.join(base, `lib-${CORENLP_VERSION}`),
    port: checkedPort(o.port ?? 9000, "KG_CORENLP_PORT"),
    heap: o.heap ?? "2g",
    threads: o.threads ?? 2,
    maxChars: o.maxChars ?? 100_000,
    annotationTimeoutMs: o.annotationTimeoutMs ?? 60_000,
    startTimeoutMs: o.startTimeoutMs ?? 120_000,
    log: o.log ?? (() => {}),
  };
}

const pidPath = (home: string) => path.join(home, "run", "corenlp.pid");
const portPath = (home: string) => path.join(home, "run", "corenlp.port");
const logPath = (home: string) => path.join(home, "logs", "console.log");
const urlOf = (port: number) => `http://127.0.0.1:${port}`;

// Private: the PID we recorded, if that process is alive and is our launcher for this home (guards against PID reuse).
function serverPid(home: string): number | undefined {
  // /proc/PID/cmdline ends each argument with NUL: ".corenlp/test" must not match ".corenlp/test-2".
  return livePid(pidPath(home), [MAIN_CLASS, `-Dkg.corenlp.home=${home}\0`]);
}

const runningPort = (home: string) => recordedPort(portPath(home));

export function localCoreNlpStatus(o?: LocalCoreNlpOptions): LocalCoreNlpStatus {
  const r = resolveOptions(o);
  const pid = serverPid(r.home);
  const port = (pid !== undefined ? runningPort(r.home) : undefined) ?? r.port;
  return { running: pid !== undefined, pid, url: urlOf(port), home: r.home };
}

const ALTERNATIVES = "point CORENLP_URL at a running CoreNLP server, run `docker compose up -d corenlp`, or set KG_NLP=none for rules only";

// Private: the launcher, compiled once per version of its source.
function ensureLauncher(r: Resolved): Promise<string> {
  return ensureCompiled({
    source: CORENLP_LAUNCHER,
    mainClass: MAIN_CLASS,
    lib: r.lib,
    base: r.base,
    code: "NLP_SETUP_FAILED",
    missingJavac: `The Java compiler (\`javac\`) is not installed; it is needed once to compile ${path.relative(REPO_ROOT, CORENLP_LAUNCHER)}. Install a JDK (e.g. \`apt-get install openjdk-17-jdk-headless\`), or ${ALTERNATIVES}.`,
  });
}

async function waitForReady(r: Resolved, port: number, alive: () => boolean): Promise<void> {
  await waitUntilUp({
    alive,
    probe: async () => {
      const res = await fetch(`${urlOf(port)}/ready`, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.text()).trim();
      if (!res.ok) throw new Error(`/ready answered HTTP ${res.status} ${body}`);
    },
    timeoutMs: r.startTimeoutMs,
    intervalMs: 250,
    exited: () => new AppError("NLP_SETUP_FAILED", `CoreNLP exited during start-up. Last lines of ${logPath(r.home)}:\n${tailOf(logPath(r.home), 20)}`),
    timedOut: (e) =>
      new AppError(
        "NLP_SETUP_FAILED",
        `CoreNLP did not answer on ${urlOf(port)}/ready within ${Math.round(r.startTimeoutMs / 1000)} s (${e.message}). Last lines of ${logPath(r.home)}:\n${tailOf(logPath(r.home), 20)}`,
      ),
  });
}

/**
 * Start the local server unless it already runs (then a no-op), and wait until GET /ready answers 200.
 *
 * @example const { url } = await startLocalCoreNlp({ log: console.error }); // "http://127.0.0.1:9000"
 */
export async function startLocalCoreNlp(o?: LocalCoreNlpOptions): Promise<LocalCoreNlpStatus & { running: true; pid: number }> {
  const r = resolveOptions(o);
  return withStartLock(r.base, "NLP_SETUP_FAILED", async () => {
    const running = serverPid(r.home);
    if (running !== undefined) {
      const port = runningPort(r.home) ?? r.port;
      if (port !== r.port) {
        throw runsOnOtherPort({
          code: "NLP_SETUP_FAILED",
          what: "CoreNLP",
          kind: "nlp",
          portVar: "KG_CORENLP_PORT",
          home: r.home,
          pid: running,
          port,
          requested: r.port,
        });
      }
      await waitForReady(r, port, () => serverPid(r.home) === running);
      return { running: true, pid: running, url: urlOf(port), home: r.home };
    }
    requireTools("NLP_SETUP_FAILED", [
      {
        cmd: "java",
        missing: `Java is not installed. Install Java 17 with its compiler (e.g. \`apt-get install openjdk-17-jdk-headless\`), or ${ALTERNATIVES}.`,
      },
    ]);
    if (!fs.existsSync(path.join(r.lib, ".complete"))) {
      requireTools("NLP_SETUP_FAILED", [
        {
          cmd: "mvn",
          missing: `Maven (\`mvn\`) is not installed; it is needed once to download CoreNLP ${CORENLP_VERSION} (~480 MB). Install it (e.g. \`apt-get install maven\`), or ${ALTERNATIVES}.`,
        },
      ]);
    }
    await ensureMavenJars({
      pom: POM,
      lib: r.lib,
      label: `Stanford CoreNLP ${CORENLP_VERSION} with its English models (~480 MB)`,
      code: "NLP_SETUP_FAILED",
      log: r.log,
    });
    const classes = await ensureLauncher(r);
    if (await portInUse(r.port)) {
      throw new AppError(
        "NLP_SETUP_FAILED",
        `Port ${r.port} on 127.0.0.1 is taken by another process. Stop it, or choose another port with KG_CORENLP_PORT, or point CORENLP_URL at that server if it is CoreNLP.`,
      );
    }
    r.log(`Starting CoreNLP ${CORENLP_VERSION} on ${urlOf(r.port)} (home ${r.home})…`);
    fs.mkdirSync(path.dirname(portPath(r.home)), { recursive: true });
    fs.writeFileSync(portPath(r.home), String(r.port));
    const child = spawnDetached(
      "java",
      [
        `-Xmx${r.heap}`,
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        `-Dkg.corenlp.home=${r.home}`,
        "-cp",
        `${path.join(r.lib, "*")}${path.delimiter}${classes}`,
        MAIN_CLASS,
        String(r.port),
        String(r.threads),
        String(r.maxChars),
        String(r.annotationTimeoutMs),
        "127.0.0.1",
      ],
      { logFile: logPath(r.home), pidFile: pidPath(r.home), code: "NLP_SETUP_FAILED" },
    );
    const started = Date.now();
    await waitForReady(r, r.port, child.alive);
    r.log(`CoreNLP is up (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return { running: true, pid: child.pid, url: urlOf(r.port), home: r.home };
  });
}

/** Stop the server we started (SIGTERM, then SIGKILL after `graceMs`). Returns false when it was not running. */
export function stopLocalCoreNlp(o?: LocalCoreNlpOptions, graceMs = 10_000): Promise<boolean> {
  const r = resolveOptions(o);
  return stopRecorded({ pid: serverPid(r.home), what: "CoreNLP", runFiles: [pidPath(r.home), portPath(r.home)], graceMs, log: r.log });
}
