import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";
import type { Db } from "./client.ts";
import { translateDbError } from "./client.ts";
import { CYPHER_DIR, cypher, splitStatements } from "./cypher.ts";

/**
 * Apply `cypher/schema.cypher`: constraints and indexes, each `IF NOT EXISTS`, so running it
 * on every start is safe. Schema statements cannot share a transaction with data writes, so
 * each runs in its own auto-commit transaction (the one place we do not use managed ones).
 * Then the data backfills, also idempotent and cheap once done: `backfillMentionCounts` gives
 * entities of graphs ingested before `mentionCount` existed theirs (batched `CALL … IN
 * TRANSACTIONS`, which needs an auto-commit transaction too).
 */
export async function migrate(db: Db): Promise<void> {
  const statements = splitStatements(fs.readFileSync(path.join(CYPHER_DIR, "schema.cypher"), "utf8"));
  const session = db.driver.session({ database: db.database });
  let step = "cypher/schema.cypher";
  try {
    for (const s of statements) await session.run(s);
    step = "cypher/backfillMentionCounts.cypher";
    await session.run(cypher("backfillMentionCounts"));
  } catch (e) {
    const t = translateDbError(e);
    if (t instanceof AppError) throw t;
    throw new AppError("DATABASE_UNAVAILABLE", `Applying ${step} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    await session.close();
  }
}
