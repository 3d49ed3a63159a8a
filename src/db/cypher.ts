/**
 * Every Cypher statement the service runs lives in `cypher/<name>.cypher`, loaded once here.
 * The first line of each file is a `//` comment saying what the statement answers.
 * `schema.cypher` is special: several statements separated by `;`, run by `migrate.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher");

let cache: Map<string, string> | undefined;

function load(): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fs.readdirSync(CYPHER_DIR)) {
    if (f.endsWith(".cypher")) m.set(f.slice(0, -".cypher".length), fs.readFileSync(path.join(CYPHER_DIR, f), "utf8"));
  }
  return m;
}

/**
 * Statements that timers run, not requests: the response cache's read of the graph version and the
 * event hub's reads of the change log. Statement counts per request (tests, benchmarks) leave them out.
 */
export const BACKGROUND_STATEMENTS: ReadonlySet<string> = new Set(["graphVersion", "articleChangesSince"]);

/** The text of `cypher/<name>.cypher`; throws on an unknown name so a typo fails at first use, loudly. */
export function cypher(name: string): string {
  cache ??= load();
  const text = cache.get(name);
  if (text === undefined) throw new Error(`No Cypher statement named "${name}" in ${CYPHER_DIR}`);
  return text;
}

/** All statement names (for the test that EXPLAINs every file). */
export function cypherNames(): string[] {
  cache ??= load();
  return [...cache.keys()].sort();
}

/** Split a multi-statement file on `;` at line ends, dropping comments and blanks. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) =>
      s
        .split("\n")
        .filter((l) => !l.trim().startsWith("//"))
        .join("\n")
        .trim(),
    )
    .filter((s) => s.length > 0);
}
