/** Child process: our GraphQL app (`listen()` from src/server/main.ts) on 127.0.0.1, free port; counts Cypher statements via `db.observe`. */
import { pino } from "pino";
import type { Neo4jConfig } from "../../src/config.ts";
import { Db } from "../../src/db/client.ts";
import { BACKGROUND_STATEMENTS } from "../../src/db/cypher.ts";
import { listen } from "../../src/server/main.ts";

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
  const log = pino({ level: process.env.LOG_LEVEL ?? "error" }, pino.destination({ fd: 2, sync: false }));
  const server = await listen({ db, log, host: "127.0.0.1", port: 0, graphiql: false });
  process.on("message", (m: { type: string }) => {
    if (m.type === "stats") send({ type: "stats", statements, byName: { ...byName } });
    else if (m.type === "stop") void server.close().finally(() => process.exit(0));
  });
  process.on("disconnect", () => void server.close().finally(() => process.exit(0)));
  send({ type: "ready", url: server.url });
} catch (e) {
  send({ type: "error", message: (e as Error).message });
  process.exit(1);
}
