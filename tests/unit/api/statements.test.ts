/**
 * The database-free tier (like neo4j/graphql's TCK tests): each README query runs through the real
 * schema, loaders and store over a recording fake (tests/support/fake-store.ts), and the list of
 * (statement, parameters) the store sends is snapshotted. A change in how many statements a
 * question costs, or in what they are sent, fails here in milliseconds, before any Neo4j test runs.
 */
import { createYoga } from "graphql-yoga";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createContext } from "../../../src/api/context.ts";
import { schema } from "../../../src/api/schema.ts";
import { createStore } from "../../../src/store/index.ts";
import { EXAMPLES } from "../../../scripts/readme-queries.ts";
import { RecordingRunner } from "../../support/fake-store.ts";

const log = pino({ level: "silent" });

async function run(query: string): Promise<{ data: unknown; statements: RecordingRunner["recorded"] }> {
  const runner = new RecordingRunner();
  // graphql-yoga executes as the server does (and with the graphql build Pothos loaded), in-process.
  const yoga = createYoga({ schema, logging: false, maskedErrors: false, context: () => createContext(createStore(runner), log, "req-1") });
  try {
    const res = await yoga.fetch("http://yoga/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return { data: body.data, statements: runner.recorded };
  } finally {
    await yoga.dispose();
  }
}

// Statements per README query, as counted against Neo4j on data/samples (tests/e2e keeps the N+1 bounds).
// Lower is welcome; higher is a regression: change this table only with a reason in the commit.
const STATEMENTS: Record<string, number> = {
  "1. Who captured Mosul, and according to which articles?": 1,
  "2. Who leads ISIS?": 1,
  "3. Everything about al-Abadi: which articles, what relations": 2,
  "4. What did James Jeffrey say?": 3,
  "5. What links Donald Trump to Abu Bakr al-Baghdadi?": 9,
  "6. What do the two articles agree on?": 5,
  "7. Who was supported by whom?": 1,
  "8. Find entities by name, ranked (full-text over names and aliases)": 1,
};

describe("statements the store receives for each README query (no database)", () => {
  it("covers every README query", () => {
    expect(EXAMPLES.map((e) => e.title).sort()).toEqual(Object.keys(STATEMENTS).sort());
  });

  for (const ex of EXAMPLES) {
    it(ex.title, async () => {
      const { data, statements } = await run(ex.query);
      // The fake graph answers every question, so the whole query is walked, not just its first level.
      expect(JSON.stringify(data)).not.toMatch(/^\{"[a-zA-Z]+":(null|\[\])\}$/);
      expect(
        statements.map((s) => s.statement),
        "statement count",
      ).toHaveLength(STATEMENTS[ex.title]!);
      expect(statements).toMatchSnapshot();
    });
  }

  it("a nested list of 20 parents costs the same statements as 2 (DataLoader batching)", async () => {
    const q = (n: number) =>
      `{ entities(search: "a", first: ${n}) { edges { node { name relations(first: 5) { subject { name } evidence(first: 3) { article { title } } } articles { edges { node { article { title } } } } } } } }`;
    const few = (await run(q(2))).statements.map((s) => s.statement);
    const many = (await run(q(20))).statements.map((s) => s.statement);
    expect(many).toEqual(few);
    expect(many.length).toBeLessThanOrEqual(5);
  });

  // bench:peer question (e): entities → their articles → what those articles mention.
  const nested = (entities: string) =>
    `{ entities(search: "a", first: 20) { edges { node { key articles(first: 5) { edges { node { article { key ${entities} } } } } } } } }`;

  it("entities → articles → entities: the articles' mentions come with the articles, in one statement", async () => {
    const { data, statements } = await run(nested("entities { mentions entity { key } }"));
    expect(statements.map((s) => s.statement)).toEqual(["entitiesSearch", "entityArticles"]);
    expect(statements[1]!.params).toMatchObject({ withMentions: true, mentionType: null });
    // Every article still lists what it mentions (the fake's Mosul articles mention 7 and 4 entities).
    const articles = (
      data as { entities: { edges: { node: { articles: { edges: { node: { article: { entities: unknown[] } } }[] } } }[] } }
    ).entities.edges.flatMap((e) => e.node.articles.edges);
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.node.article.entities.length > 0)).toBe(true);
  });

  it("entities(type:) is looked ahead with its type; two different selections load on their own, as before", async () => {
    const typed = await run(nested("entities(type: PERSON) { entity { key type } }"));
    expect(typed.statements.map((s) => s.statement)).toEqual(["entitiesSearch", "entityArticles"]);
    expect(typed.statements[1]!.params).toMatchObject({ withMentions: true, mentionType: "PERSON" });
    const types = JSON.stringify(typed.data).match(/"type":"[A-Z]+"/g) ?? [];
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['"type":"PERSON"']));

    const two = await run(nested("people: entities(type: PERSON) { entity { key } } places: entities(type: LOCATION) { entity { key } }"));
    expect(two.statements.map((s) => s.statement)).toEqual(["entitiesSearch", "entityArticles", "articleMentions", "articleMentions"]);
    expect(two.statements[1]!.params).toMatchObject({ withMentions: false });
  });

  // bench:peer questions (a) and (d): relations with their evidence, one entity by name, or three types of relations per entity of a list.
  const REL =
    "type subject { key } object { ... on Entity { key } ... on Article { key } } articleCount evidence(first: 100) { article { key title } sentence }";

  it("entity(name:) → relations → evidence: the name, the relations and their evidence in one statement", async () => {
    const { data, statements } = await run(`{ entity(name: "ISIS") { key relations(first: 100) { ${REL} } } }`);
    expect(statements.map((s) => s.statement)).toEqual(["entityRelations"]);
    expect(statements[0]!.params).toMatchObject({ evidenceFirst: "int(100)", requests: [{ id: "ISIS", named: true, direction: "BOTH", first: "int(100)" }] });
    const rels = (data as { entity: { relations: { evidence: { article: { title: string } }[] }[] } }).entity.relations;
    expect(rels.length).toBeGreaterThan(0);
    expect(rels.every((r) => r.evidence.length > 0 && r.evidence.every((e) => e.article.title.length > 0))).toBe(true);
  });

  it("entities → relations of three types → evidence: one statement for every relations field of the level", async () => {
    const types = ["LEADS", "CAPTURED", "SUPPORTED_BY"];
    const fields = types.map((t) => `${t.toLowerCase()}: relations(type: ${t}, direction: OUT, first: 20) { ${REL} }`).join(" ");
    const { data, statements } = await run(`{ entities(search: "a", first: 20) { edges { node { key ${fields} } } } }`);
    expect(statements.map((s) => s.statement)).toEqual(["entitiesSearch", "entityRelations"]);
    const requests = (statements[1]!.params as { requests: { type: string }[] }).requests;
    expect(new Set(requests.map((q) => q.type))).toEqual(new Set(types));
    // Each field still gets only its own type, with evidence.
    const nodes = (data as { entities: { edges: { node: Record<string, { type: string; evidence: unknown[] }[]> }[] } }).entities.edges.map((e) => e.node);
    const got = nodes.flatMap((n) => types.flatMap((t) => n[t.toLowerCase()]!.map((r) => [t, r.type, r.evidence.length > 0])));
    expect(got.length).toBeGreaterThan(0);
    expect(got.every(([t, type, ev]) => t === type && ev)).toBe(true);
  });

  it("entity(name:) → relations: a name that means no entity is null; two relations selections load as before", async () => {
    const none = await run(`{ entity(name: "Nobody Atall") { key relations { type } } }`);
    expect(none.data).toEqual({ entity: null });
    expect(none.statements.map((s) => s.statement)).toEqual(["entityRelations"]);
    const two = await run(`{ entity(name: "ISIS") { out: relations(direction: OUT) { type } in: relations(direction: IN) { type } } }`);
    expect(two.statements.map((s) => s.statement)).toEqual(["entityIdsByAlias", "entityRelations"]);
    expect((two.statements[1]!.params as { requests: unknown[] }).requests).toHaveLength(2);
  });

  // bench:peer question (b): one entity by id with a page of its articles.
  it("entity(id:) → articles: the entity and its page in one statement; an unknown id is null", async () => {
    const { data, statements } = await run(
      `{ entity(id: "person:haider-al-abadi") { key name articles(first: 10) { totalCount edges { node { mentions article { key title } } } } } }`,
    );
    expect(statements.map((s) => s.statement)).toEqual(["entityArticles"]);
    expect(statements[0]!.params).toMatchObject({ ids: ["person:haider-al-abadi"], withEntity: true, withMentions: false, limit: "int(10)" });
    const e = (data as { entity: { name: string; articles: { totalCount: number; edges: unknown[] } } }).entity;
    expect(e.name).toBe("Haider al-Abadi");
    expect(e.articles.edges.length).toBeGreaterThan(0);
    expect(e.articles.totalCount).toBe(e.articles.edges.length);
    const none = await run(`{ entity(id: "person:nobody") { key articles { totalCount } } }`);
    expect(none.data).toEqual({ entity: null });
    expect(none.statements.map((s) => s.statement)).toEqual(["entityArticles"]);
    const withMentions = await run(`{ entity(id: "location:mosul") { articles(first: 5) { edges { node { article { entities { entity { key } } } } } } } }`);
    expect(withMentions.statements.map((s) => s.statement)).toEqual(["entityArticles"]);
    expect(withMentions.statements[0]!.params).toMatchObject({ withEntity: true, withMentions: true });
  });

  it("aliased entity(name:) { relations } and entity(id:) { articles } fields batch: one statement each kind", async () => {
    const named = await run(`{ a: entity(name: "ISIS") { key relations { type } } b: entity(name: "Mosul") { key relations { type } } }`);
    expect(named.statements.map((s) => s.statement)).toEqual(["entityRelations"]);
    expect((named.statements[0]!.params as { requests: unknown[] }).requests).toHaveLength(2);
    expect(named.data).toMatchObject({ a: { key: "organization:islamic-state" }, b: { key: "location:mosul" } });
    const byId = await run(
      `{ a: entity(id: "location:mosul") { key articles { totalCount } } b: entity(id: "person:haider-al-abadi") { key articles { totalCount } } }`,
    );
    expect(byId.statements.map((s) => s.statement)).toEqual(["entityArticles"]);
    expect(byId.statements[0]!.params).toMatchObject({ ids: ["location:mosul", "person:haider-al-abadi"], withEntity: true });
  });

  it("two evidence selections of different sizes under one relations field load on their own, as before", async () => {
    const { statements } = await run(`{ entity(name: "ISIS") { relations { a: evidence(first: 1) { sentence } b: evidence(first: 2) { sentence } } } }`);
    expect(statements.map((s) => s.statement)).toEqual(["entityRelations", "relationEvidence", "relationEvidence"]);
    expect(statements[0]!.params).toMatchObject({ evidenceFirst: "int(0)" });
  });
});
