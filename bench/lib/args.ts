/** Benchmark options, parsed strictly like kg's own (src/cli/args.ts): a misspelt option stops the run. */
import { parseCommandArgs, UsageError, type ArgSpec, type ParsedArgs } from "../../src/cli/args.ts";

export type BenchArgs = ParsedArgs;

/** Parse a benchmark's argv; on a bad option print what is valid and exit 2. */
export function parseBenchArgs(argv: string[], spec: ArgSpec): BenchArgs {
  try {
    return parseCommandArgs("bench", argv, { ...spec, positionals: false });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
}

export function numberArg(a: BenchArgs, name: string, dflt?: number): number | undefined {
  const v = a.values.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive number, got "${v}"\n`);
    process.exit(2);
  }
  return n;
}
