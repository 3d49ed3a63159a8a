/** Helpers for the database tiers: a Db on the Neo4j the global setup found, and unique ids per test. */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { Db } from "../../src/db/client.ts";
import { BACKGROUND_STATEMENTS } from "../../src/db/cypher.ts";

export function testDb(): Db {
  return new Db(inject("neo4j"), { maxRetryMs: 5_000 });
}

/** A prefix no other test or run shares, for article ids. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString("hex")}`;
}

/**
 * Run a raw Cypher statement for a test's own assertions (tests inspect the graph directly; the
 * service's statements all live in cypher/).
 */
export async function rawRows(db: Db, query: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const session = db.driver.session({ database: db.database });
  try {
    return (await session.run(query, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

/**
 * The names of the statements `db` runs while `fn` runs (cypher/<name>.cypher), leaving out the
 * background polls (graph version, change log: BACKGROUND_STATEMENTS), which are not part of any request.
 */
export async function statementsDuring<T>(db: Db, fn: () => Promise<T>): Promise<{ result: T; names: string[] }> {
  const names: string[] = [];
  const off = db.observe((e) => {
    if (!BACKGROUND_STATEMENTS.has(e.name)) names.push(e.name);
  });
  try {
    return { result: await fn(), names };
  } finally {
    off();
  }
}
