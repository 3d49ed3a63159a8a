import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { statementsDuring, testDb } from "../support/db.ts";
import { gql } from "../support/graphql.ts";
import { SEED_IDS, seedRecords } from "../support/seeds.ts";

// The seed articles under their sample ids, as `npm start` loads them.
const db = testDb();
const app = testApp({ db, log: pino({ level: "silent" }) });
const [BIG_WIN, EDITORIAL] = SEED_IDS;

beforeAll(async () => {
  const s = await ingest(db, seedRecords());
  expect(s.failed).toBe(0);
});
afterAll(async () => {
  await deleteArticles(db, [...SEED_IDS]);
  await db.close();
});

type Conn<T> = { totalCount: number; edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe("relationship questions over the seed articles", () => {
  it("who captured Mosul: ISIS in 2014 and the Iraqi forces in 2017, each with evidence from the right article", async () => {
    const r = await gql<{
      relations: Conn<{
        subject: { name: string; aliases: string[] };
        time: string | null;
        lastSeen: string | null;
        evidence: { article: { key: string }; sentence: string }[];
      }>;
    }>(
      app,
      `{ relations(type: CAPTURED, object: "Mosul") { totalCount edges { node { subject { name aliases } time lastSeen evidence { article { key } sentence } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.relations.edges.map((e) => e.node);
    const isis = nodes.find((n) => n.subject.aliases.includes("ISIS"));
    expect(isis?.time).toBe("2014");
    expect(isis?.evidence.map((e) => e.article.key)).toContain(BIG_WIN);
    expect(isis?.evidence[0]!.sentence).toMatch(/seized by the terrorist group in 2014/);
    const iraqi = nodes.find((n) => /^Iraqi/.test(n.subject.name));
    expect(iraqi, JSON.stringify(nodes.map((n) => n.subject.name))).toBeDefined();
    expect(iraqi!.lastSeen).toMatch(/^2017/);
    expect(iraqi!.evidence.map((e) => e.article.key)).toContain(BIG_WIN);
  });

  it("who leads ISIS: Abu Bakr al-Baghdadi", async () => {
    const r = await gql<{ relations: Conn<{ subject: { name: string } }> }>(
      app,
      `{ relations(type: LEADS, object: "ISIS") { edges { node { subject { name } } } } }`,
    );
    expect(r.data!.relations.edges.map((e) => e.node.subject.name)).toContain("Abu Bakr al-Baghdadi");
  });

  it('entity(name: "al-Abadi") is Haider al-Abadi, in both articles', async () => {
    const r = await gql<{ entity: { name: string; type: string; articles: Conn<{ article: { key: string } }> } }>(
      app,
      `{ entity(name: "al-Abadi") { name type articles { totalCount edges { node { article { key } } } } } }`,
    );
    expect(r.data!.entity.name).toBe("Haider al-Abadi");
    expect(r.data!.entity.type).toBe("PERSON");
    expect(r.data!.entity.articles.edges.map((e) => e.node.article.key)).toEqual(expect.arrayContaining([BIG_WIN, EDITORIAL]));
  });

  it('quotes(speaker: "James Jeffrey") has his quote', async () => {
    const r = await gql<{ quotes: Conn<{ text: string; article: { key: string } }> }>(
      app,
      `{ quotes(speaker: "James Jeffrey") { edges { node { text article { key } } } } }`,
    );
    const q = r.data!.quotes.edges.map((e) => e.node);
    expect(q.some((x) => x.text.includes("a very significant development") && x.article.key === EDITORIAL)).toBe(true);
  });

  it("connections from Donald Trump to Abu Bakr al-Baghdadi finds a path with proof on every hop", async () => {
    const r = await gql<{
      connections: { length: number; nodes: { name: string }[]; hops: { relation: { evidence: unknown[] } | null; article: { key: string } | null }[] }[];
    }>(
      app,
      `{ connections(from: "Donald Trump", to: "Abu Bakr al-Baghdadi", maxHops: 6) { length nodes { name } hops { relation { evidence { sentence } } article { key } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data!.connections[0]!;
    expect(p.nodes[0]!.name).toBe("Donald Trump");
    expect(p.nodes.at(-1)!.name).toBe("Abu Bakr al-Baghdadi");
    for (const h of p.hops) expect(h.relation ? h.relation.evidence.length > 0 : h.article !== null).toBe(true);
  });

  it("compareArticles on the two seeds lists Mosul, ISIS and Haider al-Abadi among shared entities", async () => {
    const r = await gql<{ compareArticles: { sharedEntities: { name: string }[]; onlyInA: unknown[]; onlyInB: unknown[] } }>(
      app,
      `query($a: ID!, $b: ID!) { compareArticles(a: $a, b: $b) { sharedEntities { name } onlyInA { type } onlyInB { type } } }`,
      { a: BIG_WIN, b: EDITORIAL },
    );
    expect(r.data!.compareArticles.sharedEntities.map((e) => e.name)).toEqual(expect.arrayContaining(["Mosul", "Islamic State", "Haider al-Abadi"]));
    expect(r.data!.compareArticles.onlyInA.length + r.data!.compareArticles.onlyInB.length).toBeGreaterThan(0);
    // A stable order for clients: relations by type (then subject, object), whatever the storage order.
    for (const list of [r.data!.compareArticles.onlyInA, r.data!.compareArticles.onlyInB] as { type: string }[][]) {
      const types = list.map((x) => x.type);
      expect(types).toEqual([...types].sort());
    }
  });

  it("node(id) fetches back what a global id names", async () => {
    const r = await gql<{ entity: { id: string } }>(app, `{ entity(name: "Mosul") { id } }`);
    const n = await gql<{ node: { __typename: string; name: string } }>(app, `query($id: ID!) { node(id: $id) { __typename ... on Entity { name } } }`, {
      id: r.data!.entity.id,
    });
    expect(n.data!.node).toEqual({ __typename: "Entity", name: "Mosul" });
  });
});

describe("pagination", () => {
  it("pages through an entity's articles with first/after and reports totalCount", async () => {
    const q = `query($after: String) { entity(name: "Mosul") { articles(first: 1, after: $after) { totalCount edges { node { article { key } } } pageInfo { hasNextPage endCursor } } } }`;
    const p1 = await gql<{ entity: { articles: Conn<{ article: { key: string } }> } }>(app, q);
    const a1 = p1.data!.entity.articles;
    expect(a1.totalCount).toBeGreaterThanOrEqual(2);
    expect(a1.edges).toHaveLength(1);
    expect(a1.pageInfo.hasNextPage).toBe(true);
    const p2 = await gql<{ entity: { articles: Conn<{ article: { key: string } }> } }>(app, q, { after: a1.pageInfo.endCursor });
    expect(p2.data!.entity.articles.edges[0]!.node.article.key).not.toBe(a1.edges[0]!.node.article.key);
  });
});

describe("errors carry a code", () => {
  it("BAD_USER_INPUT for first > 100 and for a forged cursor", async () => {
    const a = await gql(app, `{ entities(first: 101) { totalCount } }`);
    expect(a.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const b = await gql(app, `{ entities(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(b.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });
  it("NOT_FOUND for connections from an unknown entity; null for an unknown article", async () => {
    const a = await gql(app, `{ connections(from: "Nobody Atall Xq", to: "Mosul") { length } }`);
    expect(a.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const b = await gql<{ article: null }>(app, `{ article(id: "no-such-article") { title } }`);
    expect(b.errors).toBeUndefined();
    expect(b.data!.article).toBeNull();
  });
  it("GraphQL validation errors are reported, not masked", async () => {
    const a = await gql(app, `{ relations(type: NOT_A_TYPE) { totalCount } }`);
    expect(a.errors![0]!.message).toMatch(/NOT_A_TYPE/);
  });
});

describe("DataLoader batching (no N+1)", () => {
  // 20 parents × 5 relations × 3 evidence costs ~16,000, over the default KG_MAX_COST: this app allows it.
  const wide = testApp({ db, log: pino({ level: "silent" }), security: securityConfig({ KG_MAX_COST: "100000" }, "127.0.0.1") });
  afterAll(() => wide.dispose());
  // Records every Cypher statement a request issues; the count must not grow with the number of parents.
  async function statementsFor(first: number): Promise<{ count: number; names: string[]; parents: number }> {
    const { result: r, names } = await statementsDuring(db, () =>
      gql<{ entities: Conn<unknown> }>(
        wide,
        `query($first: Int) { entities(first: $first) { edges { node { name relations(first: 5) { subject { name } object { ... on Entity { name } ... on Article { title } } evidence(first: 3) { article { title } } } quotes(first: 2) { article { title } } } } } }`,
        { first },
      ),
    );
    expect(r.errors).toBeUndefined();
    return { count: names.length, names, parents: r.data!.entities.edges.length };
  }

  // How often each statement may run: at most once per place in the query that selects that type,
  // whatever the number of parents. Articles are selected in three places (a QUOTED_IN relation's
  // object, evidence articles, quote articles) that resolve on different ticks; entities in two
  // (the page itself; relation subjects and objects).
  const PER_LEVEL_CAP: Record<string, number> = { articlesByIds: 3, entitiesByIds: 2 };

  it("a nested query (entities → relations → evidence → article) issues a number of statements bounded by its depth, not by its parents", async () => {
    const few = await statementsFor(2);
    const many = await statementsFor(20);
    expect(many.parents).toBeGreaterThanOrEqual(10);
    for (const run of [few, many]) {
      const counts = new Map<string, number>();
      for (const n of run.names) counts.set(n, (counts.get(n) ?? 0) + 1);
      for (const [name, n] of counts) expect(n, `${name} with ${run.parents} parents: ${run.names.join(", ")}`).toBeLessThanOrEqual(PER_LEVEL_CAP[name] ?? 1);
    }
    expect(many.count).toBeLessThanOrEqual(9);
  });
});

describe("look-ahead: relations with evidence in one statement", () => {
  it("answers 'who captured Mosul, with evidence and article titles' in one statement, same answer as without look-ahead", async () => {
    const { result: withEvidence, names } = await statementsDuring(db, () =>
      gql<{ relations: Conn<{ subject: { name: string }; evidence: { sentence: string; article: { title: string } }[] }> }>(
        app,
        `query($n: Int) { relations(type: CAPTURED, object: "Mosul") { edges { node { subject { name } evidence(first: $n) { sentence article { title } } } } } }`,
        { n: 5 },
      ),
    );
    expect(names).toEqual(["relationsSearch"]);
    // Two evidence selections (aliases with different sizes) fall back to the loader: same sentences.
    const twice = await gql<{ relations: Conn<{ a: { sentence: string }[]; b: { sentence: string }[] }> }>(
      app,
      `{ relations(type: CAPTURED, object: "Mosul") { edges { node { a: evidence(first: 5) { sentence } b: evidence(first: 1) { sentence } } } } }`,
    );
    const viaLookahead = withEvidence.data!.relations.edges.map((e) => e.node.evidence.map((x) => x.sentence));
    expect(twice.data!.relations.edges.map((e) => e.node.a.map((x) => x.sentence))).toEqual(viaLookahead);
    expect(twice.data!.relations.edges.every((e) => e.node.b.length <= 1)).toBe(true);
  });

  type Rel = { type: string; object: { key: string }; evidence: { sentence: string; article: { title: string } }[] };
  const REL = "type object { ... on Entity { key } ... on Article { key } } evidence(first: 3) { sentence article { title } }";

  it("entity(name:) → relations → evidence → article: one statement, same evidence as through the loader", async () => {
    const { result, names } = await statementsDuring(db, () =>
      gql<{ entity: { relations: Rel[] } }>(app, `{ entity(name: "ISIS") { relations(first: 10) { ${REL} } } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(names).toEqual(["entityRelations"]);
    const rels = result.data!.entity.relations;
    expect(rels.some((r) => r.type === "CAPTURED" && r.object.key === "location:mosul" && r.evidence.length > 0)).toBe(true);
    const loaded = await gql<{ entity: { relations: { a: Rel["evidence"]; b: unknown }[] } }>(
      app,
      `{ entity(name: "ISIS") { relations(first: 10) { a: evidence(first: 3) { sentence article { title } } b: evidence(first: 1) { sentence } } } }`,
    );
    // Two evidence selections (no look-ahead): the same evidence through the evidence loader.
    expect(loaded.data!.entity.relations.map((r) => r.a)).toEqual(rels.map((r) => r.evidence));
  });

  it("entity(name:) → relations: a name that means no entity is null; a page over 100 is the field's BAD_USER_INPUT, as before", async () => {
    const none = await statementsDuring(db, () => gql<{ entity: null }>(app, `{ entity(name: "Nobody Atall Xq") { name relations { type } } }`));
    expect(none.result.errors).toBeUndefined();
    expect(none.result.data!.entity).toBeNull();
    expect(none.names).toEqual(["entityRelations"]);
    const big = await gql(app, `{ entity(name: "ISIS") { name relations(first: 101) { type } } }`);
    expect(big.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(big.data).toEqual({ entity: null });
  });

  it("entity(id:) → articles: one statement, the same page as without look-ahead; an unknown id is null", async () => {
    type Page = { totalCount: number; edges: { node: { mentions: number; article: { key: string; title: string } } }[] };
    const PAGE = "totalCount edges { node { mentions article { key title } } }";
    const { result, names } = await statementsDuring(db, () =>
      gql<{ entity: { name: string; articles: Page } }>(app, `{ entity(id: "person:haider-al-abadi") { name articles(first: 10) { ${PAGE} } } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(names).toEqual(["entityArticles"]);
    expect(result.data!.entity.name).toBe("Haider al-Abadi");
    expect(result.data!.entity.articles.edges.map((e) => e.node.article.key).sort()).toEqual([...SEED_IDS].sort());
    // Two articles selections (no look-ahead): the entity, then each page through the loader.
    const twice = await statementsDuring(db, () =>
      gql<{ entity: { a: Page; b: Page } }>(
        app,
        `{ entity(id: "person:haider-al-abadi") { a: articles(first: 10) { ${PAGE} } b: articles(first: 1) { totalCount } } }`,
      ),
    );
    expect(twice.names).toEqual(["entitiesByIds", "entityArticles", "entityArticles"]);
    expect(twice.result.data!.entity.a).toEqual(result.data!.entity.articles);
    const none = await statementsDuring(db, () => gql<{ entity: null }>(app, `{ entity(id: "person:nobody-atall-xq") { name articles { totalCount } } }`));
    expect(none.result.errors).toBeUndefined();
    expect(none.result.data!.entity).toBeNull();
    expect(none.names).toEqual(["entityArticles"]);
  });

  it("entities → relations of two types → evidence: one statement for both fields, each field its own type", async () => {
    const q = `{ entities(search: "ISIS", first: 3) { edges { node { key leads: relations(type: LEADS, direction: OUT, first: 3) { ${REL} } captured: relations(type: CAPTURED, direction: OUT, first: 3) { ${REL} } } } } }`;
    const { result, names } = await statementsDuring(db, () => gql<{ entities: Conn<{ leads: Rel[]; captured: Rel[] }> }>(app, q));
    expect(result.errors).toBeUndefined();
    expect(names).toEqual(["entitiesSearch", "entityRelations"]);
    const nodes = result.data!.entities.edges.map((e) => e.node);
    expect(nodes.flatMap((n) => n.captured).length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.leads.every((r) => r.type === "LEADS") && n.captured.every((r) => r.type === "CAPTURED"))).toBe(true);
    expect(nodes.every((n) => [...n.leads, ...n.captured].every((r) => r.evidence.length > 0))).toBe(true);
  });
});
