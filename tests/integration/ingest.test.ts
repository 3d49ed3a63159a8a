import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extraction/index.ts";
import { readArticles } from "../../src/input/read-articles.ts";
import { ingest, type IngestFailure } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { seedRecords } from "../support/seeds.ts";

const db = testDb();
const created: string[] = [];

const rows = (query: string, params: Record<string, unknown> = {}) => rawRows(db, query, params);

/** What the graph holds for one article: mention count, relation count, quote count. */
async function footprint(id: string) {
  const [r] = await rows(
    `MATCH (a:Article {id: $id})
     RETURN COUNT { (a)-[:MENTIONS]->() } AS mentions,
            COUNT { ()-[r:LEADS|CAPTURED|SUPPORTED_BY]->() WHERE r.articleId = $id } AS relations,
            COUNT { ()-[:QUOTED_IN]->(a) } AS quotes, a.contentHash AS hash`,
    { id },
  );
  return r ? { mentions: Number(r.mentions), relations: Number(r.relations), quotes: Number(r.quotes), hash: r.hash as string } : undefined;
}

afterAll(async () => {
  await deleteArticles(db, created);
  await db.close();
});

describe("ingest", () => {
  const p = uniquePrefix("idem");
  beforeAll(() => {
    created.push(`${p}us-big-win-in-iraq`, `${p}liberation-of-mosul-editorial`);
  });

  it("stores new articles, then writes nothing when they are ingested again unchanged", async () => {
    const first = await ingest(db, seedRecords(p));
    expect(first).toMatchObject({ new: 2, updated: 0, unchanged: 0, failed: 0 });
    const before = await footprint(`${p}us-big-win-in-iraq`);
    expect(before!.mentions).toBeGreaterThan(5);
    expect(before!.relations).toBeGreaterThan(2);

    const again = await ingest(db, seedRecords(p));
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 2, failed: 0, relations: 0 });
    expect(await footprint(`${p}us-big-win-in-iraq`)).toEqual(before);
  });

  it("stores exactly what the extractor found: mentions, relations and quotes", async () => {
    const rec = seedRecords(p)[0]!;
    if (!rec.ok) throw new Error("unreachable");
    const ex = extractArticle(rec.article);
    const fp = await footprint(rec.article.id!);
    // One node per extracted entity of the article, one relationship per distinct (type, subject, object).
    const distinctRelations = new Set(
      ex.relations.filter((r) => r.type !== "QUOTED_IN" && r.subject !== r.object).map((r) => `${r.type}|${r.subject}|${r.object}`),
    );
    expect(distinctRelations.size).toBeGreaterThan(2);
    expect(fp!.mentions).toBe(ex.entities.length);
    expect(fp!.relations).toBe(distinctRelations.size);
    expect(fp!.quotes).toBe(ex.relations.filter((r) => r.type === "QUOTED_IN").length);
    // And the same relations, by the names of their ends.
    const stored = await rows(
      `MATCH (s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId = $id RETURN type(r) + "|" + s.name + "|" + o.name AS k`,
      { id: rec.article.id },
    );
    const nameOf = new Map(ex.entities.map((e) => [e.id, e.name]));
    expect(stored.map((r) => r.k).sort()).toEqual(
      [...distinctRelations]
        .map((k) => k.split("|"))
        .map(([t, a, b]) => `${t}|${nameOf.get(a!)}|${nameOf.get(b!)}`)
        .sort(),
    );
  });

  it("replaces a changed article's mentions and relations, and delete removes its whole contribution", async () => {
    const id = `${uniquePrefix("upd")}-a`;
    created.push(id);
    const v1 = "Abu Bakr al-Baghdadi, the leader of ISIS, spoke in Mosul. ISIS seized Ramadi in May.";
    const v2 = "Zzyzx Qorp was founded in Tikrit. Nothing else happened there.";
    await ingest(db, [{ ok: true, article: { id, text: v1 }, origin: { file: "t" } }]);
    const f1 = await footprint(id);
    expect(f1!.relations).toBeGreaterThanOrEqual(1);

    const s = await ingest(db, [{ ok: true, article: { id, text: v2 }, origin: { file: "t" } }]);
    expect(s.updated).toBe(1);
    const f2 = await footprint(id);
    expect(f2!.relations).toBe(0);
    const names = (await rows("MATCH (:Article {id: $id})-[:MENTIONS]->(e) RETURN e.name AS n", { id })).map((r) => r.n);
    expect(names).not.toContain("Abu Bakr al-Baghdadi");
    expect(names).toContain("Tikrit");

    // Entities only this article mentions (there must be some: the check cannot pass by not running).
    const onlyHere = (await rows("MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity) WHERE COUNT { (e)<-[:MENTIONS]-() } = 1 RETURN e.id AS id", { id })).map(
      (r) => r.id as string,
    );
    const shared = (await rows("MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity) WHERE COUNT { (e)<-[:MENTIONS]-() } > 1 RETURN e.id AS id", { id })).map(
      (r) => r.id as string,
    );
    expect(onlyHere.length).toBeGreaterThan(0);
    expect(await deleteArticles(db, [id])).toEqual([id]);
    expect(await footprint(id)).toBeUndefined();
    expect(await rows("MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id", { ids: onlyHere })).toEqual([]);
    expect((await rows("MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id", { ids: shared })).map((r) => r.id).sort()).toEqual([...shared].sort());
    expect(await deleteArticles(db, [id])).toEqual([]);
  });

  it("resolves the seed articles' entities across articles: one node each, mentioned by both", async () => {
    const ids = [`${p}us-big-win-in-iraq`, `${p}liberation-of-mosul-editorial`];
    for (const [alias, type] of [
      ["Haider al-Abadi", "PERSON"],
      ["Mosul", "LOCATION"],
      ["ISIS", "ORGANIZATION"],
      ["Donald Trump", "PERSON"],
    ] as const) {
      const found = await rows(
        `MATCH (al:Alias {key: $key})-[:ALIAS_OF]->(e:Entity)<-[:MENTIONS]-(a:Article) WHERE a.id IN $ids
         RETURN e.id AS id, collect(DISTINCT a.id) AS articles`,
        { key: `${type}|${alias.toLowerCase().replace(/-/g, " ")}`, ids },
      );
      expect(found, alias).toHaveLength(1);
      expect((found[0]!.articles as string[]).sort(), alias).toEqual([...ids].sort());
    }
    // Every mention carries its spans (the evidence of where each article names it) ...
    const spans = await rows(
      `MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE a.id IN $ids AND e.name IN ['Haider al-Abadi', 'Mosul', 'Islamic State', 'Donald Trump']
       RETURN e.name AS name, a.id AS article, size(m.spans) AS n`,
      { ids },
    );
    expect(spans).toHaveLength(8);
    for (const s of spans) expect(Number(s.n), `${String(s.name)} in ${String(s.article)}`).toBeGreaterThanOrEqual(2);
    // ... and ISIS's relations are backed by sentences from both articles (Mosul in one, Iraq in the other).
    const [isis] = await rows(
      `MATCH (e:Entity {name: 'Islamic State'})-[r:LEADS|CAPTURED|SUPPORTED_BY]-() WHERE r.articleId IN $ids
       RETURN collect(DISTINCT r.articleId) AS articles`,
      { ids },
    );
    expect((isis!.articles as string[]).sort()).toEqual([...ids].sort());
  });

  it("two concurrent ingesters over overlapping articles create no duplicate entities, mentions or relations", async () => {
    const q = uniquePrefix("conc");
    const recs = [...seedRecords(q), ...seedRecords(`${q}b-`)];
    created.push(...recs.map((r) => (r.ok ? r.article.id! : "")));
    const [s1, s2] = await Promise.all([ingest(db, recs.slice(0, 3), { batchSize: 1 }), ingest(db, recs.slice(1), { batchSize: 1 })]);
    expect(s1.failed + s2.failed).toBe(0);
    const ids = recs.map((r) => (r.ok ? r.article.id! : ""));
    const dupRels = await rows(
      `MATCH (s)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o) WHERE r.articleId IN $ids
       WITH s, o, type(r) AS t, r.articleId AS a, count(*) AS n WHERE n > 1 RETURN count(*) AS dups`,
      { ids },
    );
    expect(Number(dupRels[0]!.dups)).toBe(0);
    const dupMentions = await rows(`MATCH (a:Article)-[m:MENTIONS]->(e) WHERE a.id IN $ids WITH a, e, count(m) AS n WHERE n > 1 RETURN count(*) AS dups`, {
      ids,
    });
    expect(Number(dupMentions[0]!.dups)).toBe(0);
    const dupNames = await rows(
      `MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.id IN $ids
       WITH e.type AS t, toLower(e.name) AS n, collect(DISTINCT e.id) AS idsFor WHERE size(idsFor) > 1 RETURN n, idsFor`,
      { ids },
    );
    expect(dupNames).toEqual([]);
    for (const id of ids) expect((await footprint(id))!.mentions).toBeGreaterThan(5);
  });

  it("reports a malformed NDJSON line and a CSV record with broken quoting with file and line, and stores the good records", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-bad-"));
    const q = uniquePrefix("bad");
    const good = (n: number) => JSON.stringify({ id: `${q}-nd${n}`, text: `ISIS seized Palmyra in May ${2014 + n}.` });
    fs.writeFileSync(path.join(dir, "a.ndjson"), [good(1), "{not json", good(2), JSON.stringify({ id: "x", title: 3 })].join("\n"));
    fs.writeFileSync(
      path.join(dir, "b.csv"),
      `id,title,text\n${q}-c1,One,"Kurdish forces retook Kobani."\n${q}-c2,Two,"an unterminated quote\n${q}-c3,Three,"Iraqi forces recaptured Tikrit, backed by U.S. air strikes."\n`,
    );
    created.push(`${q}-nd1`, `${q}-nd2`, `${q}-c1`, `${q}-c3`);
    const failures: IngestFailure[] = [];
    const s = await ingest(db, readArticles([dir]), { onFailure: (f) => failures.push(f) });
    expect(failures.map((f) => `${path.basename(f.origin.file)}:${f.origin.line}`).sort()).toEqual(["a.ndjson:2", "a.ndjson:4", "b.csv:3"]);
    expect(failures.find((f) => f.origin.line === 4)!.message).toMatch(/"title" must be a string/);
    expect(s.new).toBe(4);
    for (const id of [`${q}-nd1`, `${q}-nd2`, `${q}-c1`, `${q}-c3`]) expect(await footprint(id), id).toBeDefined();
    expect(await footprint(`${q}-c2`)).toBeUndefined();
  });
});

describe("ingest: metadata changes", () => {
  it("treats a new title or publication date with the same text as an update", async () => {
    const id = `${uniquePrefix("meta")}-a`;
    created.push(id);
    const text = "Kurdish forces retook Kobani in January.";
    await ingest(db, [{ ok: true, article: { id, text }, origin: { file: "t" } }]);
    const s = await ingest(db, [{ ok: true, article: { id, text, publishedAt: "2015-01-27T00:00:00.000Z" }, origin: { file: "t" } }]);
    expect(s.updated).toBe(1);
    const [r] = await rows("MATCH (a:Article {id: $id}) RETURN a.publishedAt AS p", { id });
    expect(r!.p).toBe("2015-01-27T00:00:00.000Z");
  });
});
