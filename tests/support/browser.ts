/**
 * Headless Chromium for the browser tests (tests/e2e/browser-*.test.ts), driven by puppeteer-core.
 * Chromium is Debian's (`apt-get install chromium`; .ci/run installs it). Without it the browser
 * tests are skipped with a loud warning, except with KG_BROWSER_TESTS=required (.ci/run sets it),
 * where its absence fails the run.
 *
 * Every page is guarded: each request is intercepted, and one to any host but 127.0.0.1 is aborted
 * and recorded, so a test can assert that no request left the host. Chromium is also told to resolve
 * no other host name, in case a request escaped the interception.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

export const CHROMIUM = process.env.KG_CHROMIUM ?? "/usr/bin/chromium";

export const chromiumPresent = fs.existsSync(CHROMIUM);

if (!chromiumPresent) {
  const msg = `\n${"!".repeat(78)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}.\n!! Install it (apt-get install -y chromium) or set KG_CHROMIUM; .ci/run installs it.\n${"!".repeat(78)}\n`;
  if (process.env.KG_BROWSER_TESTS === "required") throw new Error(msg + "(KG_BROWSER_TESTS=required: the browser tests must run.)");
  console.warn(msg);
}

export interface Launched {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Launched> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface GuardedPage {
  page: Page;
  /** URLs of requests to a host other than 127.0.0.1 (aborted). */
  blocked: string[];
  /** Console errors and uncaught page errors (CSP violations show up here). */
  errors: string[];
}

/** A new page whose every request is checked: only 127.0.0.1 (and data:/blob: URLs) may load. */
export async function guardedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<GuardedPage> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const blocked: string[] = [];
  const errors: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1") {
      void req.continue();
    } else {
      blocked.push(req.url());
      void req.abort("blockedbyclient");
    }
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, blocked, errors };
}
