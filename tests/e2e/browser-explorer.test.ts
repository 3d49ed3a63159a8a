/**
 * The graph explorer at / in a real browser (headless Chromium) on the two sample articles: search
 * "Mosul", see the neighbourhood drawn, click the CAPTURED edge on the canvas and read the evidence
 * sentence. Every request to a host other than 127.0.0.1 is blocked (and must not be attempted).
 * With KG_REQUIRE_AUTH_FOR_READS=true the page asks for a key and then works with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { KeyInput, Page } from "puppeteer-core";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { securityConfig } from "../../src/security/config.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { seedRecords, SEED_IDS } from "../support/seeds.ts";
import { chromiumPresent, guardedPage, launchChromium, type GuardedPage, type Launched } from "../support/browser.ts";

const KEY = "explorer-test-key-0123456789";

/** Type into the search box and pick the suggestion whose name is `name`. */
async function pick(page: Page, query: string, name: string): Promise<void> {
  await page.click("#search", { count: 3 });
  await page.type("#search", query);
  const selector = `xpath///ul[@id="suggestions"]/li[span[1][normalize-space()="${name}"]]`;
  await page.waitForSelector(selector, { visible: true, timeout: 30_000 });
  await page.click(selector);
}

/**
 * Where on the page an edge's midpoint is drawn: Cytoscape's rendered position (canvas pixels) plus
 * the canvas's offset. Fails, saying why, when a node covers that point (the click would hit it).
 */
async function edgePoint(page: Page, from: string, type: string, to: string): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(
    (from: string, type: string, to: string) => {
      type Box = { x1: number; x2: number; y1: number; y2: number };
      type Ele = {
        data(k: string): string;
        source(): Ele;
        target(): Ele;
        renderedMidpoint(): { x: number; y: number };
        renderedBoundingBox(): Box;
        id(): string;
      };
      const cy = (window as unknown as { kg: { cy: { edges(): Ele[]; nodes(): Ele[] } } }).kg.cy;
      const edge = cy.edges().find((e) => e.data("type") === type && e.source().data("label") === from && e.target().data("label") === to);
      if (!edge) return { error: `no ${from} ${type} ${to} edge drawn` };
      const mid = edge.renderedMidpoint();
      const covering = cy.nodes().filter((n) => {
        const b = n.renderedBoundingBox();
        return mid.x >= b.x1 && mid.x <= b.x2 && mid.y >= b.y1 && mid.y <= b.y2;
      });
      if (covering.length > 0) return { error: `node ${covering[0]!.data("label")} covers the edge's midpoint` };
      const box = document.getElementById("cy")!.getBoundingClientRect();
      return { x: box.left + mid.x, y: box.top + mid.y };
    },
    from,
    type,
    to,
  );
  if ("error" in at) throw new Error(at.error);
  return at;
}

interface Comparison {
  heads: string[];
  agreed: { head: string; sayings: string[] }[];
  onlyA: string[];
  onlyB: string[];
}

/** The compare view once drawn: the two heads, what both say (with each one's sentence), what only one says. */
async function readComparison(page: Page): Promise<Comparison> {
  await page.waitForSelector("#compare-view:not([hidden]) #compare-agreed li.compared", { timeout: 30_000 }).catch(async (e: unknown) => {
    throw new Error(`${String(e)}; the page says: ${await page.$eval("#message", (m) => m.textContent)}`);
  });
  return page.$eval("#compare-view", (v) => {
    const text = (e: Element) => (e.textContent ?? "").replace(/\s+/g, " ").trim();
    const heads = (id: string) => [...v.querySelectorAll(`#${id} li.compared > div:first-child`)].map((d) => text(d).replace(/ \(\d+ articles? in all\)$/, ""));
    return {
      heads: [...v.querySelectorAll(".compare-head")].map((h) => text(h.querySelector(".letter")!) + " " + text(h.querySelector("a")!)),
      agreed: [...v.querySelectorAll("#compare-agreed li.compared")].map((li) => ({
        head: text(li.firstElementChild!).replace(/ \(\d+ articles? in all\)$/, ""),
        sayings: [...li.querySelectorAll("blockquote")].map(text),
      })),
      onlyA: heads("compare-only-a"),
      onlyB: heads("compare-only-b"),
    };
  });
}

