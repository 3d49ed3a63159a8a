/**
 * bench:cpu — where each server spends its CPU per request under load: ours as users run it
 * (every plugin, access log at info), ours with the optional plugins off, and the Neo4j GraphQL
 * Library, on the same bench:peer question over the same database. Each server is warmed up, then
 * V8's CPU profiler runs in it for exactly one load window (bench/servers/cpu-profiler.ts); the
 * profile's self time is summed per component (bench/lib/cpu-profile.ts), scaled to the process's
 * measured CPU time in the window (process.cpuUsage) and divided by the requests served. Profiles are kept under bench/results/cpu-profiles/ (open them in Chrome
 * DevTools or speedscope).
 *
 *   npm run bench:cpu [-- --only c-captured-into] [--concurrency 8] [--duration 10] [--servers ours,ours-bare,peer]
 */
import fs from "node:fs";
import path from "node:path";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { summariseProfile, type CpuProfile, type ProfileSummary } from "./lib/cpu-profile.ts";
import { preparedBenchDatabase } from "./lib/ensure-corpus.ts";
import { machineLine } from "./lib/machine.ts";
import { runMain } from "./lib/main.ts";
import { checkedAnswer, load } from "./lib/measure.ts";
import { peerQuestions } from "./lib/peer-questions.ts";
import { resolvePeerParams, SERVER_VARIANTS, type ServerVariant } from "./lib/peer-servers.ts";
import { RESULTS_DIR, table, today, writeResult } from "./lib/results.ts";
import { startServer } from "./lib/server-proc.ts";

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { flags: [], values: ["only", "concurrency", "duration", "servers"] });
  const concurrency = numberArg(args, "concurrency", 8)!;
  const durationMs = numberArg(args, "duration", 10)! * 1000;
  const only = (args.values.get("only") ?? "c-captured-into").split(",");
  const variants = (args.values.get("servers") ?? "ours,ours-bare,peer").split(",") as ServerVariant[];
  for (const v of variants) if (!(v in SERVER_VARIANTS)) throw new Error(`--servers: "${v}" is not one of ${Object.keys(SERVER_VARIANTS).join(", ")}`);
  const log = (l: string) => process.stderr.write(l + "\n");

  const { b, counts, machine } = await preparedBenchDatabase({ allowWipe: false, log });
  log(`bench:cpu on ${machineLine(machine)}`);
  const profileDir = path.join(RESULTS_DIR, "cpu-profiles");
  fs.mkdirSync(profileDir, { recursive: true });
  const params = await resolvePeerParams(undefined, b.cfg);
  const results: { question: string; server: ServerVariant; rps: number; requests: number; profile: string; summary: ProfileSummary }[] = [];
  for (const variant of variants) {
    const spec = SERVER_VARIANTS[variant];
    const server = await startServer(spec.kind, b.cfg, { cache: "off", env: spec.env });
    try {
      for (const q of peerQuestions(params).filter((x) => only.includes(x.name))) {
        const doc = spec.kind === "ours" ? q.ours : q.peer;
        await checkedAnswer(server.url, doc);
        await load(server.url, doc, concurrency, 3_000, 0);
        const file = path.join(profileDir, `${today()}-${q.name}-${variant}.cpuprofile`);
        const { result: r, cpuUs } = await server.profiled(file, () => load(server.url, doc, concurrency, durationMs, 0));
        const summary = summariseProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, { requests: r.requests + r.errors, cpuUs });
        log(`${q.name} ${variant}: ${r.rps} req/s, ${summary.busyUsPerRequest} µs CPU/request (${r.errors} errors)`);
        results.push({ question: q.name, server: variant, rps: r.rps, requests: r.requests, profile: path.relative(process.cwd(), file), summary });
      }
    } finally {
      await server.stop();
    }
  }
  const file = writeResult("cpu", { benchmark: "cpu", machine, graph: counts, concurrency, durationMs, results });
  for (const question of only) {
    const rs = results.filter((r) => r.question === question);
    const components = [...new Set(rs.flatMap((r) => r.summary.components.map((c) => c.component)))];
    const us = (r: (typeof rs)[number], c: string) => r.summary.components.find((x) => x.component === c)?.usPerRequest ?? 0;
    components.sort((x, y) => Math.max(...rs.map((r) => us(r, y))) - Math.max(...rs.map((r) => us(r, x))));
    console.log(`\n${question}: CPU µs per request (self time), ${concurrency} clients, ${durationMs / 1000} s each`);
    console.log(
      table(
        ["component", ...rs.map((r) => r.server)],
        [
          ...components.map((c) => [c, ...rs.map((r) => Math.round(us(r, c)))]),
          ["total busy", ...rs.map((r) => Math.round(r.summary.busyUsPerRequest ?? 0))],
          ["req/s", ...rs.map((r) => r.rps)],
        ],
      ),
    );
  }
  console.log(`\nwritten ${file}`);
  return 0;
}

runMain(import.meta.url, main);
