/**
 * Bad input: each case gets a clear error, and where the input was rejected the database is unchanged.
 * GraphQL cases through app.fetch; file cases through readArticles and `kg ingest` (child process).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { readArticles, type ArticleRecord } from "../../src/input/read-articles.ts";
import { articleId } from "../../src/extraction/article-id.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { statementsDuring, testDb, uniquePrefix } from "../support/db.ts";
import { nlpEnv } from "../support/kg-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const KEY = "bad-input-key-0123456789";
type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

describe("bad input", () => {
  const db = testDb();
  const app = testApp({ db, log: pino({ level: "silent" }), security: securityConfig({ KG_API_KEYS: KEY }) });
  const prefix = uniquePrefix("bad");
  const cleanup: string[] = [];
  afterAll(async () => {
    if (cleanup.length) await deleteArticles(db, cleanup);
    await db.close();
  });
  const stats = async () => {
    const [s] = await db.read("stats");
    return s;
  };
  const present = async (ids: string[]) => (await db.read("articlesByIds", { ids })).map((r) => r.id as string);

  const raw = async (body: BodyInit, headers: Record<string, string> = {}) => {
    const res = await app.fetch("http://yoga/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${KEY}`, ...headers },
      body,
    });
    const text = await res.text();
    let json: Body = {};
    try {
      json = JSON.parse(text) as Body;
    } catch {
      /* leave empty */
    }
    return { status: res.status, body: json, text };
  };
  const gql = (query: string, variables?: unknown) => raw(JSON.stringify({ query, variables }));
  const code = (b: Body) => b.errors?.[0]?.extensions?.code;

  describe("GraphQL (app.fetch)", () => {
    const INGEST = "mutation($a: ArticleInput!) { ingestArticle(input: $a) { articleId status } }";

    it("malformed GraphQL: GRAPHQL_PARSE_FAILED with where", async () => {
      for (const q of ["{ stats { articles ", "query { entity(name: ) { name } }", "}}}", 'mutation { ingestArticle(input: {text: "x"}) { articleId ']) {
        const r = await gql(q);
        expect(r.status).toBe(400);
        expect(code(r.body)).toBe("GRAPHQL_PARSE_FAILED");
        expect(r.body.errors![0]!.message).toMatch(/^Syntax Error/);
      }
    });

    it("wrong variable types and missing / mistyped fields: a clear error, nothing written", async () => {
      const id = `${prefix}-vars`;
      const cases: [string, unknown][] = [
        ["query($n: Int) { entities(first: $n) { totalCount } }", { n: "ten" }],
        ["query($t: RelationType) { relations(type: $t) { totalCount } }", { t: "OWNS" }],
        [INGEST, { a: { id, title: "no text" } }],
        [INGEST, { a: { id, text: 42 } }],
        [INGEST, { a: { id, text: ["a"] } }],
        [INGEST, { a: "just a string" }],
        [INGEST, undefined],
        ["mutation { ingestArticle(input: {id: 1, text: 2}) { articleId } }", undefined],
      ];
      for (const [q, v] of cases) {
        const r = await gql(q, v);
        expect(r.body.data ?? null, r.text).toBeNull();
        expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"], r.text).toContain(code(r.body));
        expect(r.body.errors![0]!.message.length).toBeGreaterThan(10);
      }
      // Semantically invalid values pass GraphQL typing and are refused by validation.
      for (const a of [
        { id, text: "   " },
        { id, text: "Mosul was retaken.", url: "javascript:alert(1)" },
        { id, text: "Mosul was retaken.", publishedAt: "yesterday-ish" },
        { id: "", text: "x" },
      ]) {
        const r = await gql(INGEST, { a });
        expect(code(r.body), r.text).toBe("BAD_USER_INPUT");
      }
      expect(await present([id])).toEqual([]);
    });

    it("JSON body problems: invalid JSON, no query, wrong shapes", async () => {
      for (const body of ['{"query": "{ stats { articles } }"', "[1,2", '{"variables": {}}', '{"query": 42}', '"just a string"', "null", ""]) {
        const r = await raw(body);
        expect(r.status, body).toBe(400);
        expect(r.body.errors?.[0]?.message, body).toBeTruthy();
      }
    });

    it("50-level nesting and 1,000 aliases are refused before any resolver runs", async () => {
      const {
        result: [deep, aliases],
        names: statements,
      } = await statementsDuring(db, async () => [
        await gql(`{ entity(name: "ISIS") ${"{ relations { subject ".repeat(25)}{ id }${" } }".repeat(25)} }`),
        await gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: entity(name: "ISIS") { name }`).join(" ")} }`),
      ]);
      expect(code(deep.body)).toBe("QUERY_LIMIT_EXCEEDED");
      expect(code(aliases.body)).toBe("QUERY_LIMIT_EXCEEDED");
      expect(statements).toEqual([]);
    });

    it("a 10 MB query string: 413 PAYLOAD_TOO_LARGE; a 1 MB one: the token limit", async () => {
      const big = await gql(`{ ${"stats { articles } ".repeat((10 * 1024 * 1024) / 19)} }`);
      expect(big.status).toBe(413);
      expect(code(big.body)).toBe("PAYLOAD_TOO_LARGE");
      const mid = await gql(`{ ${"stats { articles } ".repeat((1024 * 1024) / 19)} }`);
      expect(mid.status).toBe(400);
      expect(code(mid.body)).toBe("QUERY_LIMIT_EXCEEDED");
    });

    it("variables nested 100,000 deep (unused): 400 BAD_USER_INPUT before anything reads them, not a stack overflow", async () => {
      const deep = `{"query":"{ stats { articles } }","variables":{"unused":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`;
      const { result: r, names } = await statementsDuring(db, () => raw(deep));
      expect(r.status).toBe(400);
      expect(code(r.body)).toBe("BAD_USER_INPUT");
      expect(r.body.errors![0]!.message).toMatch(/variables nest more than 32 levels/);
      expect(names).toEqual([]);
      // Under the limit: answered as usual.
      const ok = await raw(`{"query":"{ stats { articles } }","variables":{"unused":${"[".repeat(30)}${"]".repeat(30)}}}`);
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
    });

    it("invalid UTF-8 in the body: 400 BAD_USER_INPUT, nothing written", async () => {
      const id = `${prefix}-utf8`;
      const body = Buffer.concat([
        Buffer.from(`{"query":"mutation { ingestArticle(input: {id: \\"${id}\\", text: \\"Mosul `),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(` retaken\\"}) { articleId } }"}`),
      ]);
      const r = await raw(body);
      expect(r.status).toBe(400);
      expect(code(r.body)).toBe("BAD_USER_INPUT");
      expect(r.body.errors![0]!.message).toMatch(/UTF-8/);
      expect(await present([id])).toEqual([]);
    });

    it("NUL bytes: in a document (parse error), in an article (BAD_USER_INPUT), in a search (a normal answer)", async () => {
      expect(code((await gql("{ stats \u0000 { articles } }")).body)).toBe("GRAPHQL_PARSE_FAILED");
      const id = `${prefix}-nul`;
      const r = await gql(INGEST, { a: { id, text: "Iraqi forces\u0000 retook Mosul." } });
      expect(code(r.body)).toBe("BAD_USER_INPUT");
      expect(r.body.errors![0]!.message).toMatch(/NUL/);
      expect(await present([id])).toEqual([]);
      const s = await gql("query($s: String) { entity(name: $s) { name } entities(search: $s) { totalCount } }", { s: "Mosul\u0000" });
      expect(s.body.errors).toBeUndefined();
    });

    it("a batch with some bad inputs stores the good ones and reports each bad one", async () => {
      const good = { id: `${prefix}-good`, text: "Iraqi forces retook Mosul from ISIS in July." };
      cleanup.push(good.id);
      const r = await gql("mutation($in: [ArticleInput!]!) { ingestArticles(inputs: $in) { new failed outcomes { index code message } } }", {
        in: [good, { id: `${prefix}-empty`, text: "" }, { id: `${prefix}-nul2`, text: "a\u0000b" }],
      });
      const p = (r.body.data as { ingestArticles: { new: number; failed: number; outcomes: { index: number; code: string | null; message: string | null }[] } })
        .ingestArticles;
      expect([p.new, p.failed]).toEqual([1, 2]);
      expect(p.outcomes.filter((o) => o.code).map((o) => [o.index, o.code])).toEqual([
        [1, "BAD_USER_INPUT"],
        [2, "BAD_USER_INPUT"],
      ]);
      expect(await present([good.id, `${prefix}-empty`, `${prefix}-nul2`])).toEqual([good.id]);
    });
  });

  describe("files (readArticles and kg ingest)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-bad-"));
    const okJson = { id: `${prefix}-file-ok`, text: "The Iraqi army retook Mosul from ISIS, officials said." };
    fs.writeFileSync(path.join(dir, "a-ok.json"), JSON.stringify(okJson));
    fs.writeFileSync(
      path.join(dir, "b-broken.csv"),
      `id,title,text\n${prefix}-csv1,"Fine",Mosul was retaken.\n${prefix}-csv2,"Broken quote,Mosul "was" retaken\n`,
    );
    fs.writeFileSync(path.join(dir, "c-empty.txt"), "");
    fs.writeFileSync(
      path.join(dir, "d-binary.txt"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    fs.writeFileSync(path.join(dir, "e-latin1.txt"), Buffer.from("Caf\xe9 in Mosul was retaken.", "latin1"));
    fs.writeFileSync(
      path.join(dir, "f-fields.ndjson"),
      [
        `{"id": "${prefix}-nd1", "title": "no text"}`,
        `{"id": "${prefix}-nd2", "text": 17}`,
        `{"id": "${prefix}-nd3", "text": "x", "publishedAt": "not a date"}`,
        `{not json`,
        `{"id": "${prefix}-nd4", "text": "Mosul\\u0000 was retaken."}`,
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "g-empty.csv"), "");
    fs.writeFileSync(path.join(dir, "h-unreadable.md"), "# Secret\nMosul was retaken.");
    fs.chmodSync(path.join(dir, "h-unreadable.md"), 0o000);
    fs.chmodSync(dir, 0o755);
    const badIds = [`${prefix}-csv2`, `${prefix}-nd1`, `${prefix}-nd2`, `${prefix}-nd3`, `${prefix}-nd4`];
    const validIds = [okJson.id, `${prefix}-csv1`];
    // Running as root, chmod 000 does not stop reads: run kg ingest as "nobody" then (it needs to read the repo, which is world-readable).
    const asRoot = process.getuid?.() === 0;

    it("readArticles reports each bad record with file, line and a clear message", async () => {
      const recs: ArticleRecord[] = [];
      for await (const r of readArticles([dir])) recs.push(r);
      const bad = recs
        .filter((r): r is ArticleRecord & { ok: false } => !r.ok)
        .map((r) => `${path.basename(r.origin.file)}${r.origin.line ? `:${r.origin.line}` : ""} ${r.code} ${r.message}`);
      expect(bad.join("\n")).toMatch(/b-broken\.csv:\d+ BAD_USER_INPUT CSV/);
      expect(bad.join("\n")).toMatch(/c-empty\.txt BAD_USER_INPUT the file is empty/);
      expect(bad.join("\n")).toMatch(/d-binary\.txt BAD_USER_INPUT .*binary/);
      expect(bad.join("\n")).toMatch(/e-latin1\.txt BAD_USER_INPUT .*UTF-8/);
      expect(bad.join("\n")).toMatch(/f-fields\.ndjson:1 BAD_USER_INPUT missing required field "text"/);
      expect(bad.join("\n")).toMatch(/f-fields\.ndjson:2 BAD_USER_INPUT field "text" must be a string/);
      expect(bad.join("\n")).toMatch(/f-fields\.ndjson:3 BAD_USER_INPUT field "publishedAt" is not a date/);
      expect(bad.join("\n")).toMatch(/f-fields\.ndjson:4 BAD_USER_INPUT invalid JSON/);
      expect(bad.join("\n")).toMatch(/f-fields\.ndjson:5 BAD_USER_INPUT .*NUL/);
      expect(bad.join("\n")).toMatch(/g-empty\.csv BAD_USER_INPUT/);
      if (!asRoot) expect(bad.join("\n")).toMatch(/h-unreadable\.md INPUT_UNREADABLE/);
      const okFiles = recs.filter((r) => r.ok).map((r) => `${path.basename(r.origin.file)}${r.origin.line ? `:${r.origin.line}` : ""}`);
      expect(okFiles).toEqual(["a-ok.json", "b-broken.csv:2", ...(asRoot ? ["h-unreadable.md"] : [])]);
      expect(recs.filter((r) => r.ok && r.origin.file.endsWith(".json")).map((r) => (r.ok ? articleId(r.article) : ""))).toEqual([validIds[0]]);
    });

    it("kg ingest on the folder: stores the valid records, reports every bad one (unreadable file included), exit 1", async () => {
      cleanup.push(...validIds);
      const before = await stats();
      const cfg = inject("neo4j");
      const child = spawn(process.execPath, [path.join(ROOT, "bin/kg.js"), "ingest", dir, "--json"], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...nlpEnv(),
          NEO4J_URI: cfg.uri,
          NEO4J_USER: cfg.user,
          NEO4J_PASSWORD: cfg.password,
          NEO4J_DATABASE: cfg.database,
          HOME: os.tmpdir(),
        },
        stdio: ["ignore", "pipe", "pipe"],
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      const exit = await new Promise<number | null>((r) => child.once("exit", r));
      expect(exit, err).toBe(1);
      const summary = JSON.parse(out.trim().split("\n").at(-1)!) as {
        new: number;
        updated: number;
        unchanged: number;
        failed: number;
        failures: { origin: { file: string; line?: number }; code: string; message: string }[];
      };
      const reported = summary.failures.map((f) => `${path.basename(f.origin.file)}${f.origin.line ? `:${f.origin.line}` : ""} ${f.code}`);
      expect(reported).toEqual(
        expect.arrayContaining([
          "c-empty.txt BAD_USER_INPUT",
          "d-binary.txt BAD_USER_INPUT",
          "e-latin1.txt BAD_USER_INPUT",
          "f-fields.ndjson:1 BAD_USER_INPUT",
          "f-fields.ndjson:4 BAD_USER_INPUT",
          "g-empty.csv BAD_USER_INPUT",
          "h-unreadable.md INPUT_UNREADABLE",
        ]),
      );
      expect(reported.some((r) => r.startsWith("b-broken.csv:"))).toBe(true);
      expect(err).toMatch(/skipped .*h-unreadable\.md: INPUT_UNREADABLE: cannot read the file: permission denied/);
      expect(summary.new + summary.updated + summary.unchanged).toBe(2);
      expect((await present([...validIds, ...badIds])).sort()).toEqual([...validIds].sort());
      const after = await stats();
      expect(Number(after!.articles)).toBeGreaterThanOrEqual(Number(before!.articles));
    }, 60_000);
  });
});
