/**
 * Article ids are the client's own, and may look like global ids (issue 11, item 9): an article
 * stored as "Entity:x" or "Article:x" is fetched, compared and deleted by that id, bare or global.
 */
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { responseCacheConfig } from "../../src/server/response-cache.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";

const KEY = "article-ids-key-0123456789";
const auth = { authorization: `Bearer ${KEY}` };

describe("article ids that look like global ids", () => {
  const db = testDb();
  const app = testApp({
    db,
    log: pino({ level: "silent" }),
    security: securityConfig({ KG_API_KEYS: KEY }),
    responseCache: responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }),
  });
  const p = uniquePrefix("gid");
  const ids = [`Entity:${p}`, `Article:${p}`, `Quote:${p}#1-2`];
  afterAll(async () => {
    await deleteArticles(db, ids);
    await app.dispose();
    await db.close();
  });
  const key = async (id: string) =>
    (await gql<{ article: { key: string } | null }>(app, "query($id: ID!) { article(id: $id) { key } }", { id })).data?.article?.key ?? null;

  it("are stored, fetched by the bare id and by their global id, compared and deleted", async () => {
    const r = await gql<{ ingestArticles: { failed: number } }>(
      app,
      "mutation($in: [ArticleInput!]!) { ingestArticles(inputs: $in) { failed } }",
      { in: ids.map((id) => ({ id, text: `Iraqi forces retook Mosul from ISIS, ${id} said.` })) },
      auth,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.ingestArticles.failed).toBe(0);
    for (const id of ids) {
      expect(await key(id)).toBe(id);
      expect(await key(`Article:${id}`)).toBe(id);
    }
    const cmp = await gql<{ compareArticles: { a: { key: string }; b: { key: string } } }>(
      app,
      "query($a: ID!, $b: ID!) { compareArticles(a: $a, b: $b) { a { key } b { key } } }",
      { a: ids[0], b: ids[2] },
    );
    expect(cmp.errors).toBeUndefined();
    expect([cmp.data!.compareArticles.a.key, cmp.data!.compareArticles.b.key]).toEqual([ids[0], ids[2]]);
    for (const id of ids) {
      const d = await gql<{ deleteArticle: { id: string; deleted: boolean } }>(
        app,
        "mutation($id: ID!) { deleteArticle(id: $id) { id deleted } }",
        { id },
        auth,
      );
      expect(d.errors).toBeUndefined();
      expect(d.data!.deleteArticle).toEqual({ id, deleted: true });
      expect(await key(id)).toBeNull();
    }
  });

  it("an unknown id of that shape is simply not found", async () => {
    expect(await key(`Entity:${p}-none`)).toBeNull();
    const d = await gql<{ deleteArticle: { deleted: boolean } }>(
      app,
      "mutation($id: ID!) { deleteArticle(id: $id) { deleted } }",
      { id: `Relation:${p}-none` },
      auth,
    );
    expect(d.data!.deleteArticle.deleted).toBe(false);
  });
});
