/**
 * Concurrent ingests of one article id (issue 11, item 11): eight writers at once used to be told
 * NEW, all of them, because the status came from a hash check made before the write. It is now
 * decided under the article's lock: one NEW, the others UNCHANGED (same text) or UPDATED.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import type { ArticleRecord } from "../../src/input/read-articles.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";

const db = testDb();
const created: string[] = [];
afterAll(async () => {
  await deleteArticles(db, created);
  await db.close();
});

/** Ingest one record with a Db of its own (as eight servers or `kg ingest` runs would), returning the status reported. */
async function ingestOne(rec: ArticleRecord): Promise<string> {
  const own = testDb();
  try {
    let status = "none";
    await ingest(own, [rec], { onArticle: (_id, s) => (status = s) });
    return status;
  } finally {
    await own.close();
  }
}

const record = (id: string, text: string): ArticleRecord => ({ ok: true, article: { id, text }, origin: { file: "t" } });

describe("eight concurrent ingests of one article id", () => {
  it("same text: one is told new, seven unchanged; the article is stored once", async () => {
    const id = `${uniquePrefix("conc")}-same`;
    created.push(id);
    const text = "Iraqi forces retook Mosul from ISIS in July, Prime Minister Haider al-Abadi said.";
    const statuses = await Promise.all(Array.from({ length: 8 }, () => ingestOne(record(id, text))));
    expect(statuses.sort()).toEqual(["new", ...Array<string>(7).fill("unchanged")]);
    const [row] = await rawRows(db, "MATCH (a:Article {id: $id}) RETURN count(a) AS n, COUNT { (a)-[:MENTIONS]->() } AS mentions", { id });
    expect(Number(row!.n)).toBe(1);
    expect(Number(row!.mentions)).toBeGreaterThan(0);
  });

  it("different texts: one is told new, the others updated", async () => {
    const id = `${uniquePrefix("conc")}-diff`;
    created.push(id);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ingestOne(record(id, `Iraqi forces retook Mosul from ISIS in July, officials said (version ${i}).`))),
    );
    expect(statuses.filter((s) => s === "new")).toHaveLength(1);
    expect(statuses.every((s) => s === "new" || s === "updated")).toBe(true);
  });
});
