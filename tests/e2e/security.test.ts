/**
 * Security through app.fetch: query limits (Armor), introspection / suggestions / GraphiQL by
 * environment, CORS allow-list, CSRF prevention, API keys on mutations (nothing written when
 * refused), body and article size limits, and hostile names / ids / search strings that must give
 * normal results or BAD_USER_INPUT — never a database error or a write.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { pino } from "pino";
import type { App } from "../../src/server/app.ts";
import { testApp } from "../support/app.ts";
import { securityConfig, type SecurityConfig } from "../../src/security/config.ts";
import { statementsDuring, testDb, uniquePrefix } from "../support/db.ts";

const log = pino({ level: "silent" });
const KEY = "test-key-0123456789abcdef";
const OTHER_KEY = "test-key-fedcba9876543210";

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

function config(env: Record<string, string> = {}, host = "127.0.0.1"): SecurityConfig {
  return securityConfig({ KG_API_KEYS: KEY, ...env }, host);
}

async function gql(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body; res: Response }> {
  const res = await app.fetch("http://yoga/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, res };
}

const codes = (b: Body) => (b.errors ?? []).map((e) => e.extensions?.code);
const auth = { authorization: `Bearer ${KEY}` };

describe("security", () => {
  const db = testDb();
  const dev = testApp({ db, log, security: config() });
  const prod = testApp({ db, log, security: config({ NODE_ENV: "production" }) });
  const prefix = uniquePrefix("sec");
  const samples = ["us-big-win-in-iraq", "liberation-of-mosul-editorial"].map((f) => {
    const a = JSON.parse(fs.readFileSync(path.join("data/samples", `${f}.json`), "utf8")) as Record<string, string>;
    return { ...a, id: `${prefix}-${f}` };
  });
  const ids = samples.map((s) => s.id);

  const articleCount = async (articleIds: string[]) => (await db.read("articlesByIds", { ids: articleIds })).length;

  beforeAll(async () => {
    const r = await gql(dev, "mutation($in: [ArticleInput!]!) { ingestArticles(inputs: $in) { failed outcomes { code message } } }", { in: samples }, auth);
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data!.ingestArticles as { failed: number }).failed).toBe(0);
  });
  afterAll(async () => {
    for (const id of ids) await gql(dev, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id }, auth);
    await db.close();
  });

  describe("query limits (GraphQL Armor)", () => {
    it("refuses 50-level nesting with QUERY_LIMIT_EXCEEDED", async () => {
      const q = `{ entity(name: "ISIS") ${"{ relations { subject ".repeat(25)}{ id }${" } }".repeat(25)} }`;
      const r = await gql(dev, q);
      expect(r.status).toBe(400);
      expect(codes(r.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
    });

    it("refuses 1,000 aliases", async () => {
      const q = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: stats { articles }`).join(" ")} }`;
      const r = await gql(dev, q);
      expect(r.status).toBe(400);
      expect(codes(r.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      // Under the token limit too: the alias limit alone refuses it.
      const few = await gql(dev, `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: stats { articles }`).join(" ")} }`);
      expect(codes(few.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      expect(few.body.errors![0]!.message).toMatch(/Aliases limit of 15/);
    });

    it("refuses too many directives and too expensive queries", async () => {
      const dirs = await gql(dev, `{ stats { articles ${"@include(if: true) ".repeat(30)} } }`);
      expect(codes(dirs.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      const costly = testApp({ db, log, security: config({ KG_MAX_COST: "20" }) });
      const r = await gql(
        costly,
        `{ relations(type: CAPTURED, object: "Mosul") { edges { node { subject { name } evidence { sentence article { title } } } } } }`,
      );
      expect(codes(r.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      expect(r.body.errors![0]!.message).toMatch(/cost limit of 20 exceeded/i);
    });

    it("counts page sizes passed as variables as it counts literals, and refuses before any statement", async () => {
      const q = "query($n: Int) { entities(first: $n) { edges { node { name relations(first: $n) { evidence(first: $n) { sentence } } } } } }";
      const asVariable = await statementsDuring(db, () => gql(dev, q, { n: 100 }));
      expect(asVariable.result.status).toBe(400);
      expect(codes(asVariable.result.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      expect(asVariable.result.body.errors![0]!.message).toMatch(/cost limit of 5000 exceeded/i);
      expect(asVariable.names).toEqual([]);
      const literal = await gql(dev, q.replace("query($n: Int) ", "").replace(/\$n/g, "100"));
      expect(codes(literal.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      expect(literal.body.errors![0]!.message).toBe(asVariable.result.body.errors![0]!.message);
      expect((await gql(dev, q, { n: 2 })).body.errors).toBeUndefined();
    });

    it("counts list arguments: 20,000 names are refused before any statement; 21 by the field; 20 resolve in one statement", async () => {
      const q = "query($m: [ID!]) { articles(filter: {mentions: $m}) { totalCount edges { node { key } } } }";
      const huge = await statementsDuring(db, () => gql(dev, q, { m: Array.from({ length: 20_000 }, (_, i) => `Name ${i}`) }));
      expect(huge.result.status).toBe(400);
      expect(codes(huge.result.body)).toEqual(["QUERY_LIMIT_EXCEEDED"]);
      expect(huge.names).toEqual([]);
      const over = await gql(dev, q, { m: Array.from({ length: 21 }, () => "ISIS") });
      expect(codes(over.body)).toEqual(["BAD_USER_INPUT"]);
      expect(over.body.errors![0]!.message).toMatch(/at most 20/);
      const twenty = ["Mosul", ...Array.from({ length: 19 }, (_, i) => (i % 2 ? "ISIS" : "Islamic State"))];
      const ok = await statementsDuring(db, () => gql(dev, q, { m: twenty }));
      expect(ok.result.body.errors).toBeUndefined();
      expect(ok.names.filter((n) => n.startsWith("entityIds"))).toEqual(["entityIdsByRefs"]);
      const keys = (ok.result.body.data!.articles as { edges: { node: { key: string } }[] }).edges.map((e) => e.node.key);
      expect(keys).toEqual(expect.arrayContaining(ids));
      // One name that names nothing: no article, still one statement.
      const none = await statementsDuring(db, () => gql(dev, q, { m: ["Mosul", "Nobody Atall Xq"] }));
      expect((none.result.body.data!.articles as { totalCount: number }).totalCount).toBe(0);
      expect(none.names).toEqual(["entityIdsByRefs"]);
    });

    it("lets the README questions through under the default limits", async () => {
      const queries = [
        `{ relations(type: CAPTURED, object: "Mosul") { totalCount edges { node { type time articleCount subject { name type } object { ... on Entity { name } } evidence { sentence start end confidence article { id title publishedAt } } } } } }`,
        `{ relations(type: LEADS, object: "ISIS") { edges { node { subject { name } time evidence { sentence } } } } }`,
        `{ entity(name: "al-Abadi") { name type aliases articleCount articles(first: 5) { edges { node { mentions article { title } } } } relations { type subject { name } object { ... on Entity { name } } } } }`,
        `{ quotes(speaker: "James Jeffrey") { edges { node { text sentence speaker { name } article { title } } } } }`,
        `{ entities(search: "islamic state") { edges { node { name type articleCount } } } }`,
      ];
      for (const q of queries) {
        const r = await gql(dev, q);
        expect(r.body.errors, q).toBeUndefined();
      }
      const r = await gql(dev, `{ relations(type: CAPTURED, object: "Mosul") { edges { node { subject { name } } } } }`);
      expect(JSON.stringify(r.body.data)).toContain("Iraqi");
    });

    it("limits are configurable by environment, with checked values", () => {
      expect(config({ KG_MAX_DEPTH: "4", KG_MAX_ALIASES: "2", KG_MAX_TOKENS: "50", KG_MAX_COST: "9", KG_MAX_DIRECTIVES: "1" }).limits).toEqual({
        depth: 4,
        aliases: 2,
        tokens: 50,
        cost: 9,
        directives: 1,
      });
      expect(() => config({ KG_MAX_DEPTH: "ten" })).toThrow(/KG_MAX_DEPTH must be a whole number/);
      expect(() => config({ KG_MAX_BODY_BYTES: "-1" })).toThrow(/KG_MAX_BODY_BYTES/);
    });
  });

  describe("introspection, suggestions, GraphiQL by environment", () => {
    it("development: introspection, field suggestions and GraphiQL on", async () => {
      expect((await gql(dev, "{ __schema { queryType { name } } }")).body.errors).toBeUndefined();
      expect((await gql(dev, "{ stats { articlez } }")).body.errors![0]!.message).toMatch(/Did you mean/);
      const page = await dev.fetch("http://yoga/graphql", { headers: { accept: "text/html" } });
      expect(await page.text()).toContain("graphiql");
    });

    it("the standard introspection query (GraphiQL's, codegen's) passes the cost limit; deeper introspection fan-out does not", async () => {
      const full = await gql(
        dev,
        getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true, directiveIsRepeatable: true }),
      );
      expect(full.body.errors).toBeUndefined();
      expect(JSON.stringify(full.body.data)).toContain('"name":"Entity"');
      const fanOut = await gql(dev, "{ __schema { types { fields { args { type { enumValues { name } } } } } } }");
      expect(fanOut.status).toBe(400);
      expect(fanOut.body.errors![0]!.extensions!.code).toBe("QUERY_LIMIT_EXCEEDED");
      expect(fanOut.body.errors![0]!.message).toMatch(/Introspection list fields nest 4 deep; at most 3/);
      // Only an introspection-only operation is exempt from the data cost: with a data field next to it, the whole is priced.
      const tight = testApp({ db, log, security: config({ KG_MAX_COST: "20" }) });
      expect((await gql(tight, "{ __schema { types { name fields { name args { name } } } } }")).body.errors).toBeUndefined();
      expect(codes((await gql(tight, "{ __schema { types { name fields { name args { name } } } } stats { articles } }")).body)).toEqual([
        "QUERY_LIMIT_EXCEEDED",
      ]);
    });

    it("production: introspection, field suggestions and GraphiQL off by default; __typename still works", async () => {
      const intro = await gql(prod, "{ __schema { queryType { name } } }");
      expect(intro.body.data ?? null).toBeNull();
      expect(intro.body.errors![0]!.message).toMatch(/introspection has been disabled/);
      expect((await gql(prod, '{ __type(name: "Entity") { name } }')).body.errors).toBeDefined();
      const typo = await gql(prod, "{ stats { articlez } }");
      expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean|articles/);
      expect((await gql(prod, "{ __typename }")).body.data).toEqual({ __typename: "Query" });
      const page = await prod.fetch("http://yoga/graphql", { headers: { accept: "text/html" } });
      expect(await page.text()).not.toContain("graphiql");
    });

    it("each switch can be set explicitly", () => {
      const c = config({ NODE_ENV: "production", KG_INTROSPECTION: "true", KG_GRAPHIQL: "true" });
      expect([c.introspection, c.graphiql, c.fieldSuggestions]).toEqual([true, true, true]);
      const d = config({ KG_INTROSPECTION: "false" });
      expect([d.introspection, d.graphiql, d.fieldSuggestions]).toEqual([false, true, false]);
    });
  });

  describe("CORS and CSRF", () => {
    const corsApp = testApp({ db, log, security: config({ KG_CORS_ORIGINS: "https://app.example.org, http://localhost:5173" }) });
    const preflight = (app: App, origin: string) =>
      app.fetch("http://yoga/graphql", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
      });

    it("allows only the configured origins, without credentials", async () => {
      const ok = await preflight(corsApp, "https://app.example.org");
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
      expect(ok.headers.get("access-control-allow-credentials")).toBeNull();
      expect(ok.headers.get("access-control-allow-headers")).toContain("authorization");
      const bad = await preflight(corsApp, "https://evil.example.com");
      expect(bad.headers.get("access-control-allow-origin")).toBeNull();
      // No origins configured (the default): no CORS headers for anyone.
      expect((await preflight(dev, "https://app.example.org")).headers.get("access-control-allow-origin")).toBeNull();
      const res = await corsApp.fetch("http://yoga/graphql", {
        method: "POST",
        headers: { origin: "http://localhost:5173", "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      expect(res.headers.get("access-control-expose-headers")).toContain("x-request-id");
      expect(res.headers.get("access-control-expose-headers")).toContain("x-kg-cache");
      expect(() => config({ KG_CORS_ORIGINS: "app.example.org/path" })).toThrow(/KG_CORS_ORIGINS/);
    });

    it("refuses simple (CSRF-able) requests without a preflight header", async () => {
      const q = encodeURIComponent("{ __typename }");
      const get = await dev.fetch(`http://yoga/graphql?query=${q}`);
      expect(get.status).toBe(403);
      expect(((await get.json()) as Body).errors![0]!.extensions!.code).toBe("CSRF_CHECK_FAILED");
      const withHeader = await dev.fetch(`http://yoga/graphql?query=${q}`, { headers: { "x-graphql-yoga-csrf": "1" } });
      expect(withHeader.status).toBe(200);
      // A cross-site form post (text/plain) cannot run a mutation, even with a key.
      const form = await dev.fetch("http://yoga/graphql", {
        method: "POST",
        headers: { "content-type": "text/plain", ...auth },
        body: JSON.stringify({ query: 'mutation { deleteArticle(id: "x") { deleted } }' }),
      });
      expect(form.status).toBe(403);
    });
  });

  describe("API keys", () => {
    const text = (tag: string) => `${tag}: Iraqi forces retook Mosul from ISIS, the ministry said in a statement on Tuesday.`;
    const ingest = (app: App, id: string, headers: Record<string, string>) =>
      gql(app, "mutation($a: ArticleInput!) { ingestArticle(input: $a) { articleId status } }", { a: { id, text: text(id) } }, headers);

    it("refuses a mutation without a key, or with a wrong key, and writes nothing", async () => {
      const id = `${prefix}-auth-1`;
      const attempts: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${OTHER_KEY}` },
        { authorization: "Basic dXNlcjpwYXNz" },
        { authorization: "Bearer" },
      ];
      for (const headers of attempts) {
        const r = await ingest(dev, id, headers);
        expect(r.status).toBe(401);
        expect(codes(r.body)).toEqual(["UNAUTHENTICATED"]);
        expect(r.res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      expect(await articleCount([id])).toBe(0);
      const del = await gql(dev, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id: ids[0] });
      expect(codes(del.body)).toEqual(["UNAUTHENTICATED"]);
      expect(await articleCount([ids[0]!])).toBe(1);
    });

    it("accepts any configured key", async () => {
      const two = testApp({ db, log, security: securityConfig({ KG_API_KEYS: `${OTHER_KEY}, ${KEY}` }) });
      const id = `${prefix}-auth-2`;
      const r = await ingest(two, id, auth);
      expect(r.body.errors).toBeUndefined();
      expect((r.body.data!.ingestArticle as { status: string }).status).toBe("NEW");
      expect(await articleCount([id])).toBe(1);
      const d = await gql(two, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id }, { authorization: `bearer ${OTHER_KEY}` });
      expect(d.body.data).toEqual({ deleteArticle: { deleted: true } });
    });

    it("with no keys configured, refuses mutations and says how to configure keys", async () => {
      const none = testApp({ db, log, security: securityConfig({}) });
      const id = `${prefix}-auth-3`;
      const r = await ingest(none, id, {});
      expect(codes(r.body)).toEqual(["UNAUTHENTICATED"]);
      expect(r.body.errors![0]!.message).toMatch(/KG_API_KEYS=.*KG_ALLOW_ANONYMOUS_WRITES=true/s);
      expect(await articleCount([id])).toBe(0);
    });

    it("KG_ALLOW_ANONYMOUS_WRITES=true works on loopback outside production only", async () => {
      const open = testApp({ db, log, security: securityConfig({ KG_ALLOW_ANONYMOUS_WRITES: "true" }, "127.0.0.1") });
      const id = `${prefix}-auth-4`;
      expect((await ingest(open, id, {})).body.errors).toBeUndefined();
      expect(await articleCount([id])).toBe(1);
      // A wrong key is still refused.
      expect(codes((await gql(open, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id }, { authorization: "Bearer nope" })).body)).toEqual([
        "UNAUTHENTICATED",
      ]);
      await gql(open, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id });
      expect(() => securityConfig({ KG_ALLOW_ANONYMOUS_WRITES: "true", NODE_ENV: "production" })).toThrow(/NODE_ENV=production/);
      expect(() => securityConfig({ KG_ALLOW_ANONYMOUS_WRITES: "true" }, "0.0.0.0")).toThrow(/loopback/);
      expect(() => securityConfig({ KG_API_KEYS: "short" })).toThrow(/at least 16 characters/);
    });

    it("reads are open by default and closed by KG_REQUIRE_AUTH_FOR_READS=true (GraphQL and /metrics)", async () => {
      expect((await gql(dev, "{ stats { articles } }")).body.errors).toBeUndefined();
      const closed = testApp({ db, log, security: config({ KG_REQUIRE_AUTH_FOR_READS: "true" }) });
      const r = await gql(closed, "{ stats { articles } }");
      expect(r.status).toBe(401);
      expect(codes(r.body)).toEqual(["UNAUTHENTICATED"]);
      expect((await gql(closed, "{ stats { articles } }", undefined, auth)).body.errors).toBeUndefined();
      expect((await closed.fetch("http://yoga/metrics")).status).toBe(401);
      expect((await closed.fetch("http://yoga/metrics", { headers: auth })).status).toBe(200);
      expect((await dev.fetch("http://yoga/metrics")).status).toBe(200);
    });
  });

  describe("size limits", () => {
    it("refuses a body over KG_MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE, declared or streamed", async () => {
      const small = testApp({ db, log, security: config({ KG_MAX_BODY_BYTES: "4096" }) });
      const big = JSON.stringify({ query: `{ entity(name: "${"x".repeat(5000)}") { name } }` });
      const declared = await small.fetch("http://yoga/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(big.length) },
        body: big,
      });
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as Body).errors![0]!.extensions!.code).toBe("PAYLOAD_TOO_LARGE");
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 600, (i + 1) * 600)));
          c.close();
        },
      });
      const streamed = await small.fetch("http://yoga/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(streamed.status).toBe(413);
    });

    it("refuses an article over the 2 MB default with a clear BAD_USER_INPUT and stores nothing", async () => {
      const id = `${prefix}-big`;
      const text = "Iraqi forces retook Mosul. ".repeat(Math.ceil((2 * 1024 * 1024 + 10) / 27));
      const r = await gql(dev, "mutation($a: ArticleInput!) { ingestArticle(input: $a) { articleId } }", { a: { id, text } }, auth);
      expect(codes(r.body)).toEqual(["BAD_USER_INPUT"]);
      expect(r.body.errors![0]!.message).toMatch(/over the limit of 2097152.*KG_MAX_ARTICLE_BYTES/);
      expect(await articleCount([id])).toBe(0);
    });
  });

  describe("no Cypher injection", () => {
    const hostile = [
      `"`,
      `'`,
      "`",
      "\\",
      `"}) RETURN 1 //`,
      `' OR 1=1 //`,
      "`}) MATCH (n) DETACH DELETE n //",
      `} RETURN n //`,
      `x"}) DETACH DELETE a WITH a MATCH (b {id: "`,
      `$ids`,
      `{id: 1}`,
      `Mosul' OR '1'='1`,
      `*`,
      `?`,
      `~`,
      `a~2`,
      `AND`,
      `OR NOT`,
      `title:foo`,
      `(unbalanced`,
      `[a TO`,
      `{a TO b}`,
      `"unterminated`,
      `/regex/`,
      `a^2`,
      `+-&&||!(){}[]^"~*?:\\/`,
      `text:*`,
      `*:*`,
      `\u0000`,
      `ISIS\u0000`,
      "x".repeat(10_000),
      "مدينة الموصل",
      "🔥💥",
      "   ",
      "",
    ];
    const READS: [string, (s: string) => { q: string; v: Record<string, unknown> }][] = [
      ["entity(name)", (s) => ({ q: "query($s: String) { entity(name: $s) { name } }", v: { s } })],
      ["entity(id)", (s) => ({ q: "query($s: ID) { entity(id: $s) { name } }", v: { s } })],
      ["entities(search)", (s) => ({ q: "query($s: String) { entities(search: $s, first: 3) { totalCount edges { node { name } } } }", v: { s } })],
      ["relations(subject, object)", (s) => ({ q: "query($s: String) { relations(subject: $s, object: $s) { totalCount } }", v: { s } })],
      ["quotes(speaker, search)", (s) => ({ q: "query($s: String) { a: quotes(speaker: $s) { totalCount } b: quotes(search: $s) { totalCount } }", v: { s } })],
      [
        "articles(filter)",
        (s) => ({
          q: "query($s: String, $m: [ID!]) { a: articles(filter: {search: $s}) { totalCount } b: articles(filter: {mentions: $m}) { totalCount } }",
          v: { s, m: [s] },
        }),
      ],
      ["article(id)", (s) => ({ q: "query($s: ID!) { article(id: $s) { title } }", v: { s } })],
      [
        "connections(from, to)",
        (s) => ({ q: 'query($s: String!) { a: connections(from: $s, to: "Mosul") { length } b: connections(from: "ISIS", to: $s) { length } }', v: { s } }),
      ],
      ["compareArticles(a, b)", (s) => ({ q: "query($s: ID!, $id: ID!) { compareArticles(a: $s, b: $id) { onlyInA { type } } }", v: { s, id: ids[0] } })],
      ["node(id)", (s) => ({ q: "query($s: ID!) { node(id: $s) { id } }", v: { s } })],
    ];
    const WRITES = new Set([
      "mergeArticles",
      "clearArticleContributions",
      "upsertEntities",
      "createMentions",
      "createRelations",
      "createQuotes",
      "deleteOrphanEntities",
      "deleteArticles",
      "mergeEntities",
      "lockEntities",
      "refreshMentionCounts",
      "bumpGraphVersion",
      "recordArticleChanges",
    ]);

    it("hostile names, ids and search strings give normal results (or NOT_FOUND) or BAD_USER_INPUT, and write nothing", async () => {
      const statements: string[] = [];
      const stop = db.observe((e) => statements.push(e.name));
      const [before] = await db.read("stats");
      const seen = new Set<string>();
      try {
        for (const [field, make] of READS) {
          for (const s of hostile) {
            const { q, v } = make(s);
            const r = await gql(dev, q, v);
            for (const c of codes(r.body)) {
              seen.add(`${field}: ${c}`);
              expect(["BAD_USER_INPUT", "NOT_FOUND"], `${field} with ${JSON.stringify(s.slice(0, 40))}: ${r.body.errors?.[0]?.message}`).toContain(c);
            }
            if (!r.body.errors) expect(r.body.data).toBeTruthy();
          }
        }
      } finally {
        stop();
      }
      // Each field refused what it must (the empty string, 10,000 characters, a string with no words
      // left) as BAD_USER_INPUT, and where a name must name something, said NOT_FOUND: the hostile
      // strings reached every resolver, not only the request checks. node(id) answers null to all.
      expect([...seen].sort()).toEqual([
        "article(id): BAD_USER_INPUT",
        "articles(filter): BAD_USER_INPUT",
        "compareArticles(a, b): BAD_USER_INPUT",
        "compareArticles(a, b): NOT_FOUND",
        "connections(from, to): BAD_USER_INPUT",
        "connections(from, to): NOT_FOUND",
        "entities(search): BAD_USER_INPUT",
        "entity(id): BAD_USER_INPUT",
        "entity(name): BAD_USER_INPUT",
        "quotes(speaker, search): BAD_USER_INPUT",
        "relations(subject, object): BAD_USER_INPUT",
      ]);
      expect(statements.filter((n) => WRITES.has(n))).toEqual([]);
      // Our articles and what they assert are intact.
      expect(await articleCount(ids)).toBe(2);
      const [after] = await db.read("stats");
      expect(after).toEqual(before); // nothing was written: not one article, entity or relation more or less
      const mosul = await gql(dev, `{ relations(type: CAPTURED, object: "Mosul") { totalCount } }`);
      expect((mosul.body.data!.relations as { totalCount: number }).totalCount).toBeGreaterThan(0);
    });

    it("hostile article ids and texts are stored as plain data by an authorised mutation", async () => {
      const id = `${prefix}-"}) DETACH DELETE n //\`'`;
      const r = await gql(
        dev,
        "mutation($a: ArticleInput!) { ingestArticle(input: $a) { articleId status } }",
        { a: { id, title: "` MATCH (n) DETACH DELETE n", text: 'ISIS leader Abu Bakr al-Baghdadi"}) RETURN 1 // said nothing.' } },
        auth,
      );
      expect(r.body.errors).toBeUndefined();
      const got = await gql(dev, "query($id: ID!) { article(id: $id) { key title } }", { id });
      expect(got.body.data).toEqual({ article: { key: id, title: "` MATCH (n) DETACH DELETE n" } });
      expect(await articleCount(ids)).toBe(2);
      await gql(dev, "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }", { id }, auth);
    });
  });
});
