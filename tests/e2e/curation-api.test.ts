/**
 * Curation over GraphQL (issue 17): review mutations need a key and record who did them; bad input
 * gets BAD_USER_INPUT; overlapping merges sent at the same time lose no mention, relation or evidence.
 */
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { word } from "../../bench/lib/path-chain.ts";
import { digestKey, securityConfig } from "../../src/security/config.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { testApp } from "../support/app.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";

const KEY = "curation-api-key-0123456789";
const auth = { authorization: `Bearer ${KEY}` };
const INGEST = "mutation($inputs: [ArticleInput!]!) { ingestArticles(inputs: $inputs) { new failed } }";
const MERGE = "mutation($into: ID!, $from: [ID!]!, $force: Boolean) { mergeEntities(into: $into, from: $from, force: $force) { key articleCount } }";
const REJECT = "mutation($a: ID!, $b: ID!) { rejectDuplicate(a: $a, b: $b) { id kind by } }";

describe("curation API", () => {
  const db = testDb();
  const app = testApp({ db, log: pino({ level: "silent" }), security: securityConfig({ KG_API_KEYS: KEY }) });
  const articles: string[] = [];
  afterAll(async () => {
    if (articles.length) await deleteArticles(db, articles);
    await db.close();
  });

  // Five organisations (A..E), each in two articles of its own, each backed by a group of its own: mentions, relations and evidence to count.
  async function orgs(p: string) {
    const names = [1, 2, 3, 4, 5].map((i) => `${word(p, i)} Alliance`);
    const inputs = names.flatMap((n, i) =>
      [1, 2].map((k) => ({ id: `${p}-${i}-${k}`, text: `The ${n} was backed by the ${word(p, 10 + i)} Group, officials said in report ${k}.` })),
    );
    articles.push(...inputs.map((x) => x.id));
    const r = await gql<{ ingestArticles: { new: number; failed: number } }>(app, INGEST, { inputs }, auth);
    expect(r.data?.ingestArticles).toEqual({ new: 10, failed: 0 });
    return names.map((n) => `organization:${n.toLowerCase().replace(/ /g, "-")}`);
  }
  const totals = async (p: string) => {
    const [row] = await rawRows(
      db,
      `MATCH (a:Article) WHERE a.id STARTS WITH $p
       RETURN COUNT { (a)-[:MENTIONS]->(:Entity) } AS mentionEdges,
              sum(COUNT { (a)-[m:MENTIONS]->(:Organization) }) AS orgMentions,
              COUNT { MATCH (:Entity)-[r:SUPPORTED_BY]->(:Entity) WHERE r.articleId STARTS WITH $p } AS relations,
              COUNT { MATCH (:Entity)-[r:SUPPORTED_BY]->(:Entity) WHERE r.articleId STARTS WITH $p AND r.sentence IS NOT NULL } AS evidence`,
      { p },
    );
    const [orgs] = await rawRows(db, `MATCH (a:Article)-[:MENTIONS]->(o:Organization) WHERE a.id STARTS WITH $p RETURN count(*) AS m, count(DISTINCT o) AS n`, {
      p,
    });
    return { relations: Number(row!.relations), evidence: Number(row!.evidence), orgMentions: Number(orgs!.m), orgs: Number(orgs!.n) };
  };

  it("mutations need a key; each action is logged with the key's fingerprint", async () => {
    const p = uniquePrefix("cur-auth");
    const [a, b] = await orgs(p);
    const anon = await gql(app, REJECT, { a, b });
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const r = await gql<{ rejectDuplicate: { id: string; kind: string; by: string } }>(app, REJECT, { a, b }, auth);
    expect(r.data?.rejectDuplicate).toMatchObject({ kind: "REJECT", by: digestKey(KEY).slice(0, 8) });
    const log = await gql<{ curationLog: { edges: { node: { id: string; summary: string } }[] } }>(
      app,
      "{ curationLog(first: 5) { edges { node { id summary } } } }",
    );
    expect(log.data?.curationLog.edges.map((e) => e.node.id)).toContain(r.data!.rejectDuplicate.id);
  });

  it("bad input is BAD_USER_INPUT and changes nothing", async () => {
    const p = uniquePrefix("cur-bad");
    const [a] = await orgs(p);
    const before = await totals(p);
    const self = await gql(app, MERGE, { into: a, from: [a] }, auth);
    expect(self.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(self.errors?.[0]?.message).toMatch(/into itself/);
    const person = `person:${p}-nobody`;
    const missing = await gql(app, REJECT, { a, b: person }, auth);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(missing.errors?.[0]?.message).toMatch(/No such pair/);
    const leader = `${word(p, 20)} Kolt`;
    articles.push(`${p}-person`);
    await gql(app, INGEST, { inputs: [{ id: `${p}-person`, text: `The ${word(p, 1)} Alliance leader ${leader} said "we will hold".` }] }, auth);
    const personId = `person:${leader.toLowerCase().replace(/ /g, "-")}`;
    expect((await rawRows(db, "MATCH (e:Person {id: $id}) RETURN e.id AS id", { id: personId })).length).toBe(1);
    const before2 = await totals(p);
    const typed = await gql(app, MERGE, { into: a, from: [personId] }, auth);
    expect(typed.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(typed.errors?.[0]?.message).toMatch(/force: true/);
    expect(await totals(p)).toEqual(before2);
    expect(before2.relations).toBe(before.relations);
  });

  for (const trial of [1, 2, 3]) {
    it(`trial ${trial}: overlapping merges at the same time lose no mention, relation or evidence`, async () => {
      const p = uniquePrefix(`cur-race${trial}`);
      const [a, b, c, d, e] = await orgs(p);
      const before = await totals(p);
      // Three analysts at once: {B, C} into A, {C, D} into E, {A} into D: every pair of them overlaps.
      const results = await Promise.all([
        gql<{ mergeEntities: { key: string } }>(app, MERGE, { into: a, from: [b, c] }, auth),
        gql<{ mergeEntities: { key: string } }>(app, MERGE, { into: e, from: [c, d] }, auth),
        gql<{ mergeEntities: { key: string } }>(app, MERGE, { into: d, from: [a] }, auth),
      ]);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "ok");
      expect(
        codes.every((x) => x === "ok" || x === "NOT_FOUND"),
        JSON.stringify(results),
      ).toBe(true);
      expect(codes).toContain("ok");
      const after = await totals(p);
      expect(after.relations).toBe(before.relations);
      expect(after.evidence).toBe(before.evidence);
      expect(after.orgMentions).toBe(before.orgMentions);
      expect(after.orgs).toBe(before.orgs - results.reduce((n, r, i) => n + (r.errors ? 0 : [2, 2, 1][i]!), 0));
    });
  }
});
