/**
 * Ingests through the API extract off the event loop, within a budget per article (issue 11, item 4),
 * over real HTTP: a heavy article neither stalls /health nor takes the other articles down with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { extractArticle } from "../../src/extraction/index.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { securityConfig } from "../../src/security/config.ts";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { testDb, uniquePrefix } from "../support/db.ts";

const KEY = "extraction-budget-key-0123";
const PARA = 'Iraqi forces captured Mosul from ISIS in 2017, the Pentagon said. "It is over," Col. Pat Work said. ';

describe("extraction budget on API ingests", () => {
  const db = testDb();
  const prefix = uniquePrefix("budget");
  const ids = [`${prefix}-big`, `${prefix}-small`, `${prefix}-huge`];
  let fast: RunningServer;
  let tight: RunningServer;
  beforeAll(async () => {
    const security = securityConfig({ KG_API_KEYS: KEY }, "127.0.0.1");
    const log = pino({ level: "silent" });
    fast = await listen({ db, log, host: "127.0.0.1", port: 0, security, ensureSchema: false, extraction: { timeoutMs: 60_000, memoryMb: 512 } });
    tight = await listen({ db, log, host: "127.0.0.1", port: 0, security, ensureSchema: false, extraction: { timeoutMs: 300, memoryMb: 256 } });
  });
  afterAll(async () => {
    await deleteArticles(db, ids);
    await Promise.all([fast.close(), tight.close()]);
  });

  const ingest = (server: RunningServer, articles: { id: string; text: string }[]) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        query: "mutation($in: [ArticleInput!]!) { ingestArticles(inputs: $in) { new failed outcomes { articleId status code message } } }",
        variables: { in: articles },
      }),
    }).then(
      (r) =>
        r.json() as Promise<{
          data?: {
            ingestArticles: {
              new: number;
              failed: number;
              outcomes: { articleId: string; status: string | null; code: string | null; message: string | null }[];
            };
          };
          errors?: unknown[];
        }>,
    );

  it("keeps /health answering while a 1.5 MB article is extracted", async () => {
    // Heavy for the rules (every word a name candidate), light to store (two entities, no relation).
    const text = "Abc Def Ghi Jkl said Mno Pqr. ".repeat(50_000);
    const t0 = performance.now();
    extractArticle({ text });
    const inThread = performance.now() - t0;
    let slowest = 0;
    let polls = 0;
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t0 = performance.now();
        const res = await fetch(`${fast.url}/health`);
        await res.arrayBuffer();
        slowest = Math.max(slowest, performance.now() - t0);
        polls++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const body = await ingest(fast, [{ id: ids[0]!, text }]);
    done = true;
    await poll;
    expect(body.errors).toBeUndefined();
    expect(body.data!.ingestArticles.new).toBe(1);
    expect(polls).toBeGreaterThan(5);
    // In the server's own thread the rules would hold the event loop for `inThread` ms (about 1.5 s here);
    // off it, /health waits only for parsing the request and the writes.
    expect(slowest).toBeLessThan(Math.max(400, inThread / 2));
  }, 120_000);

  it("fails only the article over its budget, with a clear code, and stores the others", async () => {
    const huge = PARA.repeat(Math.ceil(1_500_000 / PARA.length));
    const body = await ingest(tight, [
      { id: ids[2]!, text: huge },
      { id: ids[1]!, text: "Mosul was retaken by Iraqi forces in 2017." },
    ]);
    expect(body.errors).toBeUndefined();
    const [h, s] = body.data!.ingestArticles.outcomes;
    expect(h).toMatchObject({ articleId: ids[2], status: null, code: "EXTRACTION_BUDGET_EXCEEDED" });
    expect(h!.message).toMatch(/longer than 300 ms; split it into smaller articles/);
    expect(s).toMatchObject({ articleId: ids[1], status: "NEW", code: null });
    const stored = (await db.read("articlesByIds", { ids })).map((r) => r.id as string).sort();
    expect(stored).toEqual([ids[0], ids[1]].sort());
  }, 120_000);
});
