/**
 * Reads end in Neo4j, not only in the client: on the read timeout (the transaction's own timeout),
 * and when the request they serve is cancelled (the HTTP client went away).
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Db, terminateTagged } from "../../src/db/client.ts";
import { rawRows, testDb } from "../support/db.ts";

const db = testDb();
afterAll(() => db.close());

/** A read that never ends by itself: statement after statement until it is stopped. */
const endless = (d: Db) =>
  d.readTx(async (tx) => {
    for (;;) await tx.run("ping");
  });

const codeOf = (e: unknown) => (e as { code?: string }).code;

describe("ending reads", () => {
  it("a read on a request's view stops when the request is cancelled", async () => {
    const ctrl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctrl.abort(), 300);
    const err = await endless(db.forRequest(ctrl.signal)).catch((e: unknown) => e);
    expect(codeOf(err)).toBe("REQUEST_CANCELLED");
    expect(Date.now() - t0).toBeLessThan(2_000);
    // Cancelled before it began: no transaction at all.
    await expect(db.forRequest(ctrl.signal).read("ping")).rejects.toMatchObject({ code: "REQUEST_CANCELLED" });
  });

  it("the cancellation terminates a statement running in Neo4j", async () => {
    const tag = randomUUID();
    const session = db.driver.session({ database: db.database });
    const t0 = Date.now();
    try {
      const running = session
        .executeRead((tx) => tx.run("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x)"), { metadata: { kgTx: tag } })
        .then(
          () => "finished",
          (e: unknown) => codeOf(e),
        );
      // Wait until Neo4j runs it, then end it as a cancelled request would.
      while ((await rawRows(db, "SHOW TRANSACTIONS YIELD metaData WHERE metaData.kgTx = $tag RETURN 1", { tag })).length === 0)
        await new Promise((r) => setTimeout(r, 50));
      await terminateTagged(db.driver, db.database, tag);
      expect(await running).toBe("Neo.ClientError.Transaction.Terminated");
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await session.close();
    }
  });

  it("the read timeout ends a unit of work of many statements, in Neo4j", async () => {
    const short = new Db(inject("neo4j"), { readTimeoutMs: 1_000 });
    try {
      const t0 = Date.now();
      const err = await endless(short).catch((e: unknown) => e);
      expect(codeOf(err)).toBe("QUERY_TIMEOUT");
      expect(Date.now() - t0).toBeLessThan(6_000);
    } finally {
      await short.close();
    }
  });
});
