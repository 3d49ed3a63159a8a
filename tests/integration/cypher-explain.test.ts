import { afterAll, describe, expect, it } from "vitest";
import { cypher, cypherNames } from "../../src/db/cypher.ts";
import { testDb } from "../support/db.ts";

// Plans every statement in cypher/ against the real server, so a syntax error or a removed
// function fails here, before any query path reaches it.
describe("every statement in cypher/ plans on Neo4j", () => {
  const db = testDb();
  afterAll(() => db.close());
  for (const name of cypherNames().filter((n) => n !== "schema")) {
    it(name, async () => {
      const text = cypher(name);
      const params = Object.fromEntries([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m): [string, null] => [m[1]!, null]));
      const session = db.driver.session({ database: db.database });
      try {
        const res = await session.run(`EXPLAIN ${text}`, params);
        expect(res.summary.plan).toBeTruthy();
      } finally {
        await session.close();
      }
    });
  }
});
