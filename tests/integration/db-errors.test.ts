/**
 * Against a real Neo4j: managed transactions retry transient errors (deadlocks) and then report
 * DATABASE_BUSY; the server's constraint violation is translated into a typed error.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { Neo4jError } from "neo4j-driver";
import { Db, translateDbError } from "../../src/db/client.ts";
import { ConstraintViolation } from "../../src/errors.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";

const db = testDb();
const quick = new Db(inject("neo4j"), { maxRetryMs: 400 });
afterAll(async () => {
  await quick.close();
  await db.close();
});

const deadlock = () => new Neo4jError("ForsetiClient can't acquire ExclusiveLock", "Neo.TransientError.Transaction.DeadlockDetected", "50N42", "deadlock");

describe("driver errors through the Db", () => {
  it("a deadlock is retried by the managed transaction, and the retry commits", async () => {
    let attempts = 0;
    const out = await db.writeTx(async (tx) => {
      attempts++;
      await tx.run("ping");
      if (attempts === 1) throw deadlock();
      return "committed";
    });
    expect(out).toBe("committed");
    expect(attempts).toBe(2);
  });

  it("a deadlock that outlasts the retries is DATABASE_BUSY, not DATABASE_UNAVAILABLE", async () => {
    let attempts = 0;
    const t0 = Date.now();
    const err = await quick
      .readTx(() => {
        attempts++;
        return Promise.reject(deadlock());
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DATABASE_BUSY" });
    expect(attempts).toBeGreaterThan(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("Neo4j's own constraint violation becomes a ConstraintViolation", async () => {
    const id = uniquePrefix("dup");
    await rawRows(db, "CREATE (:Article {id: $id})", { id });
    try {
      const raw = await rawRows(db, "CREATE (:Article {id: $id})", { id }).catch((e: unknown) => e);
      expect(raw).toMatchObject({ code: "Neo.ClientError.Schema.ConstraintValidationFailed" });
      expect(translateDbError(raw)).toBeInstanceOf(ConstraintViolation);
    } finally {
      await rawRows(db, "MATCH (a:Article {id: $id}) DELETE a", { id });
    }
  });
});
