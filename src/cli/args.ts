/**
 * Command-line options through `node:util` parseArgs in strict mode: an unknown or misspelt option
 * (`kg ingest --bacth 10`) is an error that lists the valid ones, never silently ignored.
 */
import { parseArgs as parseNodeArgs } from "node:util";
import { AppError } from "../errors.ts";

/** What a command accepts: options without a value (flags), and options that take one. */
export interface ArgSpec {
  flags?: readonly string[];
  values?: readonly string[];
  /** Whether positional arguments are allowed (default true). */
  positionals?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** A mistake in how a command was called: kg prints it and exits 2. */
export class UsageError extends AppError {
  constructor(message: string) {
    super("BAD_USER_INPUT", message);
  }
}

/** The valid options of `spec`, as a usage line shows them: "--batch VALUE, --json, --help". */
export function describeOptions(spec: ArgSpec): string {
  return [...(spec.values ?? []).map((v) => `--${v} VALUE`), ...(spec.flags ?? []).map((f) => `--${f}`)].join(", ") || "none";
}

/**
 * Parse `argv` against `spec`; throws UsageError naming the bad option and the valid ones.
 *
 * @example parseCommandArgs("kg ingest", ["--batch", "10", "a.ndjson"], { flags: ["json"], values: ["batch"] })
 *   // { positionals: ["a.ndjson"], flags: Set {}, values: Map { "batch" => "10" } }
 */
export function parseCommandArgs(command: string, argv: string[], spec: ArgSpec): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const f of spec.flags ?? []) options[f] = { type: "boolean" };
  for (const v of spec.values ?? []) options[v] = { type: "string" };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: spec.positionals !== false });
  } catch (e) {
    // node:util says e.g. "Unknown option '--bacth'" or "Option '--batch <value>' argument missing".
    const detail = e instanceof Error ? e.message.split(". ")[0]! : String(e);
    throw new UsageError(`${command}: ${detail}. Valid options: ${describeOptions(spec)}.`);
  }
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === "string") values.set(k, v);
    else if (v === true) flags.add(k);
  }
  return { positionals: parsed.positionals, flags, values };
}
