/**
 * Curation against the real Neo4j (issue 17): decisions stored as rules survive new articles, a
 * deleted article and a re-ingest from scratch; splits, aliases and undo; duplicate suggestions
 * and rejections. Each test makes up its own names (word()), so rules of one never touch another.
 */
import { afterAll, describe, expect, it } from "vitest";
import { word } from "../../bench/lib/path-chain.ts";
import type { ArticleInput } from "../../src/extraction/types.ts";
import type { ArticleRecord } from "../../src/input/read-articles.ts";
import { createStore } from "../../src/store/index.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";

const db = testDb();
const store = createStore(db);
const actor = { by: "testkey1", tag: "curation-test" };
afterAll(() => db.close());

const records = (articles: ArticleInput[]): ArticleRecord[] => articles.map((article, line) => ({ ok: true, article, origin: { file: "test", line } }));
const ingest = (articles: ArticleInput[]) => store.ingestArticles(records(articles), {});

/** Everything the test's articles put in the graph, in a canonical order: entities, mentions, relations, quotes, alias index. */
async function snapshot(prefix: string) {
  const entities = await rawRows(
    db,
    `MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.id STARTS WITH $p
     WITH DISTINCT e
     RETURN e.id AS id, e.name AS name, e.type AS type, labels(e) AS labels, e.aliases AS aliases, e.mentionCount AS mentionCount,
            [(al:Alias)-[x:ALIAS_OF]->(e) | al.key + ':' + toString(x.strong)] AS aliasIndex
     ORDER BY id`,
    { p: prefix },
  );
  const mentions = await rawRows(
    db,
    `MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE a.id STARTS WITH $p
     RETURN a.id AS article, e.id AS entity, m.count AS count, m.spans AS spans, m.names AS names ORDER BY article, entity`,
    { p: prefix },
  );
  const relations = await rawRows(
    db,
    `MATCH (s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId STARTS WITH $p
     RETURN type(r) AS type, s.id AS subject, o.id AS object, r.articleId AS article, r.sentence AS sentence, r.confidence AS confidence
     ORDER BY article, type, subject, object`,
    { p: prefix },
  );
  const quotes = await rawRows(
    db,
    `MATCH (s:Entity)-[q:QUOTED_IN]->(a:Article) WHERE a.id STARTS WITH $p
     RETURN q.id AS id, s.id AS speaker, a.id AS article, q.quote AS quote, q.confidence AS confidence ORDER BY id`,
    { p: prefix },
  );
  const sorted = (v: unknown) => (Array.isArray(v) ? [...(v as unknown[])].map(String).sort() : v);
  return {
    entities: entities.map((e) => ({
      ...e,
      id: String(e.id),
      aliases: sorted(e.aliases),
      aliasIndex: sorted(e.aliasIndex),
      labels: sorted(e.labels),
      mentionCount: Number(e.mentionCount),
    })),
    mentions: mentions.map((m) => ({
      ...m,
      count: Number(m.count),
      spans: [...(m.spans as unknown[])].map(Number).sort((x, y) => x - y),
      names: sorted(m.names),
    })),
    relations,
    quotes,
  };
}

