import { inject, describe, expect, it, afterAll } from "vitest";
import { localNeo4jStatus, NEO4J_VERSION } from "../../src/db/local-neo4j.ts";
import { testDb } from "../support/db.ts";

describe("the Neo4j the tests run against", () => {
  const db = testDb();
  afterAll(() => db.close());

  it("is a real server that answers Cypher", async () => {
    const [row] = await db.read("dbmsComponents");
    expect(row?.edition).toBeTruthy();
    expect(String(row?.version)).toMatch(/^5\./);
  });

  it.runIf(inject("neo4j").local)("is the Docker-free local server, running under the PID we recorded", () => {
    const s = localNeo4jStatus({ instance: "test", boltPort: Number(new URL(inject("neo4j").uri).port) });
    expect(s.running).toBe(true);
    expect(s.pid).toBeGreaterThan(0);
    expect(NEO4J_VERSION).toMatch(/^5\.26\./);
  });

  it("has the constraints and indexes of cypher/schema.cypher", async () => {
    const names = (await db.read("schemaIndexNames")).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["article_id", "entity_id", "alias_key", "entity_names"]));
  });
});

describe("asking a running local instance for another port", () => {
  it.runIf(inject("neo4j").local)("fails at once with a message naming both ports, instead of waiting for Bolt", async () => {
    const { startLocalNeo4j } = await import("../../src/db/local-neo4j.ts");
    const port = Number(new URL(inject("neo4j").uri).port);
    const t0 = Date.now();
    await expect(startLocalNeo4j({ instance: "test", boltPort: port + 1000 })).rejects.toThrow(new RegExp(`runs \\(pid \\d+\\) on port ${port}, not on the requested ${port + 1000}`));
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
