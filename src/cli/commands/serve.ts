import { resolveBackbone } from "../../nlp/backbone.ts";
import { redisUrl, resolveNeo4jConfig, serverConfig } from "../../config.ts";
import { IngestQueue } from "../../queue/ingest-queue.ts";
import { queueSettings } from "../../queue/settings.ts";
import { Db } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { log } from "../../log.ts";
import { closeOnSignals, listen } from "../../server/main.ts";
import { securityConfig } from "../../security/config.ts";
import { responseCacheConfig } from "../../server/response-cache.ts";
import { parseCommandArgs } from "../args.ts";

const USAGE = `Usage: kg serve [--seed-if-empty]
Serves GraphQL (GraphiQL at /graphql), /health and /ready on HOST:PORT (default 127.0.0.1:4000).
With no NEO4J_URI the local Neo4j is started first. --seed-if-empty ingests data/samples when the database has no articles.`;

export async function runServe(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg serve", argv, { flags: ["seed-if-empty", "help"], positionals: false });
  if (args.flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const { host, port } = serverConfig();
  // Security and cache settings are checked before Neo4j is started, so a bad KG_* value fails at once.
  const security = securityConfig(process.env, host);
  const responseCache = responseCacheConfig();
  const neo = await resolveNeo4jConfig({ local: { log: (l) => log.info(l) } });
  const db = new Db(neo);
  const nlp = await resolveBackbone({ log: (l) => log.info(l) });
  try {
    await migrate(db);
    if (args.flags.has("seed-if-empty")) {
      const { seedIfEmpty } = await import("../../ingest/seed.ts");
      await seedIfEmpty(db, log, nlp);
    }
  } catch (err) {
    // Neo4j may be down at start-up: serve anyway (/ready says 503) and let the driver reconnect later.
    log.warn({ err }, "could not prepare the database at start-up; serving anyway, /ready will report 503 until Neo4j answers");
  }
  // With KG_REDIS_URL the API can enqueue ingests for `kg worker` processes (ingestArticles(enqueue: true)).
  const url = redisUrl();
  const queue = url ? IngestQueue.open(url, queueSettings(), log) : undefined;
  const running = await listen({ db, log, host, port, security, responseCache, nlp, ...(queue ? { queue } : {}) });
  closeOnSignals(running, log);
  log.info({ url: running.url, neo4j: neo.uri, database: neo.database }, "serving");
  process.stderr.write(`\nGraphiQL: ${running.url}\n\n`);
  // Keep the process alive until a signal closes the server.
  await new Promise<void>((resolve) => running.server.once("close", () => resolve()));
  await queue?.close();
  return 0;
}
