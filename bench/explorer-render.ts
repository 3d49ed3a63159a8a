/**
 * bench:explorer — how long the explorer page (src/web/explorer.js) takes to draw a neighbourhood of
 * N nodes (default 500) in headless Chromium: Cytoscape add + filters + relation list + cose layout,
 * through the page's own draw(), until the frame is painted, on a synthetic graph (N entities of the four types, a hub and a
 * ring of chords: N + N/4 edges). No database: the page is served by the app, the graph is made in
 * the page.
 *
 *   npm run bench:explorer [-- --nodes 500] [--runs 5]
 */
import { pino } from "pino";
import { Db } from "../src/db/client.ts";
import { listen } from "../src/server/main.ts";
import { securityConfig } from "../src/security/config.ts";
import { chromiumPresent, CHROMIUM, launchChromium, guardedPage } from "../tests/support/browser.ts";
import { numberArg, parseBenchArgs } from "./lib/args.ts";
import { runMain } from "./lib/main.ts";
import { machineInfo, machineLine } from "./lib/machine.ts";
import { median } from "./lib/stats.ts";
import { writeResult } from "./lib/results.ts";

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, { values: ["nodes", "runs"] });
  const nodes = numberArg(args, "nodes", 500)!;
  const runs = numberArg(args, "runs", 5)!;
  if (!chromiumPresent) {
    process.stderr.write(`no Chromium at ${CHROMIUM}: apt-get install -y chromium\n`);
    return 1;
  }
  // The page needs no database; one that is never reached keeps the bench self-contained.
  const db = new Db({ uri: "bolt://127.0.0.1:9", user: "neo4j", password: "x", database: "neo4j", local: false });
  const server = await listen({
    db,
    log: pino({ level: "silent" }),
    host: "127.0.0.1",
    port: 0,
    security: securityConfig({}, "127.0.0.1"),
    ensureSchema: false,
  });
  const chromium = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const { page, blocked } = await guardedPage(chromium.browser);
      await page.goto(server.url.replace(/\/graphql$/, "/"), { waitUntil: "networkidle0" });
      const ms = await page.evaluate(async (n: number) => {
        const types = ["PERSON", "ORGANIZATION", "LOCATION", "GROUP"];
        const colours: Record<string, string> = { PERSON: "#d9480f", ORGANIZATION: "#1c7ed6", LOCATION: "#2b8a3e", GROUP: "#9c36b5" };
        const rels = ["LEADS", "CAPTURED", "SUPPORTED_BY"];
        const ns = Array.from({ length: n }, (_, i) => ({
          id: `e${i}`,
          label: `Entity ${i}`,
          type: types[i % 4],
          colour: colours[types[i % 4]!],
          articles: 1 + (i % 7),
          entity: true,
        }));
        const es = ns
          .slice(1)
          .map((x, i) => ({ id: `r${i}`, source: "e0", target: x.id, type: rels[i % 3], articles: 1 + (i % 5), firstSeen: "", lastSeen: "" }));
        for (let i = 0; i < n / 4; i++)
          es.push({
            id: `c${i}`,
            source: `e${1 + ((i * 7) % (n - 1))}`,
            target: `e${1 + ((i * 13 + 5) % (n - 1))}`,
            type: rels[i % 3]!,
            articles: 1,
            firstSeen: "",
            lastSeen: "",
          });
        const t0 = performance.now();
        (window as unknown as { kg: { draw(n: unknown[], e: unknown[], f: string): number } }).kg.draw(ns, es, "e0");
        // Until the frame is on screen: Cytoscape paints on the next animation frame.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      }, nodes);
      if (blocked.length > 0) throw new Error(`requests left the host: ${blocked.join(", ")}`);
      times.push(ms);
      process.stderr.write(`run ${run + 1}: ${nodes} nodes drawn in ${ms.toFixed(0)} ms\n`);
      if (run === 0) await page.screenshot({ path: "docs/explorer-500.png" });
      await page.close();
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  const result = {
    nodes,
    edges: nodes - 1 + Math.floor(nodes / 4),
    runs,
    medianMs: Math.round(median(times)),
    maxMs: Math.round(Math.max(...times)),
    times: times.map(Math.round),
    machine: await machineInfo(),
  };
  process.stdout.write(
    `explorer render, ${result.nodes} nodes / ${result.edges} edges: median ${result.medianMs} ms, max ${result.maxMs} ms over ${runs} runs (${machineLine(result.machine)})\n`,
  );
  process.stdout.write(`wrote ${writeResult("explorer-render", result)}\n`);
  return 0;
}

runMain(import.meta.url, main);
