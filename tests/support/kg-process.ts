/** `kg` as a child process for tests that need a real process: signals, exit codes, stderr lines. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface KgProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Resolves with the first stderr line matching `re`; rejects after `ms` or if the process exits first. */
  line: (re: RegExp, ms: number) => Promise<RegExpExecArray>;
}

const children = new Set<ChildProcess>();

/**
 * The NLP setting a child `kg` gets: the test CoreNLP the global setup started (never a
 * developer's own on 9000), or rules only where none was provided (the unit tier).
 */
export function nlpEnv(): Record<string, string> {
  if (process.env.KG_NLP === "none" || process.env.CORENLP_URL) return {};
  let url: string | undefined;
  try {
    url = inject("corenlpUrl");
  } catch {
    url = undefined;
  }
  return url ? { CORENLP_URL: url } : { KG_NLP: "none" };
}

/** The environment that points a child `kg` at the test Neo4j the global setup started (or at `cfg`). */
export function neo4jEnv(cfg: { uri: string; user: string; password: string; database: string } = inject("neo4j")): Record<string, string> {
  return { NEO4J_URI: cfg.uri, NEO4J_USER: cfg.user, NEO4J_PASSWORD: cfg.password, NEO4J_DATABASE: cfg.database };
}

/** Start `node bin/kg.js ...args` with `env` added to this process's environment. */
export function spawnKg(args: string[], env: Record<string, string>): KgProcess {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/kg.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...nlpEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  let err = "";
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stdout.on("data", (d) => (out += d));
  readline.createInterface({ input: child.stderr }).on("line", (l) => {
    err += l + "\n";
    for (const w of [...waiters]) {
      const m = w.re.exec(l);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => (children.delete(child), resolve(code))));
  const line = (re: RegExp, ms: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms; stderr:\n${err.slice(-2000)}`)), ms);
      waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
      void exit.then((c) => reject(new Error(`exited (${c}) before a line matching ${re}; stderr:\n${err.slice(-2000)}`)));
    });
  return { child, stdout: () => out, stderr: () => err, exit, line };
}

/** Kill whatever a test left running (afterAll). */
export function killKgProcesses(): void {
  for (const c of children) c.kill("SIGKILL");
}
