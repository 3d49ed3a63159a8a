/**
 * The browser pages, served by this server alone: no request leaves the host.
 *
 * - GET /graphql (Accept: text/html): GraphiQL with the explorer plugin, rendered from
 *   `@graphql-yoga/graphiql` in node_modules (the version graphql-yoga 5.21.0 renders from unpkg by
 *   default) instead of the CDN page yoga ships. Its Monaco workers are served as files of our own.
 * - GET /: the graph explorer (src/web/), a plain ES-module client of the public /graphql API, with
 *   Cytoscape.js from node_modules.
 * - GET /assets/...: a fixed allow-list of files (no path taken from the URL reaches the disk).
 *
 * Every HTML page carries a Content-Security-Policy allowing only 'self' (see PAGE_CSP).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { GraphiQLOptions, Plugin } from "graphql-yoga";

const require = createRequire(import.meta.url);
const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web");

/** The installed package's directory (some packages do not export their package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`package ${name} not found`);
}

/**
 * One policy for every page. Only our own origin, with two relaxations the pages cannot avoid:
 * - style-src 'unsafe-inline': React (GraphiQL) and Monaco set `style` attributes and insert <style>
 *   elements at run time (Monaco's theme, the editors' sizes); Cytoscape sets inline styles on its
 *   canvas container. No inline *script* is allowed.
 * - font-src data: GraphiQL's stylesheet embeds its fonts as data: URIs (no font is fetched).
 * worker-src 'self': the Monaco workers are files under /assets/graphiql/workers/.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE_HEADERS = {
  "content-security-policy": PAGE_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

interface Asset {
  file: string;
  type: string;
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** URL path → file. The only files this server reads for a browser. */
function assetTable(): Map<string, Asset> {
  const graphiql = path.join(packageDir("@graphql-yoga/graphiql"), "dist");
  const cytoscape = path.join(packageDir("cytoscape"), "dist");
  const table: Array<[string, string, string]> = [
    ["/assets/graphiql/graphiql.css", path.join(graphiql, "graphiql.css"), CSS],
    ["/assets/graphiql/yoga-graphiql.umd.js", path.join(graphiql, "yoga-graphiql.umd.js"), JS],
    ["/assets/graphiql/workers/editor.worker.js", path.join(graphiql, "monacoeditorwork/editor.worker.bundle.js"), JS],
    ["/assets/graphiql/workers/json.worker.js", path.join(graphiql, "monacoeditorwork/json.worker.bundle.js"), JS],
    // (sic: the file is named with two dots in the package)
    ["/assets/graphiql/workers/graphql.worker.js", path.join(graphiql, "monacoeditorwork/graphql.worker..bundle.js"), JS],
    ["/assets/graphiql/boot.js", path.join(WEB_DIR, "graphiql-boot.js"), JS],
    ["/assets/vendor/cytoscape.esm.min.mjs", path.join(cytoscape, "cytoscape.esm.min.mjs"), JS],
    ["/assets/explorer/explorer.css", path.join(WEB_DIR, "explorer.css"), CSS],
  ];
  for (const f of fs.readdirSync(WEB_DIR)) {
    if (f.endsWith(".js") && f !== "graphiql-boot.js") table.push([`/assets/explorer/${f}`, path.join(WEB_DIR, f), JS]);
  }
  return new Map(table.map(([url, file, type]) => [url, { file, type }]));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON safe inside a <script type="application/json"> element (no "</script>", no "<!--"). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * yoga's `renderGraphiQL`: the same page yoga renders, with every URL our own and no inline script
 * (the options travel as a JSON data block that boot.js reads).
 */
export function renderOfflineGraphiQL(opts: GraphiQLOptions): string {
  const title = escapeHtml(opts.title ?? "GraphiQL");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/graphiql/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root">Loading ${title}...</div>
<script type="application/json" id="graphiql-options">${scriptJson(opts)}</script>
<script src="/assets/graphiql/yoga-graphiql.umd.js"></script>
<script src="/assets/graphiql/boot.js"></script>
</body>
</html>
`;
}

function explorerHtml(): string {
  return fs.readFileSync(path.join(WEB_DIR, "index.html"), "utf8");
}

/**
 * Serves the assets and the explorer page, and puts PAGE_CSP on the GraphiQL page (rendered by
 * yoga's own GraphiQL plugin, whose response has no such header).
 */
export function useWebPages(opts: { explorer: boolean; graphiql: boolean }): Plugin {
  const assets = assetTable();
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let b = cache.get(file);
    if (!b) {
      b = fs.readFileSync(file);
      // node_modules files do not change while we run; our own pages are re-read in development.
      if (file.includes(`${path.sep}node_modules${path.sep}`)) cache.set(file, b);
    }
    return b;
  };
  return {
    onRequest({ request, url, fetchAPI, ...hook }) {
      if (request.method !== "GET" && request.method !== "HEAD") return;
      if (opts.explorer && (url.pathname === "/" || url.pathname === "/index.html")) {
        hook.endResponse(
          new fetchAPI.Response(request.method === "HEAD" ? null : explorerHtml(), {
            status: 200,
            headers: { "content-type": "text/html; charset=utf-8", ...PAGE_HEADERS },
          }),
        );
        return;
      }
      if (!url.pathname.startsWith("/assets/")) return;
      const asset = assets.get(url.pathname);
      const isGraphiql = url.pathname.startsWith("/assets/graphiql/");
      if (!asset || (isGraphiql && !opts.graphiql) || (!isGraphiql && !opts.explorer)) {
        hook.endResponse(new fetchAPI.Response("not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }));
        return;
      }
      const body = read(asset.file);
      hook.endResponse(
        new fetchAPI.Response(request.method === "HEAD" ? null : (body as unknown as BodyInit), {
          status: 200,
          headers: { "content-type": asset.type, "content-length": String(body.length), "x-content-type-options": "nosniff", "cache-control": "no-cache" },
        }),
      );
    },
    onResponse({ response }) {
      const type = response.headers.get("content-type") ?? "";
      if (type.startsWith("text/html") && !response.headers.has("content-security-policy")) {
        for (const [k, v] of Object.entries(PAGE_HEADERS)) response.headers.set(k, v);
      }
    },
  };
}
