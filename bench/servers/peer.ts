/**
 * Child process: the Neo4j GraphQL Library (@neo4j/graphql 7) served by graphql-yoga on 127.0.0.1
 * (free port) over the same Neo4j database, with type definitions for our graph model
 * (bench/servers/peer-typedefs.graphql, read-only).
 *
 * Statement counting: the library is given a wrapped driver; every `run` on a transaction or
 * session it opens (the library runs each translated query with `tx.run` inside
 * `session.executeRead/executeWrite`), and every `driver.executeQuery`, counts as one statement.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j, { type Driver } from "neo4j-driver";
import type { Neo4jConfig } from "../../src/config.ts";
import { handleProfileMessage } from "./cpu-profiler.ts";

const cfg = JSON.parse(process.env.KG_BENCH_NEO4J ?? "null") as Neo4jConfig | null;
if (!cfg || !process.send) {
  process.stderr.write("bench/servers/peer.ts is started by bench/lib/server-proc.ts\n");
  process.exit(2);
}
const send = (m: object) => process.send!(m);
let statements = 0;

// Private: wrap `obj` so that calling `method` is counted; everything else goes to the real object.
function counting<T extends object>(obj: T, wrap: Record<string, (orig: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown>): T {
  return new Proxy(obj, {
    get(target, prop, _receiver) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== "function") return v;
      const bound = (v as (...a: unknown[]) => unknown).bind(target);
      const w = typeof prop === "string" ? wrap[prop] : undefined;
      return w ? w(bound) : bound;
    },
  });
}

function countingTx<T extends object>(tx: T): T {
  return counting(tx, {
    run:
      (orig) =>
      (...a) => {
        statements++;
        return orig(...a);
      },
  });
}

function countingDriver(driver: Driver): Driver {
  return counting(driver, {
    executeQuery:
      (orig) =>
      (...a) => {
        statements++;
        return orig(...a);
      },
    session:
      (orig) =>
      (...a) =>
        counting(orig(...a) as object, {
          run:
            (o) =>
            (...b) => {
              statements++;
              return o(...b);
            },
          executeRead:
            (o) =>
            (work, ...rest) =>
              o((tx: object) => (work as (t: object) => unknown)(countingTx(tx)), ...rest),
          executeWrite:
            (o) =>
            (work, ...rest) =>
              o((tx: object) => (work as (t: object) => unknown)(countingTx(tx)), ...rest),
          beginTransaction:
            (o) =>
            (...b) =>
              countingTx(o(...b) as object),
        }),
  });
}

try {
  const typeDefs = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "peer-typedefs.graphql"), "utf8");
  // Same pool size and timeouts as our Db (src/db/client.ts), so neither side is favoured by the driver.
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password), {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 3_000,
    connectionTimeout: 2_000,
    maxTransactionRetryTime: 2_000,
  });
  const neoSchema = new Neo4jGraphQL({ typeDefs, driver: countingDriver(driver) });
  const schema = await neoSchema.getSchema();
  const yoga = createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: false,
    logging: false,
    context: () => ({ sessionConfig: { database: cfg.database } }),
  });
  const server = http.createServer((req, res) => {
    void yoga(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await driver.close();
    process.exit(0);
  };
  process.on("message", (m: { type: string }) => {
    if (handleProfileMessage(m, send)) return;
    if (m.type === "stats") send({ type: "stats", statements });
    else if (m.type === "stop") void close();
  });
  process.on("disconnect", () => void close());
  send({ type: "ready", url: `http://127.0.0.1:${port}/graphql` });
} catch (e) {
  send({ type: "error", message: (e as Error).message });
  process.exit(1);
}
