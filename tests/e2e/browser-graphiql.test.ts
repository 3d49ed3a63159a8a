/**
 * GraphiQL in a real browser (headless Chromium), against a real socket on seeded data, with every
 * request to a host other than 127.0.0.1 blocked: the page must load, with the explorer plugin,
 * and run its default query from our own assets alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { DEFAULT_QUERY } from "../../src/server/default-query.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { seedRecords, SEED_IDS } from "../support/seeds.ts";
import { chromiumPresent, guardedPage, launchChromium, type Launched } from "../support/browser.ts";

describe("the pages' switches", () => {
  it("KG_GRAPHIQL=false and KG_EXPLORER=false turn the pages and their assets off", async () => {
    const db = testDb();
    const app = testApp({ db, log: pino({ level: "silent" }), security: securityConfig({ KG_GRAPHIQL: "false", KG_EXPLORER: "false" }) });
    try {
      for (const p of ["/", "/assets/graphiql/graphiql.css", "/assets/explorer/explorer.js", "/assets/vendor/cytoscape.esm.min.mjs"]) {
        expect((await app.fetch(`http://yoga${p}`, { headers: { accept: "text/html" } })).status, p).toBe(404);
      }
      const page = await app.fetch("http://yoga/graphql", { headers: { accept: "text/html" } });
      expect(await page.text()).not.toContain("yoga-graphiql");
    } finally {
      await app.dispose();
      await db.close();
    }
  });
});

describe.skipIf(!chromiumPresent)("GraphiQL offline, in Chromium", () => {
  const db = testDb();
  const prefix = uniquePrefix("graphiql");
  let server: RunningServer;
  let chromium: Launched;
  let base: string;

  beforeAll(async () => {
    await ingest(db, seedRecords(prefix));
    server = await listen({
      db,
      log: pino({ level: "silent" }),
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_GRAPHIQL: "true" }, "127.0.0.1"),
      ensureSchema: false,
    });
    base = server.url.replace(/\/graphql$/, "");
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await deleteArticles(
      db,
      SEED_IDS.map((id) => prefix + id),
    );
    await server?.close(); // closes db too
  });

  it("serves the page with a 'self'-only Content-Security-Policy and no foreign URL", async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const html = await res.text();
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("/assets/graphiql/yoga-graphiql.umd.js");
    // The default query travels to the page as data.
    expect(html).toContain(JSON.stringify(DEFAULT_QUERY).slice(1, 40).replace(/</g, "\\u003c"));
    const asset = await fetch(`${base}/assets/graphiql/yoga-graphiql.umd.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    await asset.arrayBuffer();
    expect((await fetch(`${base}/assets/graphiql/../../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
  });

  it("loads without any request leaving the host and runs the default query", async () => {
    const { page, blocked, errors } = await guardedPage(chromium.browser);
    const loaded: string[] = [];
    page.on("requestfinished", (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(`${base}/graphql`, { waitUntil: "networkidle0", timeout: 60_000 });
    // The default query is in the editor, and the explorer plugin's button is in the sidebar.
    await page.waitForSelector(".graphiql-execute-button", { timeout: 60_000 });
    await page.waitForFunction(
      () => (document.querySelector(".graphiql-query-editor")?.textContent ?? "").replace(/\s+/g, " ").includes("relations(type: CAPTURED"),
      { timeout: 30_000 },
    );
    expect(await page.$('button[aria-label*="Explorer" i]')).not.toBeNull();
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(() => /"totalCount":\s*[1-9]/.test((document.querySelector(".graphiql-response")?.textContent ?? "").replace(/\s+/g, " ")), {
      timeout: 30_000,
    });
    const result = ((await page.$eval(".graphiql-response", (e) => e.textContent)) ?? "").replace(/\s+/g, " ");
    expect(result).toContain('"relations"');
    expect(result).toContain('"data"');
    expect(result).toMatch(/"subject": \{ "name": "(Islamic State|Iraqi special forces)"/);
    // The Monaco workers came from us too.
    expect(loaded.some((p) => p.startsWith("/assets/graphiql/workers/"))).toBe(true);
    await page.screenshot({ path: "docs/graphiql.png" });
    expect(blocked).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await page.close();
  });
});
