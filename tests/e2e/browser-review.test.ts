/**
 * The review queue of the explorer (#review=<entity>) in headless Chromium against the real server
 * and Neo4j: a misspelt name is suggested with the evidence for each side; Accept (after the key form
 * asks for a key) merges it, Skip moves on, Reject is remembered after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { Page } from "puppeteer-core";
import { word } from "../../bench/lib/path-chain.ts";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { securityConfig } from "../../src/security/config.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { createStore } from "../../src/store/index.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { chromiumPresent, guardedPage, launchChromium, type GuardedPage, type Launched } from "../support/browser.ts";

const KEY = "review-test-key-0123456789";
const errors: string[] = [];

/** The pair on screen: the two sides' names and how many evidence articles each shows. */
async function shown(page: Page) {
  await page
    .waitForFunction(() => /^(Score|No more)/.test(document.getElementById("review-status")!.textContent ?? ""), { timeout: 30_000 })
    .catch(async (e: unknown) => {
      throw new Error(
        `${String(e)}; the page says: ${await page.evaluate(() => `${document.getElementById("message")!.textContent} / ${location.hash} / ${document.getElementById("review-view")!.hidden}`)}; errors: ${errors.join("; ")}`,
      );
    });
  return page.evaluate(() => ({
    sides: [...document.querySelectorAll("#review-pair .review-side h3 a")].map((a) => a.textContent),
    evidence: [...document.querySelectorAll("#review-pair .review-side")].map((s) => s.querySelectorAll(".review-evidence li").length),
    reasons: [...document.querySelectorAll("#review-pair .review-reasons li")].map((li) => li.textContent ?? ""),
    status: document.getElementById("review-status")!.textContent,
  }));
}

describe.skipIf(!chromiumPresent)("the review queue, in Chromium", () => {
  const db = testDb();
  const store = createStore(db);
  const p = uniquePrefix("review");
  const w = word(p, 1);
  const [right, swapped, dropped] = [w, `${w.slice(0, -1)}${w.endsWith("a") ? "e" : "a"}`, `${w.slice(0, 3)}${w.slice(4)}`];
  const ids = [1, 2, 3, 4].map((i) => `${p}-${i}`);
  const keyOf = (name: string) => `organization:${name.toLowerCase()}-alliance`;
  let server: RunningServer;
  let chromium: Launched;
  let guarded: GuardedPage;

  beforeAll(async () => {
    const texts = [
      `The ${right} Alliance was backed by the Tesh Group.`,
      `The ${right} Alliance was supported by the Tesh Group again.`,
      `The ${swapped} Alliance was backed by the Tesh Group.`,
      `The ${dropped} Alliance was backed by the Tesh Group.`,
    ];
    await ingest(
      db,
      texts.map((text, i) => ({ ok: true as const, article: { id: ids[i]!, title: `Report ${i + 1}`, text }, origin: { file: "test", line: i } })),
    );
    server = await listen({
      db,
      log: pino({ level: "silent" }),
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_API_KEYS: KEY }, "127.0.0.1"),
      ensureSchema: false,
    });
    chromium = await launchChromium();
    guarded = await guardedPage(chromium.browser);
    guarded.page.on("pageerror", (e) => errors.push(String(e)));
  });
  afterAll(async () => {
    await chromium?.close();
    await deleteArticles(db, ids);
    await server?.close(); // closes db
  });

  it("accept merges (once a key is given), skip moves on, reject is remembered", async () => {
    const { page, blocked } = guarded;
    const base = server.url.replace(/\/graphql$/, "");
    await page.goto(`${base}/#review=${encodeURIComponent(keyOf(right))}`, { waitUntil: "networkidle0", timeout: 60_000 });
    const first = await shown(page);
    expect(first.sides).toHaveLength(2);
    expect(first.sides).toContain(`${right} Alliance`);
    expect(first.evidence.every((n) => n >= 1)).toBe(true);
    expect(first.reasons.some((r) => r.startsWith("for ") && r.includes("NAME"))).toBe(true);
    const other = first.sides.find((s) => s !== `${right} Alliance`)!;

    await page.click("#review-accept");
    await page.waitForSelector("#key-panel:not([hidden])", { timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; the page says: ${await page.$eval("#message", (m) => m.textContent)}; errors: ${errors.join("; ")}`);
    });
    expect(await page.$eval("#message", (m) => m.textContent)).toMatch(/^UNAUTHENTICATED: /);
    await page.type("#api-key", KEY);
    await page.click('#key-form button[type="submit"]');
    await page.click("#review-accept");
    await page.waitForFunction((n: string) => document.getElementById("message")!.textContent.startsWith(`Merged “${n}”`), { timeout: 30_000 }, other);
    const [merged] = await store.entitiesByIds([keyOf(right)]);
    expect(merged!.articleCount).toBe(3);

    const second = await shown(page);
    const third = second.sides.find((s) => s !== `${right} Alliance`)!;
    expect([`${swapped} Alliance`, `${dropped} Alliance`]).toContain(third);
    await page.click("#review-skip");
    await page
      .waitForFunction(() => document.getElementById("review-status")!.textContent.startsWith("No more suggestions"), { timeout: 30_000 })
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}; shown: ${JSON.stringify(await shown(page))}; second: ${JSON.stringify(second)}`);
      });

    await page.reload({ waitUntil: "networkidle0", timeout: 60_000 });
    const again = await shown(page);
    expect(again.sides, JSON.stringify({ again, second, first, right, swapped, dropped })).toContain(third);
    await page.click("#review-reject");
    await page.waitForFunction(() => document.getElementById("message")!.textContent.startsWith("Remembered"), { timeout: 30_000 });
    await page.reload({ waitUntil: "networkidle0", timeout: 60_000 });
    await page.waitForFunction(() => document.getElementById("review-status")!.textContent.startsWith("No more suggestions"), { timeout: 30_000 });
    expect(blocked).toEqual([]);
  });
});
