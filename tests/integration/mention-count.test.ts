import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.ts";
import { int } from "../../src/db/values.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import type { ArticleRecord } from "../../src/input/read-articles.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";

// e.mentionCount (what `entities` without a search sorts on, by index) must equal the number of
// articles mentioning the entity after every write: ingest, update, delete, concurrent ingesters.

const db = testDb();
const created: string[] = [];

const rows = (query: string, params: Record<string, unknown> = {}) => rawRows(db, query, params);

/** A person name no other run shares, made of syllables so the extractor takes it for a name. */
function uniqueName(first: string): string {
  const syl = ["ka", "lo", "mi", "ru", "te", "vo", "na", "si", "de", "ba", "go", "pu", "ze", "ri", "fa", "no"];
  const word = [...randomBytes(3)].flatMap((b) => [syl[b >> 4]!, syl[b & 15]!]).join("");
  return `${first} ${word[0]!.toUpperCase()}${word.slice(1)}`;
}

function record(id: string, text: string): ArticleRecord {
  created.push(id);
  return { ok: true, article: { id, text }, origin: { file: "t" } };
}

/** mentionCount and the real number of mentioning articles, for the entities named so (absent when deleted). */
async function counts(names: string[]): Promise<Record<string, { stored: number | null; actual: number }>> {
  const found = await rows(
    `MATCH (e:Entity) WHERE e.name IN $names
     RETURN e.name AS name, e.mentionCount AS stored, COUNT { (e)<-[:MENTIONS]-() } AS actual`,
    { names },
  );
  return Object.fromEntries(found.map((r) => [r.name as string, { stored: r.stored === null ? null : Number(r.stored), actual: Number(r.actual) }]));
}

/** Entities mentioned by these articles whose mentionCount is not their number of mentioning articles. */
async function wrongCounts(articleIds: string[]) {
  return rows(
    `MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.id IN $ids
     WITH DISTINCT e
     WITH e, COUNT { (e)<-[:MENTIONS]-() } AS actual WHERE e.mentionCount IS NULL OR e.mentionCount <> actual
     RETURN e.id AS id, e.mentionCount AS stored, actual`,
    { ids: articleIds },
  );
}

afterAll(async () => {
  await deleteArticles(db, created);
  await db.close();
});

