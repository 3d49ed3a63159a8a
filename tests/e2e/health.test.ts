import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { Db } from "../../src/db/client.ts";
import { testApp } from "../support/app.ts";
import { rawRows, testDb } from "../support/db.ts";

const log = pino({ level: "silent" });

describe("liveness and readiness", () => {
  const db = testDb();
  const app = testApp({ db, log });
  // A Db pointed at a port where nothing listens: what the service sees when Neo4j is down.
  const deadDb = new Db({ uri: "bolt://127.0.0.1:9", user: "neo4j", password: "x", database: "neo4j", local: false });
  const deadApp = testApp({ db: deadDb, log });
  afterAll(async () => {
    await db.close();
    await deadDb.close();
  });

  it("GET /health is 200 whatever the database does", async () => {
    expect((await app.fetch("http://yoga/health")).status).toBe(200);
    expect((await deadApp.fetch("http://yoga/health")).status).toBe(200);
  });

  it("GET /ready is 200 while Neo4j answers and 503 when it does not, quickly", async () => {
    expect((await app.fetch("http://yoga/ready")).status).toBe(200);
    const t0 = Date.now();
    expect((await deadApp.fetch("http://yoga/ready")).status).toBe(503);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("answers stats from Neo4j, and DATABASE_UNAVAILABLE fast when Neo4j is down", async () => {
    const q = JSON.stringify({ query: "{ stats { articles entities relations } }" });
    const ok = await app.fetch("http://yoga/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: q });
    const body = (await ok.json()) as { data: { stats: { articles: number; entities: number; relations: number } } };
    // The same counts as the graph's own (this file runs alone against the test database).
    const [raw] = await rawRows(
      db,
      "RETURN COUNT { (:Article) } AS articles, COUNT { (:Entity) } AS entities, COUNT { ()-[:LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN]->() } AS relations",
    );
    expect(body.data.stats).toEqual({ articles: Number(raw!.articles), entities: Number(raw!.entities), relations: Number(raw!.relations) });

    const t0 = Date.now();
    const bad = await deadApp.fetch("http://yoga/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: q });
    const err = (await bad.json()) as { errors: { extensions: { code: string } }[] };
    expect(err.errors[0]!.extensions.code).toBe("DATABASE_UNAVAILABLE");
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("serves GraphiQL on GET /graphql for a browser", async () => {
    const res = await app.fetch("http://yoga/graphql", { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("graphiql");
  });
});
