import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";
import type { Db } from "./client.ts";
import { translateDbError } from "./client.ts";
import { CYPHER_DIR, cypher, splitStatements } from "./cypher.ts";
import { int } from "./values.ts";
import { quoteIds } from "../graph/keys.ts";

/**
 * Apply `cypher/schema.cypher`: constraints and indexes, each `IF NOT EXISTS`, so running it
 * on every start is safe. Schema statements cannot share a transaction with data writes, so
 * each runs in its own auto-commit transaction (the one place we do not use managed ones).
 * Then the data backfills, also idempotent and cheap once done: `backfillMentionCounts` gives
 * entities of graphs ingested before `mentionCount` existed theirs (batched `CALL … IN
 * TRANSACTIONS`, which needs an auto-commit transaction too); `backfillEntityAliases` gives entities
 * seeded by `neo4j-admin database import` (which drops empty lists) their empty alias list; and quote ids built from the
 * sentence start, which two quotes of one sentence shared, are rebuilt from each quote's own span
 * (`migrateQuoteIds`, managed transactions, a batch of articles at a time).
 */
export async function migrate(db: Db): Promise<void> {
  const statements = splitStatements(fs.readFileSync(path.join(CYPHER_DIR, "schema.cypher"), "utf8"));
  const session = db.driver.session({ database: db.database });
  let step = "cypher/schema.cypher";
  try {
    for (const s of statements) await session.run(s);
    step = "cypher/backfillMentionCounts.cypher";
    await session.run(cypher("backfillMentionCounts"));
    step = "cypher/backfillEntityAliases.cypher";
    await session.run(cypher("backfillEntityAliases"));
    step = "cypher/quotesWithOldIds.cypher";
    await migrateQuoteIds(db);
  } catch (e) {
    const t = translateDbError(e);
    if (t instanceof AppError) throw t;
    throw new AppError("DATABASE_UNAVAILABLE", `Applying ${step} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    await session.close();
  }
}

/**
 * Rebuild quote ids of the old form ("<article>#<sentence start>-<speaker>") as ingestion now
 * builds them (`quoteIds`: the quote's own span), so `node(id)` tells apart two quotes of one
 * sentence. Idempotent: a graph with no old ids costs one indexed scan of the quotes. Returns how many changed.
 */
export async function migrateQuoteIds(db: Db, articlesPerBatch = 20): Promise<number> {
  let changed = 0;
  for (;;) {
    const batch = await db.read("quotesWithOldIds", { limit: int(articlesPerBatch) });
    if (batch.length === 0) return changed;
    const ids = batch.flatMap((a) => {
      const quotes = a.quotes as { ref: string; quote: string; start: number }[];
      const next = quoteIds(
        a.articleId as string,
        (a.text as string | null) ?? "",
        quotes.map((q) => ({ quote: q.quote ?? "", from: q.start ?? 0 })),
      );
      return quotes.map((q, i) => ({ ref: q.ref, id: next[i]! }));
    });
    const [row] = await db.write("setQuoteIds", { ids });
    const updated = Number(row?.updated ?? 0);
    if (updated === 0) return changed; // nothing left that this can change (never loop on it)
    changed += updated;
  }
}
