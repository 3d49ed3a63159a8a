// "Download this view": the current entity's neighbourhood (its relations one hop out, as the graph
// shows it) from GET /export, in the formats analysts' tools open (GraphML for Gephi and Cytoscape,
// JSON-LD, JSON lines). A plain link while reads are open; with an API key (kept in this tab) the
// file is fetched with the key and saved from a blob, since a link cannot carry a header.
import { ApiError, apiKey } from "./api.js";
import { $, fail } from "./dom.js";

/** @param {string} key the entity's key @param {string} format */
export function exportUrl(key, format) {
  return `/export?${new URLSearchParams({ format, entity: key, hops: "1" })}`;
}

/** Point the download links at `key`'s neighbourhood. @param {string} key */
export function showDownloads(key) {
  const box = $("download-view");
  for (const a of box.querySelectorAll("a[data-format]"))
    /** @type {HTMLAnchorElement} */ (a).href = exportUrl(key, /** @type {HTMLElement} */ (a).dataset.format ?? "graphml");
  box.hidden = false;
}

$("download-view").addEventListener("click", async (ev) => {
  const a = /** @type {HTMLAnchorElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest("a[data-format]"));
  const key = apiKey();
  if (!a || !key) return;
  ev.preventDefault();
  try {
    const res = await fetch(a.href, { headers: { authorization: `Bearer ${key}` } });
    if (!res.ok) {
      const err = (await res.json().catch(() => null))?.errors?.[0];
      throw new ApiError(err?.extensions?.code ?? "ERROR", err?.message ?? `HTTP ${res.status}`, res.status);
    }
    const url = URL.createObjectURL(await res.blob());
    const save = document.createElement("a");
    save.href = url;
    save.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    fail(e);
  }
});
