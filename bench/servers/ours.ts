/**
 * Child process: our GraphQL app (`listen()` from src/server/main.ts) on 127.0.0.1, free port; counts Cypher statements via `db.observe`.
 * Logs as the service logs (src/log.ts) at LOG_LEVEL, to KG_BENCH_LOG (a file; default stderr).
 * KG_BENCH_OPTIONAL_PLUGINS=off leaves out the optional plugins (limits, API keys, metrics, access log):
 * bench:peer's second measurement of ours, to show what those features cost.
 */
import { pino } from "pino";
import type { Neo4jConfig } from "../../src/config.ts";
import { Db } from "../../src/db/client.ts";
import { createLogger } from "../../src/log.ts";
import { BACKGROUND_STATEMENTS } from "../../src/db/cypher.ts";
import { listen } from "../../src/server/main.ts";
import { handleProfileMessage } from "./cpu-profiler.ts";

const cfg = JSON.parse(process.env.KG_BENCH_NEO4J ?? "null") as Neo4jConfig | null;
if (!cfg || !process.send) {
  process.stderr.write("bench/servers/ours.ts is started by bench/lib/server-proc.ts\n");
  process.exit(2);
}
const send = (m: object) => process.send!(m);
let statements = 0;
const byName: Record<string, number> = {};
try {
  const db = new Db(cfg);
  db.observe((ev) => {
    // The response cache's and the event hub's polls run on timers, not per request.
    if (BACKGROUND_STATEMENTS.has(ev.name)) return;
    statements++;
    byName[ev.name] = (byName[ev.name] ?? 0) + 1;
  });
  const logFile = process.env.KG_BENCH_LOG;
  const log = createLogger(logFile ? pino.destination({ dest: logFile, sync: false }) : undefined);
  const optionalPlugins = process.env.KG_BENCH_OPTIONAL_PLUGINS !== "off";
  const server = await listen({ db, log, host: "127.0.0.1", port: 0, graphiql: false, optionalPlugins });
  process.on("message", (m: { type: string }) => {
    if (handleProfileMessage(m, send)) return;
    if (m.type === "stats") send({ type: "stats", statements, byName: { ...byName } });
    else if (m.type === "stop") void server.close().finally(() => process.exit(0));
  });
  process.on("disconnect", () => void server.close().finally(() => process.exit(0)));
  send({ type: "ready", url: server.url });
} catch (e) {
  send({ type: "error", message: (e as Error).message });
  process.exit(1);
}