describe("curation survives re-ingest", () => {
  it("merge, new articles with the merged name, a deleted article, re-ingest from scratch: the same curated graph", async () => {
    const p = uniquePrefix("cur-reingest");
    const [w, v, u] = [word(p, 1), word(p, 2), word(p, 3)];
    const art = (i: number, text: string): ArticleInput => ({ id: `${p}-${i}`, title: `Story ${i}`, text });
    const first = [
      art(1, `The ${w} Alliance was backed by the ${v} Group. ${u} Tarn, the leader of the ${w} Alliance, said "we will not stop".`),
      art(2, `The ${w} Militia was backed by the ${v} Group, officials said.`),
      art(3, `Fighters of the ${w} Militia were supported by the ${v} Group near the river.`),
    ];
    await ingest(first);
    const alliance = `organization:${w.toLowerCase()}-alliance`;
    const militia = `organization:${w.toLowerCase()}-militia`;
    expect((await store.entitiesByIds([alliance, militia])).map((e) => e.id).sort()).toEqual([alliance, militia]);

    const merged = await store.mergeEntities(alliance, [militia], actor);
    expect(merged.articleCount).toBe(3);
    await store.addAlias(alliance, `${w} Front`, actor);

    // New articles with the merged-away name, and the added alias, resolve to the entity that stayed.
    const later = [art(4, `The ${w} Militia was backed by the ${v} Group again.`), art(5, `The ${w} Front was supported by the ${v} Group, witnesses said.`)];
    await ingest(later);
    expect(await store.entitiesByIds([militia])).toEqual([]);
    const [after] = await store.entitiesByIds([alliance]);
    expect(after!.articleCount).toBe(5);

    // Deleting the article the kept name came from does not undo the merge.
    await store.deleteArticles([`${p}-1`]);
    const [kept] = await store.entitiesByIds([alliance]);
    expect(kept).toMatchObject({ name: `${w} Alliance`, articleCount: 4 });
    await ingest([art(6, `The ${w} Militia was backed by the ${v} Group once more.`)]);
    const curated = await snapshot(p);
    expect(curated.entities.find((e) => e.id === alliance)?.mentionCount).toBe(5);

    // Re-ingest everything still there from scratch, with the same curation store.
    const remaining = [...first.slice(1), ...later, art(6, `The ${w} Militia was backed by the ${v} Group once more.`)];
    await store.deleteArticles(remaining.map((a) => a.id!));
    expect(await store.entitiesByIds([alliance])).toEqual([]);
    await ingest(remaining);
    expect(await snapshot(p)).toEqual(curated);
    await store.deleteArticles(remaining.map((a) => a.id!));
  });

  it("a split stays split when its articles are re-ingested, a removed alias stays removed, and undo brings the entity back whole", async () => {
    const p = uniquePrefix("cur-split");
    const [w, v] = [word(p, 1), word(p, 2)];
    const arts: ArticleInput[] = [1, 2, 3].map((i) => ({ id: `${p}-${i}`, text: `The ${w} Alliance was backed by the ${v} Group in story ${i}.` }));
    await ingest(arts);
    const alliance = `organization:${w.toLowerCase()}-alliance`;
    const split = await store.splitEntity(alliance, [`${p}-3`], `${w} Alliance North`, actor, {});
    expect(split).toMatchObject({ id: `organization:${w.toLowerCase()}-alliance-north`, name: `${w} Alliance North`, articleCount: 1 });
    expect((await store.entitiesByIds([alliance]))[0]!.articleCount).toBe(2);
    const rels = await rawRows(db, "MATCH (s:Entity {id: $id})-[r:SUPPORTED_BY]->() RETURN r.articleId AS a", { id: split.id });
    expect(rels.map((r) => r.a)).toEqual([`${p}-3`]);

    const before = await snapshot(p);
    await store.deleteArticles(arts.map((a) => a.id!));
    await ingest(arts);
    expect(await snapshot(p)).toEqual(before);

    const { items } = await store.curationLog({ offset: 0, limit: 100 });
    const action = items.find((a) => a.kind === "SPLIT" && a.summary.includes(`${w} Alliance North`))!;
    expect(action).toMatchObject({ by: "testkey1", undone: false });
    await store.undoCuration(action.id, actor, {});
    expect(await store.entitiesByIds([split.id])).toEqual([]);
    expect((await store.entitiesByIds([alliance]))[0]!.articleCount).toBe(3);
    expect((await store.undoCuration(action.id, actor, {})).undone).toBe(true); // twice: no change

    // An added alias resolves new mentions; once removed, it does not, and ingest does not add it back.
    await store.addAlias(alliance, `${w} Front`, actor);
    await ingest([{ id: `${p}-4`, text: `The ${w} Front was backed by the ${v} Group.` }]);
    expect((await store.entitiesByIds([alliance]))[0]!.articleCount).toBe(4);
    await store.removeAlias(alliance, `${w} front`, actor);
    await expect(store.removeAlias(alliance, `${w} Front`, actor)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await store.deleteArticles([`${p}-4`]);
    await ingest([{ id: `${p}-5`, text: `The ${w} Front was backed by the ${v} Group.` }]);
    const [front] = await store.entitiesByIds([`organization:${w.toLowerCase()}-front`]);
    expect(front?.articleCount).toBe(1);
    expect((await store.entitiesByIds([alliance]))[0]!.aliases).not.toContain(`${w} Front`);
    await store.deleteArticles([...arts.map((a) => a.id!), `${p}-5`]);
  });

  it("undoing a merge re-ingests the merged entity's articles: both entities are back", async () => {
    const p = uniquePrefix("cur-undo");
    const [w, v] = [word(p, 1), word(p, 2)];
    await ingest([
      { id: `${p}-1`, text: `The ${w} Alliance was backed by the ${v} Group.` },
      { id: `${p}-2`, text: `The ${w} Militia was backed by the ${v} Group.` },
    ]);
    const alliance = `organization:${w.toLowerCase()}-alliance`;
    const militia = `organization:${w.toLowerCase()}-militia`;
    const before = await snapshot(p);
    await store.mergeEntities(alliance, [militia], actor);
    const { items } = await store.curationLog({ offset: 0, limit: 20 });
    const merge = items.find((a) => a.kind === "MERGE" && a.detail.includes(militia))!;
    expect(JSON.parse(merge.detail)).toMatchObject({ into: alliance, from: [{ id: militia }] });
    await store.undoCuration(merge.id, actor, {});
    const after = await snapshot(p);
    expect(after.entities.map((e) => [e.id, e.mentionCount])).toEqual(before.entities.map((e) => [e.id, e.mentionCount]));
    expect(after.relations).toEqual(before.relations);
    // The new article with the merged-away name no longer resolves to the other entity.
    await ingest([{ id: `${p}-3`, text: `The ${w} Militia was backed by the ${v} Group later.` }]);
    expect((await store.entitiesByIds([militia]))[0]!.articleCount).toBe(2);
    await store.deleteArticles([`${p}-1`, `${p}-2`, `${p}-3`]);
  });
});

describe("duplicate suggestions", () => {
  it("finds a misspelt name with its reasons, ranks it, and never suggests a rejected pair again", async () => {
    const p = uniquePrefix("cur-dup");
    const w = word(p, 1);
    const misspelt = `${w.slice(0, -1)}${w.slice(-1) === "a" ? "e" : "a"}`; // one letter off
    await ingest([
      { id: `${p}-1`, text: `The ${w} Alliance was backed by the Tesh Group.` },
      { id: `${p}-2`, text: `The ${w} Alliance was supported by the Tesh Group, officials said.` },
      { id: `${p}-3`, text: `The ${misspelt} Alliance was backed by the Tesh Group.` },
    ]);
    const a = `organization:${w.toLowerCase()}-alliance`;
    const b = `organization:${misspelt.toLowerCase()}-alliance`;
    const found = await store.duplicateCandidates({ type: "ORGANIZATION", entity: a, minScore: 0.5 }, { offset: 0, limit: 10 });
    const pair = found.items.find((x) => [x.a.id, x.b.id].sort().join() === [a, b].sort().join());
    expect(pair, JSON.stringify(found.items.map((x) => [x.a.id, x.b.id, x.score]))).toBeDefined();
    expect(pair!.score).toBeGreaterThan(0.6);
    expect(pair!.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(["NAME", "SHARED_NEIGHBOURS", "SHARED_CONTEXT"]));

    await store.rejectDuplicate(a, b, actor);
    const again = await store.duplicateCandidates({ type: "ORGANIZATION", entity: a, minScore: 0 }, { offset: 0, limit: 10 });
    expect(again.items.some((x) => [x.a.id, x.b.id].includes(b))).toBe(false);
    await expect(store.rejectDuplicate(a, `organization:${p}-nothing`, actor)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await store.deleteArticles([`${p}-1`, `${p}-2`, `${p}-3`]);
  });
});
