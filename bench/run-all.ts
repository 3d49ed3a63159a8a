/**
 * bench — every part in order: ingest → api → peer → scale (`--quick` skips scale).
 * Other options are passed to each part (e.g. --limit N, --wipe). bench:extract and bench:load are separate.
 *
 *   npm run bench [-- --quick] [--limit N]
 */
import { main as api } from "./api.ts";
import { main as ingest } from "./ingest.ts";
import { main as peer } from "./peer.ts";
import { main as scale } from "./scale.ts";
import { runMain } from "./lib/main.ts";
import { stopBenchNeo4j } from "./lib/neo4j.ts";

export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes("--quick");
  const rest = argv.filter((a) => a !== "--quick" && a !== "--stop");
  const limitIdx = rest.indexOf("--limit");
  const withoutLimit = limitIdx >= 0 ? [...rest.slice(0, limitIdx), ...rest.slice(limitIdx + 2)] : rest;
  const parts: [string, () => Promise<number>][] = [
    ["bench:ingest", () => ingest(rest)],
    ["bench:api", () => api(rest)],
    ["bench:peer", () => peer(rest)],
  ];
  // scale has its own sizes; --limit does not apply to it.
  if (!quick) parts.push(["bench:scale", () => scale(withoutLimit)]);
  let failed = 0;
  for (const [name, run] of parts) {
    process.stderr.write(`\n===== ${name} =====\n`);
    const t = performance.now();
    try {
      const code = await run();
      if (code !== 0) failed++;
      process.stderr.write(`===== ${name}: exit ${code} in ${((performance.now() - t) / 1000).toFixed(0)} s =====\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`===== ${name} FAILED: ${e instanceof Error ? e.message : String(e)} =====\n`);
    }
  }
  if (argv.includes("--stop")) await stopBenchNeo4j();
  return failed === 0 ? 0 : 1;
}

runMain(import.meta.url, main);