describe("Entity.mentionCount", () => {
  const p = uniquePrefix("mc");
  const kemal = uniqueName("Zorvath");
  const ildar = uniqueName("Bexil");
  const a = `${p}-a`;
  const b = `${p}-b`;

  it("counts the mentioning articles after ingest", async () => {
    const s = await ingest(db, [
      record(a, `${kemal}, the leader of the movement, spoke in Tikrit. ${ildar}, a spokesman for the group, said nothing.`),
      record(b, `${kemal}, the leader of the movement, arrived in Palmyra in May. ${ildar}, a spokesman for the group, stayed in Tikrit.`),
    ]);
    expect(s).toMatchObject({ new: 2, failed: 0 });
    expect(await counts([kemal, ildar])).toEqual({ [kemal]: { stored: 2, actual: 2 }, [ildar]: { stored: 2, actual: 2 } });
    expect(await wrongCounts([a, b])).toEqual([]);
  });

  it("lowers the count when an update drops a mention, and keeps shared entities right", async () => {
    const s = await ingest(db, [record(a, `Kurdish forces retook Kobani. ${kemal}, the leader of the movement, spoke in Tikrit.`)]);
    expect(s.updated).toBe(1);
    expect(await counts([kemal, ildar])).toEqual({ [kemal]: { stored: 2, actual: 2 }, [ildar]: { stored: 1, actual: 1 } });
    expect(await wrongCounts([a, b])).toEqual([]);
  });

  it("lowers the count on delete, and deletes entities no article mentions any more", async () => {
    const before = (await rows("MATCH (:Article {id: $b})-[:MENTIONS]->(e:Entity) RETURN collect(e.id) AS ids", { b }))[0]!.ids as string[];
    expect(await deleteArticles(db, [b])).toEqual([b]);
    expect(await counts([kemal, ildar])).toEqual({ [kemal]: { stored: 1, actual: 1 } });
    // Every entity b mentioned that still exists carries its new count.
    const left = await rows(
      `MATCH (e:Entity) WHERE e.id IN $ids AND (e.mentionCount IS NULL OR e.mentionCount <> COUNT { (e)<-[:MENTIONS]-() }) RETURN e.id AS id`,
      { ids: before },
    );
    expect(left).toEqual([]);
  });

  it("stays right when two ingesters write overlapping articles at once", async () => {
    const q = uniquePrefix("mcc");
    const who = uniqueName("Qarvel");
    const recs = Array.from({ length: 8 }, (_, i) =>
      record(`${q}-${i}`, `${who}, a spokesman for the group, spoke in Tikrit on day ${i + 1}. Kurdish forces retook Kobani.`),
    );
    const [s1, s2] = await Promise.all([ingest(db, recs.slice(0, 6), { batchSize: 1 }), ingest(db, recs.slice(2), { batchSize: 1 })]);
    expect(s1.failed + s2.failed).toBe(0);
    expect(await counts([who])).toEqual({ [who]: { stored: 8, actual: 8 } });
    expect(await wrongCounts(recs.map((r) => (r.ok ? r.article.id! : "")))).toEqual([]);
  });

  it("is backfilled by migrate for entities stored before it existed", async () => {
    await rows("MATCH (e:Entity) WHERE e.name IN $names REMOVE e.mentionCount", { names: [kemal] });
    expect((await counts([kemal]))[kemal]!.stored).toBeNull();
    await migrate(db);
    expect(await counts([kemal])).toEqual({ [kemal]: { stored: 1, actual: 1 } });
  });
});

describe("entitiesList", () => {
  /** The page as the old statement computed it: count every entity's mentions, sort. */
  async function reference(type: string | null, offset: number, limit: number) {
    const [r] = await rows(
      `MATCH (e:Entity) WHERE $type IS NULL OR e.type = $type
       WITH e, COUNT { (e)<-[:MENTIONS]-() } AS n ORDER BY n DESC, e.id
       WITH collect(e.id) AS found
       RETURN size(found) AS total, found[$offset..$offset + $limit] AS items`,
      { type, offset, limit },
    );
    return { total: Number(r!.total), items: r!.items as string[] };
  }

  it("pages entities by mentionCount, most mentioned first, for every type and offset", async () => {
    for (const type of [null, "PERSON", "ORGANIZATION", "LOCATION", "GROUP"]) {
      const { total } = await reference(type, 0, 0);
      for (const offset of [0, 7, Math.max(0, total - 5), total + 3]) {
        const [got] = await db.read("entitiesList", { type, offset: int(offset), limit: int(20) });
        const want = await reference(type, offset, 20);
        const ids = (got!.items as { id: string }[]).map((e) => e.id);
        expect({ total: Number(got!.total), items: ids }, `${type} @${offset}`).toEqual(want);
      }
    }
  });

  it("lists the most mentioned entity first, with its count as articleCount", async () => {
    const [page] = await db.read("entitiesList", { type: null, offset: int(0), limit: int(5) });
    const items = page!.items as { id: string; articleCount: number }[];
    // The headers the list returns carry the same count entitiesByIds reports.
    const byId = await db.read("entitiesByIds", { ids: items.map((e) => e.id) });
    for (const e of items) expect(e.articleCount).toBe(Number(byId.find((r) => r.id === e.id)!.articleCount));
    const n = items.map((e) => e.articleCount);
    expect(n).toEqual([...n].sort((x, y) => y - x));
    const [top] = await rows("MATCH (e:Entity) RETURN max(COUNT { (e)<-[:MENTIONS]-() }) AS m");
    expect(n[0]).toBe(Number(top!.m));
  });
});
