/** A tiny argv parser for the benchmarks: `--flag`, `--key value`, `--key=value`. */
export interface BenchArgs {
  flags: Set<string>;
  values: Map<string, string>;
}

export function parseBenchArgs(argv: string[] = process.argv.slice(2), flagNames: string[] = []): BenchArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) {
      values.set(a.slice(2, eq), a.slice(eq + 1));
      continue;
    }
    const name = a.slice(2);
    const next = argv[i + 1];
    if (!flagNames.includes(name) && next !== undefined && !next.startsWith("--")) {
      values.set(name, next);
      i++;
    } else flags.add(name);
  }
  return { flags, values };
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
