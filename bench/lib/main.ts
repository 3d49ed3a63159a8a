/** Run a benchmark's main when its file is the entry point (so run-all.ts can import it too). */
import path from "node:path";
import { fileURLToPath } from "node:url";

export function isEntry(metaUrl: string): boolean {
  const argv1 = process.argv[1];
  return argv1 !== undefined && path.resolve(argv1) === fileURLToPath(metaUrl);
}

export function runMain(metaUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!isEntry(metaUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
