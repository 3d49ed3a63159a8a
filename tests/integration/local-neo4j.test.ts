import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject, describe, expect, it, afterAll } from "vitest";
import { Db } from "../../src/db/client.ts";
import { localNeo4jStatus, NEO4J_VERSION, startLocalNeo4j, stopLocalNeo4j, type LocalNeo4jOptions } from "../../src/db/local-neo4j.ts";
import { testDb } from "../support/db.ts";
import { freePort } from "../support/ports.ts";

describe("the Neo4j the tests run against", () => {
  const db = testDb();
  afterAll(() => db.close());

  it("is a real server that answers Cypher", async () => {
    const [row] = await db.read("dbmsComponents");
    expect(row?.edition).toBeTruthy();
    expect(row?.version).toMatch(/^5\./);
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
    await expect(startLocalNeo4j({ instance: "test", boltPort: port + 1000 })).rejects.toThrow(
      new RegExp(`runs \\(pid \\d+\\) on port ${port}, not on the requested ${port + 1000}`),
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe("a new local instance whose initial password starts with '-'", () => {
  // Before the fix, neo4j-admin read "-h…" as an option, printed its usage, exited 0 and set no
  // password; the credentials were written anyway and the start then failed after 180 s.
  const instances: LocalNeo4jOptions[] = [];
  const home = (o: LocalNeo4jOptions) => localNeo4jStatus(o).home;
  afterAll(async () => {
    for (const o of instances) {
      await stopLocalNeo4j(o);
      fs.rmSync(home(o), { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(inject("neo4j").local)(
    "gets that password, and Bolt accepts it",
    async () => {
      const o: LocalNeo4jOptions = {
        instance: `t-dash-${randomBytes(4).toString("hex")}`,
        boltPort: await freePort(),
        heap: "256m",
        pageCache: "32m",
        initialPassword: `-h${randomBytes(12).toString("hex")}`,
      };
      instances.push(o);
      const creds = await startLocalNeo4j(o);
      expect(creds.password).toBe(o.initialPassword);
      const db = new Db({ ...creds, database: "neo4j", local: true });
      try {
        expect(await db.read("ping")).toEqual([{ ok: 1 }]);
      } finally {
        await db.close();
      }
    },
    240_000,
  );

  it.runIf(inject("neo4j").local)(
    "is refused before any start, and recorded nowhere, when neo4j-admin does not take it",
    async () => {
      const o: LocalNeo4jOptions = { instance: `t-dash-${randomBytes(4).toString("hex")}`, boltPort: await freePort(), initialPassword: "-short" };
      instances.push(o);
      await expect(startLocalNeo4j(o)).rejects.toThrow(/Setting the initial Neo4j password failed/);
      expect(fs.existsSync(path.join(home(o), "credentials.json"))).toBe(false);
      expect(localNeo4jStatus(o).running).toBe(false);
    },
    60_000,
  );
});
