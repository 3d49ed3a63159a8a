/**
 * SIGTERM, against the test Neo4j, with `kg serve` / `kg ingest` as child processes:
 *   - under query load, with a mutation in flight: in-flight requests are answered (the mutation's
 *     articles are stored completely), no 5xx, and the process exits 0 within 10 s;
 *   - during `kg ingest`: the batch in flight commits or rolls back (no article half-written) and
 *     the process exits within 10 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import neo4j from "neo4j-driver";
import type { ArticleInput } from "../../src/extraction/types.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { checkArticles } from "../../bench/load-lib/verify.ts";
import { killKgProcesses, spawnKg } from "../support/kg-process.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { syntheticArticles } from "../support/articles.ts";

const KEY = "sigterm-key-0123456789abcdef";

// Its own articles (tests/support/articles.ts): this test never skips for want of a corpus.
const corpus = (prefix: string, n: number): ArticleInput[] => syntheticArticles(prefix, n);

describe("SIGTERM", () => {
  const cfg = inject("neo4j");
  // Crash safety of the writes, checked against a rules-only re-extraction (bench/load-lib/verify.ts): no NLP server involved.
  const env = {
    NEO4J_URI: cfg.uri,
    NEO4J_USER: cfg.user,
    NEO4J_PASSWORD: cfg.password,
    NEO4J_DATABASE: cfg.database,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    KG_API_KEYS: KEY,
    KG_NLP: "none",
  };
  const db = testDb();
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password));
  const cleanup: string[] = [];
  afterAll(async () => {
    killKgProcesses();
    if (cleanup.length) await deleteArticles(db, cleanup);
    await driver.close();
    await db.close();
  }, 60_000);

  it("kg serve under query load with a mutation in flight: answers in-flight requests, exits 0 within 10 s", async () => {
    const serve = spawnKg(["serve"], env);
    const [, url] = await serve.line(/GraphiQL: (http:\/\/\S+)/, 30_000);
    const post = (query: string, variables?: object, key = false) =>
      fetch(url!, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${KEY}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    const statuses: number[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        try {
          const r = await post('{ stats { articles } entities(search: "iraq", first: 5) { edges { node { name } } } }');
          await r.text();
          statuses.push(r.status);
        } catch {
          return; // connection refused / closed after the server stopped accepting: expected
        }
      }
    };
    const clients = Array.from({ length: 16 }, () => client());
    await new Promise((r) => setTimeout(r, 1_500));
    const articles = corpus(uniquePrefix("sigterm-serve"), 30);
    cleanup.push(...articles.map((a) => a.id!));
    const mutation = post("mutation($in: [ArticleInput!]!) { ingestArticles(inputs: $in) { new failed } }", { in: articles }, true);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    serve.child.kill("SIGTERM");
    const res = await mutation;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { ingestArticles: { new: number; failed: number } } };
    expect(body.data.ingestArticles).toEqual({ new: 30, failed: 0 });
    expect(await serve.exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    stop = true;
    await Promise.all(clients);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const checks = await checkArticles(driver, cfg.database, articles);
    expect(checks.filter((c) => c.state !== "complete")).toEqual([]);
  }, 60_000);

  it("kg ingest: the batch in flight commits or rolls back, nothing half-written, exits within 10 s", async () => {
    const articles = corpus(uniquePrefix("sigterm-ingest"), 2000);
    cleanup.push(...articles.map((a) => a.id!));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kg-sigterm-")), "articles.ndjson");
    fs.writeFileSync(file, articles.map((a) => JSON.stringify(a)).join("\n") + "\n");
    const ingest = spawnKg(["ingest", file, "--json", "--batch", "50"], env);
    const source = articles[0]!.source!;
    const stored = async () => {
      const s = driver.session({ database: cfg.database });
      try {
        return Number((await s.run("MATCH (a:Article) WHERE a.source = $p RETURN count(a) AS n", { p: source })).records[0]!.get("n"));
      } finally {
        await s.close();
      }
    };
    const t = Date.now();
    while ((await stored()) === 0 && Date.now() - t < 60_000) await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    ingest.child.kill("SIGTERM");
    const code = await ingest.exit;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(ingest.stderr()).toMatch(/stopping after the batch in flight/);
    // kg ingest reports a stopped run with exit 1 ("not everything was loaded"); 0 is accepted too.
    expect([0, 1]).toContain(code);
    const summary = JSON.parse(ingest.stdout().trim().split("\n").at(-1)!) as { new: number; failed: number };
    expect(summary.failed).toBe(0);
    const checks = await checkArticles(driver, cfg.database, articles);
    const complete = checks.filter((c) => c.state === "complete").length;
    expect(checks.filter((c) => c.state === "partial").slice(0, 3)).toEqual([]);
    expect(complete).toBe(summary.new);
    expect(complete).toBeGreaterThan(0);
    expect(complete).toBeLessThan(articles.length);
  }, 90_000);
});
