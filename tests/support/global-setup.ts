/**
 * Finds a real Neo4j for the database tiers, in this order:
 *   1. NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) when set;
 *   2. a Neo4j container via testcontainers when a Docker engine answers;
 *   3. the Docker-free local server (Maven-resolved), instance "test" on port 7688 (KG_TEST_BOLT_PORT),
 *      so a developer's `npm start` database on 7687 is never touched.
 * The schema is applied before any test runs.
 *
 * It also finds CoreNLP, the NER backbone, for the tests that need it (`inject("corenlpUrl")`):
 * CORENLP_URL when set; none with KG_NLP=none (those tests are skipped); else the local server,
 * instance "test" on port 9010 (KG_TEST_CORENLP_PORT), started alongside Neo4j and left running.
 *
 * And a real Redis (`inject("redisUrl")`), for the queue and the subscription events: KG_TEST_REDIS_URL
 * when set, else Debian's redis-server as the local instance "test" on port 6390 (KG_TEST_REDIS_PORT),
 * left running like the others (`KG_REDIS_INSTANCE=test KG_REDIS_PORT=6390 npx kg redis stop`).
 */
import net from "node:net";
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { Db } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { startLocalNeo4j } from "../../src/db/local-neo4j.ts";
import { startLocalCoreNlp } from "../../src/nlp/local-corenlp.ts";
import { startLocalRedis } from "../../src/redis/local-redis.ts";
import type { Neo4jConfig } from "../../src/config.ts";
import { envValue, explicitNeo4jConfig, explicitNlpConfig, localCoreNlpOptions, testCoreNlpPort, testRedisPort } from "../../src/config.ts";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: Neo4jConfig;
    /** The CoreNLP server for tests; undefined with KG_NLP=none. */
    corenlpUrl: string | undefined;
    /** A Redis 7 for tests (redis://…). */
    redisUrl: string;
  }
}

/** CORENLP_URL, none (KG_NLP=none), or the local test server, started if needed. */
async function testCoreNlp(): Promise<string | undefined> {
  const explicit = explicitNlpConfig();
  if (explicit) return explicit.mode === "corenlp" ? explicit.url : undefined;
  const s = await startLocalCoreNlp({ ...localCoreNlpOptions(), instance: "test", port: testCoreNlpPort(), log: (l) => console.error(l) });
  // Left running like the test Neo4j; `KG_CORENLP_INSTANCE=test KG_CORENLP_PORT=9010 npx kg nlp stop` stops it.
  return s.url;
}

async function testRedis(): Promise<string> {
  const explicit = envValue(process.env, "KG_TEST_REDIS_URL");
  if (explicit) return explicit;
  return (await startLocalRedis({ instance: "test", port: testRedisPort(), log: (l) => console.error(l) })).url;
}

function dockerAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const target = host?.startsWith("tcp://")
    ? { host: new URL(host).hostname, port: Number(new URL(host).port) }
    : { path: host?.replace(/^unix:\/\//, "") ?? "/var/run/docker.sock" };
  if ("path" in target && (!target.path || !fs.existsSync(target.path))) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = net.connect(target as net.NetConnectOpts);
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1_000, () => done(false));
    s.once("connect", () => {
      // A socket file can exist with no daemon behind it: ask for /_ping.
      s.write("GET /_ping HTTP/1.0\r\n\r\n");
      s.once("data", (d) => done(d.toString().includes("200")));
    });
    s.once("error", () => done(false));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The two JVMs start side by side; a failure of either fails the run.
  const corenlp = testCoreNlp();
  corenlp.catch(() => {});
  let cfg: Neo4jConfig;
  let teardown = async () => {};
  const explicit = explicitNeo4jConfig();
  if (explicit) cfg = explicit;
  else if (await dockerAnswers()) {
    const { Neo4jContainer } = await import("@testcontainers/neo4j");
    const container = await new Neo4jContainer("neo4j:5.26-community").withPassword("test-password").start();
    cfg = { uri: container.getBoltUri(), user: "neo4j", password: container.getPassword(), database: "neo4j", local: false };
    teardown = async () => {
      await container.stop();
    };
  } else {
    const c = await startLocalNeo4j({
      instance: "test",
      boltPort: Number(process.env.KG_TEST_BOLT_PORT ?? 7688),
      heap: "768m",
      pageCache: "256m",
      log: (l) => console.error(l),
    });
    cfg = { ...c, database: "neo4j", local: true };
    // The local test server is left running: the next `npm test` starts in seconds. `kg neo4j stop` with KG_NEO4J_INSTANCE=test stops it.
  }
  const db = new Db(cfg);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  project.provide("neo4j", cfg);
  project.provide("corenlpUrl", await corenlp);
  project.provide("redisUrl", await testRedis());
  return teardown;
}
