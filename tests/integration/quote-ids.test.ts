/**
 * Quote ids come from each quote's own span (issue 11, item 8): two quotes by one speaker in one
 * sentence used to share the id built from the sentence start, so node(id) found only one of them.
 * Graphs stored before keep working: migrate() rebuilds their ids.
 */
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { migrateQuoteIds } from "../../src/db/migrate.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { responseCacheConfig } from "../../src/server/response-cache.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";

const TEXT =
  'Iraqi forces retook the city on Monday. "We have won the battle for the old city," Defence Minister Khalid al-Obeidi told reporters, "and we will rebuild every street of it."';

describe("quote ids", () => {
  const db = testDb();
  const app = testApp({
    db,
    log: pino({ level: "silent" }),
    security: securityConfig({}, "127.0.0.1"),
    responseCache: responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }),
  });
  const id = `${uniquePrefix("quotes")}-two-in-one-sentence`;
  afterAll(async () => {
    await deleteArticles(db, [id]);
    await app.dispose();
    await db.close();
  });
  const stored = async () =>
    (await rawRows(
      db,
      "MATCH (:Article {id: $id})<-[q:QUOTED_IN]-(s:Entity) RETURN q.id AS id, q.quote AS quote, s.id AS speaker, q.start AS start ORDER BY q.quote",
      { id },
    )) as { id: string; quote: string; speaker: string; start: unknown }[];
  const byNode = async (quoteId: string) =>
    (await gql<{ node: { text: string } | null }>(app, "query($id: ID!) { node(id: $id) { ... on Quote { text } } }", { id: `Quote:${quoteId}` })).data!.node
      ?.text;

  it("two quotes of one speaker in one sentence: two ids, each its quote's span, each found by node(id)", async () => {
    const s = await ingest(db, [{ ok: true, article: { id, text: TEXT }, origin: { file: "t" } }]);
    expect(s.failed).toBe(0);
    const quotes = await stored();
    expect(quotes).toHaveLength(2);
    expect(new Set(quotes.map((q) => q.id)).size).toBe(2);
    for (const q of quotes) {
      const [, start, end] = /#(\d+)-(\d+)$/.exec(q.id)!;
      expect(TEXT.slice(Number(start), Number(end))).toBe(q.quote);
      expect(await byNode(q.id)).toBe(q.quote);
    }
  });

  it("migrate() rebuilds ids stored the old way (from the sentence start, shared by both)", async () => {
    const fresh = await stored();
    await rawRows(db, "MATCH (:Article {id: $id})<-[q:QUOTED_IN]-(s:Entity) SET q.id = $id + '#' + toString(q.start) + '-' + s.id", { id });
    const old = await stored();
    expect(new Set(old.map((q) => q.id)).size).toBe(1);
    expect(await migrateQuoteIds(db)).toBeGreaterThanOrEqual(2);
    expect(await stored()).toEqual(fresh);
    for (const q of fresh) expect(await byNode(q.id)).toBe(q.quote);
    // Idempotent: nothing of ours is left to change.
    await migrateQuoteIds(db);
    expect(await stored()).toEqual(fresh);
  });
});