/** What the two seed articles agree on and where they differ. */
function checkComparison(c: Comparison): void {
  expect(c.agreed.map((r) => r.head)).toEqual(["Donald Trump LEADS United States", "Haider al-Abadi LEADS Iraq"]);
  // Each side shows its own article's sentence.
  const trump = c.agreed[0]!.sayings;
  expect(trump[0]).toBe("President Trump praised those opposing ISIS and mourned those who lost their lives in the fight against terrorism.");
  expect(trump[1]).toMatch(/^The U\.S\. should continue to aid indigenous forces/);
  expect(c.onlyA).toEqual(expect.arrayContaining(["Iraqi special forces CAPTURED Mosul", "Abu Bakr al-Baghdadi LEADS Islamic State"]));
  expect(c.onlyB).toEqual(expect.arrayContaining(["Nouri al-Maliki LEADS Iraq"]));
  expect(c.onlyB).not.toContain("Iraqi special forces CAPTURED Mosul");
}

/** How far the page is wider than the screen, and visible text set below 12px. */
function legibility(page: Page): Promise<{ overflow: number; tooSmall: string[] }> {
  return page.evaluate(() => {
    const tooSmall = [...document.querySelectorAll("body *")]
      .filter(
        (e) =>
          e.checkVisibility() &&
          [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) &&
          parseFloat(getComputedStyle(e).fontSize) < 12,
      )
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.slice(0, 30)}`);
    return { overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), tooSmall: [...new Set(tooSmall)].slice(0, 5) };
  });
}

describe.skipIf(!chromiumPresent)("the explorer page, in Chromium", () => {
  const db = testDb();
  const prefix = uniquePrefix("explorer");
  let open: RunningServer;
  let locked: RunningServer;
  let chromium: Launched;
  let guarded: GuardedPage;

  beforeAll(async () => {
    await ingest(db, seedRecords(prefix));
    const log = pino({ level: "silent" });
    open = await listen({ db, log, host: "127.0.0.1", port: 0, security: securityConfig({}, "127.0.0.1"), ensureSchema: false });
    locked = await listen({
      db,
      log,
      host: "127.0.0.1",
      port: 0,
      security: securityConfig({ KG_REQUIRE_AUTH_FOR_READS: "true", KG_API_KEYS: KEY }, "127.0.0.1"),
      ensureSchema: false,
    });
    chromium = await launchChromium();
    guarded = await guardedPage(chromium.browser);
  });
  afterAll(async () => {
    await chromium?.close();
    await deleteArticles(
      db,
      SEED_IDS.map((id) => prefix + id),
    );
    await locked?.close();
    await open?.close(); // closes db
  });

  it("answers “who captured Mosul, and according to which sentence?” by clicking", async () => {
    const { page, blocked, errors } = guarded;
    const base = open.url.replace(/\/graphql$/, "");
    const res = await page.goto(`${base}/`, { waitUntil: "networkidle0", timeout: 60_000 });
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await pick(page, "Mosul", "Mosul");

    // The neighbourhood: Mosul and who captured it, drawn on the canvas and listed for the keyboard.
    await page.waitForSelector('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', { timeout: 30_000 });
    const labels = await page.evaluate(() =>
      (window as unknown as { kg: { cy: { nodes(): { map(f: (n: { data(k: string): string }) => string): string[] } } } }).kg.cy
        .nodes()
        .map((n) => n.data("label")),
    );
    expect(labels).toEqual(expect.arrayContaining(["Mosul", "Iraqi special forces", "Islamic State"]));
    const renderMs = await page.evaluate(() => (window as unknown as { kg: { lastRenderMs: number } }).kg.lastRenderMs);
    console.log(`explorer: Mosul's neighbourhood (${labels.length} nodes) drawn in ${renderMs.toFixed(1)} ms`);
    await page.screenshot({ path: "docs/explorer-graph.png" });

    // "Download this view": the neighbourhood as a file, from GET /export.
    const download = await page.$eval("#download-view", (p) => ({
      hidden: (p as HTMLElement).hidden,
      hrefs: [...p.querySelectorAll("a")].map((a) => a.getAttribute("href")!),
    }));
    expect(download.hidden).toBe(false);
    expect(download.hrefs).toEqual(["graphml", "jsonld", "jsonl"].map((f) => `/export?format=${f}&entity=location%3Amosul&hops=1`));
    const file = await page.evaluate(async (href: string) => {
      const r = await fetch(href);
      return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
    }, download.hrefs[0]!);
    expect(file).toMatchObject({ status: 200, type: "application/graphml+xml; charset=utf-8" });
    expect(file.text).toContain('<data key="n_name">Mosul</data>');

    // Click the CAPTURED edge on the canvas itself, at its midpoint as Cytoscape renders it.
    const at = await edgePoint(page, "Iraqi special forces", "CAPTURED", "Mosul");
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector("#evidence-list li.evidence blockquote", { timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; the page says: ${await page.$eval("#message", (m) => m.textContent)}`);
    });
    const evidence = await page.$eval("#evidence-panel", (p) => ({
      title: p.querySelector("#evidence-title")!.textContent,
      sentence: p.querySelector("blockquote")!.textContent,
      marks: [...p.querySelectorAll("blockquote mark")].map((m) => m.textContent),
      article: p.querySelector(".article-title")!.textContent,
      meta: p.querySelector(".meta")!.textContent,
    }));
    expect(evidence.title).toMatch(/^Iraqi special forces CAPTURED Mosul/);
    expect(evidence.sentence).toBe(
      "With the help of the United States, ISIS-controlled Mosul was retaken by Iraqi special forces after being seized by the terrorist group in 2014.",
    );
    expect(evidence.marks).toEqual(expect.arrayContaining(["Mosul", "Iraqi special forces"]));
    expect(evidence.article).toBe("U.S. celebrates a big win against ISIS in Mosul");
    expect(evidence.meta).toMatch(/2017-07-10 · confidence 0\.85/);
    await page.screenshot({ path: "docs/explorer-evidence.png" });

    // The article view: its text with the entities marked and the relation sentences underlined.
    await page.click("#evidence-list a.open-article");
    await page.waitForSelector("#article-view:not([hidden]) #article-text .rel-sentence", { timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; the page says: ${await page.$eval("#message", (m) => m.textContent)}`);
    });
    const article = await page.$eval("#article-view", (v) => ({
      title: v.querySelector("#article-title")!.textContent,
      marks: [...v.querySelectorAll("#article-text mark")].map((m) => `${m.className}:${m.textContent}`),
      relations: [...v.querySelectorAll(".rel-sentence")].map((r) => r.getAttribute("title")),
    }));
    expect(article.title).toBe("U.S. celebrates a big win against ISIS in Mosul");
    expect(article.marks).toEqual(expect.arrayContaining(["LOCATION:Mosul", "ORGANIZATION:Iraqi special forces"]));
    expect(article.relations.join("; ")).toContain("Iraqi special forces CAPTURED Mosul");
    await page.screenshot({ path: "docs/explorer-article.png" });

    // The compare view, from the article view's list of articles sharing its entities.
    await page.click("#related-articles a.compare-link");
    const compared = await readComparison(page);
    expect(compared.heads).toEqual(["A U.S. celebrates a big win against ISIS in Mosul", "B The liberation of Mosul (editorial)"]);
    checkComparison(compared);
    const link = await page.evaluate(() => location.hash);
    expect(link).toBe(`#compare=${prefix}us-big-win-in-iraq&with=${prefix}liberation-of-mosul-editorial`);
    await page.screenshot({ path: "docs/explorer-compare.png", fullPage: true });
    // The hash is a link: a fresh page opens the same comparison.
    const fresh = await guardedPage(chromium.browser);
    await fresh.page.goto(`${base}/${link}`, { waitUntil: "networkidle0", timeout: 60_000 });
    expect((await readComparison(fresh.page)).agreed).toEqual(compared.agreed);
    expect(fresh.blocked).toEqual([]);
    await fresh.page.close();

    // The path view: Donald Trump to Abu Bakr al-Baghdadi, each hop with its proof.
    await page.click("#path-link");
    await page.type("#path-from", "Donald Trump");
    await page.type("#path-to", "Abu Bakr al-Baghdadi");
    await page.click('#path-form button[type="submit"]');
    await page.waitForSelector("#path-list li.path", { timeout: 30_000 });
    const paths = await page.$$eval("#path-list li.path", (ls) =>
      ls.map((l) => ({
        head: l.querySelector("strong")!.textContent,
        hops: l.querySelectorAll(".hop").length,
        proofs: l.querySelectorAll(".hop blockquote").length,
        types: [...l.querySelectorAll(".hop .rel-type")].map((t) => t.textContent),
      })),
    );
    expect(paths[0]!.head).toMatch(/^\d+ hops?: Donald Trump — .+ — Abu Bakr al-Baghdadi$/);
    expect(paths[0]!.proofs).toBe(paths[0]!.types.filter((t) => t !== "CO-MENTION").length);
    expect(paths[0]!.types.at(-1)).toBe("LEADS");
    await page.screenshot({ path: "docs/explorer-path.png" });

    // Phone width: nothing wider than the screen, text no smaller than 12px, in the graph and compare views.
    await page.setViewport({ width: 390, height: 844 });
    // "load", not network idle: the entity view holds its live subscription open.
    await page.goto(`${base}/#entity=location%3Amosul`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForSelector('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', { timeout: 30_000 });
    await page.waitForFunction(() => (window as unknown as { kg: { cy: { width(): number } } }).kg.cy.width() === document.getElementById("cy")!.clientWidth, {
      timeout: 10_000,
    });
    await page.click('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]');
    await page.waitForSelector("#evidence-list li.evidence blockquote", { timeout: 30_000 });
    expect(await legibility(page)).toEqual({ overflow: 0, tooSmall: [] });
    await page.screenshot({ path: "docs/explorer-phone.png", fullPage: true });
    await page.goto(`${base}/${link}`, { waitUntil: "load", timeout: 60_000 });
    await readComparison(page);
    expect(await legibility(page)).toEqual({ overflow: 0, tooSmall: [] });
    await page.screenshot({ path: "docs/explorer-phone-compare.png", fullPage: true });
    await page.setViewport({ width: 1280, height: 800 });

    expect(blocked).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  it("works by keyboard alone: from the search box to the CAPTURED evidence for Mosul, an expansion, the article and the comparison", async () => {
    const { page, blocked, errors } = await guardedPage(chromium.browser);
    const base = open.url.replace(/\/graphql$/, "");
    await page.goto(`${base}/`, { waitUntil: "networkidle0", timeout: 60_000 });
    const active = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? "",
        label: document.activeElement?.getAttribute("aria-label") ?? "",
        cls: document.activeElement?.className ?? "",
      }));
    const status = () => page.$eval("#graph-status", (s) => s.textContent ?? "");
    /** Press `key` until `done` holds (at most `max` times); fail saying where the focus is. */
    const pressUntil = async (key: KeyInput, done: () => Promise<boolean>, max = 40) => {
      for (let i = 0; i < max && !(await done()); i++) await page.keyboard.press(key);
      if (!(await done())) throw new Error(`${key} ×${max} did not get there; focus: ${JSON.stringify(await active())}; status: ${await status()}`);
    };
    const focused = (selector: string) => () => page.evaluate((sel: string) => document.activeElement?.matches(sel) ?? false, selector);
    const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect((await active()).id).toBe("search");

    // Type-ahead: the list opens, ↓/↑ move the active option, Enter picks it.
    await page.keyboard.type("Mosul");
    await page.waitForSelector("#suggestions li", { visible: true, timeout: 30_000 });
    expect(await page.$eval("#search", (s) => [s.getAttribute("aria-expanded"), s.getAttribute("aria-activedescendant")])).toEqual(["true", "suggestions-0"]);
    const activeOption = () =>
      page.$eval("#search", (s) => document.getElementById(s.getAttribute("aria-activedescendant") ?? "")?.firstElementChild?.textContent ?? "");
    await pressUntil("ArrowDown", async () => (await activeOption()) === "Mosul", 10);
    await page.keyboard.press("Enter");
    await page.waitForSelector('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', { timeout: 30_000 });
    expect(await page.$eval("#suggestions", (l) => (l as HTMLElement).hidden)).toBe(true);

    // Tab to the graph; ↑/↓ walk Mosul's relations to CAPTURED; E opens its evidence.
    await pressUntil("Tab", focused("#cy"));
    expect(await outline()).not.toBe("none");
    expect(await status()).toMatch(/^Mosul \(location\), node 1 of \d+/);
    await pressUntil("ArrowDown", async () => (await status()).startsWith("Iraqi special forces CAPTURED Mosul"), 10);
    expect(await page.$eval('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', (b) => b.getAttribute("aria-current"))).toBe("true");
    await page.keyboard.press("e");
    await page.waitForSelector("#evidence-list li.evidence blockquote mark", { timeout: 30_000 });
    expect((await active()).id).toBe("evidence-title");
    const evidence = await page.$eval("#evidence-panel", (p) => ({
      title: p.querySelector("#evidence-title")!.textContent,
      sentence: p.querySelector("blockquote")!.textContent,
      marks: [...p.querySelectorAll("blockquote mark")].map((m) => m.textContent),
    }));
    expect(evidence.title).toMatch(/^Iraqi special forces CAPTURED Mosul/);
    expect(evidence.sentence).toBe(
      "With the help of the United States, ISIS-controlled Mosul was retaken by Iraqi special forces after being seized by the terrorist group in 2014.",
    );
    expect(evidence.marks).toEqual(expect.arrayContaining(["Mosul", "Iraqi special forces"]));
    await page.screenshot({ path: "docs/explorer-keyboard.png" });

    // Escape closes the panel and gives the focus back to the graph; → and Enter expand a node.
    await page.keyboard.press("Escape");
    expect(await page.$eval("#evidence-panel", (p) => (p as HTMLElement).hidden)).toBe(true);
    expect((await active()).id).toBe("cy");
    await pressUntil("ArrowRight", async () => (await status()).startsWith("Iraqi special forces (organization)"), 10);
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () =>
        (window as unknown as { kg: { cy: { nodes(): { map(f: (n: { data(k: string): string }) => string): string[] } } } }).kg.cy
          .nodes()
          .map((n) => n.data("label"))
          .includes("United States"),
      { timeout: 30_000 },
    );

    // The relation list: Tab to an entry, Enter opens its evidence; Tab to "article view", Enter.
    await pressUntil("Tab", focused('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]'));
    expect(await outline()).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#evidence-list li.evidence blockquote", { timeout: 30_000 });
    await pressUntil("Tab", focused("#evidence-list a.open-article"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#article-view:not([hidden]) #article-text .rel-sentence", { timeout: 30_000 });
    expect((await active()).id).toBe("article-title");

    // Compare with an article sharing entities: Tab to its link, Enter.
    await pressUntil("Tab", focused("#related-articles a.compare-link"));
    expect(await outline()).not.toBe("none");
    await page.keyboard.press("Enter");
    checkComparison(await readComparison(page));
    expect((await active()).id).toBe("compare-title");
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says so for an unknown entity, with what the search finds to try", async () => {
    const { page } = guarded;
    await page.click("#search", { count: 3 });
    await page.type("#search", "Qwxzyplk Atlantis\n");
    await page.waitForFunction(() => /No entity named “Qwxzyplk Atlantis”. Try/.test(document.getElementById("message")!.textContent ?? ""), {
      timeout: 30_000,
    });
    // An error from the API is shown with its extensions.code: a comparison with an unknown article.
    await page.evaluate(() => (location.hash = "#compare=no-such-article&with=another"));
    await page.waitForFunction(() => /^NOT_FOUND: No article "no-such-article"/.test(document.getElementById("message")!.textContent ?? ""), {
      timeout: 30_000,
    });
  });

  it("shows new evidence live: an article stored while Mosul is in view adds its edge and its sentence", async () => {
    const { page, blocked, errors } = guarded;
    const base = open.url.replace(/\/graphql$/, "");
    // Not networkidle: the page holds its live subscription open.
    await page.goto(`${base}/#entity=location%3Amosul`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForSelector('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', { timeout: 30_000 });
    await page.waitForFunction(() => (window as unknown as { kg: { cy: { edges(): { length: number } } } }).kg.cy.edges().length > 0);
    const id = `${prefix}live`;
    const sentence = "Kurdish Peshmerga fighters retook Mosul in 2016, backed by U.S. air strikes, officials said on Tuesday.";
    try {
      // Stored by another writer than the page's server would be, through the same pipeline as `kg ingest`.
      const s = await ingest(db, [
        { ok: true, article: { id, title: "Peshmerga in Mosul", text: `${sentence} The fighting went on for days.`, source: prefix }, origin: { file: "t" } },
      ]);
      expect(s.new).toBe(1);
      await page.waitForSelector("#live-panel:not([hidden]) #live-list li.live", { timeout: 20_000 });
      const live = await page.$$eval("#live-list li.live", (lis) => lis.map((li) => li.textContent ?? ""));
      expect(live.some((t) => t.includes(sentence) && t.includes("Peshmerga in Mosul"))).toBe(true);
      expect(await page.$eval("#graph-status", (e) => e.textContent)).toMatch(/^New evidence: /);
      await page.screenshot({ path: "docs/explorer-live.png", fullPage: true });
    } finally {
      await deleteArticles(db, [id]);
    }
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("asks for a key when reads need one, keeps it in sessionStorage, and then works", async () => {
    const { page, blocked } = guarded;
    const base = locked.url.replace(/\/graphql$/, "");
    await page.goto(`${base}/`, { waitUntil: "networkidle0", timeout: 60_000 });
    await page.type("#search", "Mosul");
    await page.waitForSelector("#key-panel:not([hidden])", { timeout: 30_000 });
    expect(await page.$eval("#message", (m) => m.textContent)).toMatch(/^UNAUTHENTICATED: /);
    await page.type("#api-key", KEY);
    await page.click('#key-form button[type="submit"]');
    expect(await page.evaluate(() => sessionStorage.getItem("kg-api-key"))).toBe(KEY);
    await page.click("#search", { count: 3 });
    await pick(page, "Mosul", "Mosul");
    await page.waitForSelector('#relation-list button[aria-label="Iraqi special forces CAPTURED Mosul"]', { timeout: 30_000 });
    expect(blocked).toEqual([]);
  });
});
