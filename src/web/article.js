// The article view: the text with its entities marked by type and the sentences that state a
// relation underlined, its quotes with their speakers, and the way to the compare view (articles
// sharing its entities, or any article found by title words).
import { ARTICLE, ARTICLE_SEARCH, gql } from "./api.js";
import { combobox } from "./combobox.js";
import { $, el, fail, markNames, plural, say, showView } from "./dom.js";

/** @type {string | undefined} the article on show */
let shown;

/** @param {string} a @param {string} b */
export const compareHash = (a, b) => `#${new URLSearchParams({ compare: a, with: b })}`;

/** @param {string} key */
export async function showArticle(key) {
  say("Loading the article…");
  let a;
  try {
    a = (await gql(ARTICLE, { id: key })).article;
  } catch (e) {
    fail(e);
    return;
  }
  if (!a) {
    say(`No article “${key}” (deleted since?).`, true);
    return;
  }
  shown = a.key;
  showView("article-view");
  history.replaceState(null, "", `#article=${encodeURIComponent(a.key)}`);
  $("article-title").textContent = a.title ?? a.key;
  $("article-meta").replaceChildren(
    [a.source, a.publishedAt?.slice(0, 10)].filter(Boolean).join(" · "),
    ...(a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, ["original"])] : []),
  );
  $("related-articles").replaceChildren(
    ...a.related.map((/** @type {any} */ r) =>
      el("li", {}, [
        el("a", { href: compareHash(a.key, r.article.key), class: "compare-link" }, [`Compare with “${r.article.title ?? r.article.key}”`]),
        el("span", { class: "meta" }, [
          ` ${plural(r.sharedCount, "shared entity", "shared entities")}: ${r.sharedEntities
            .slice(0, 6)
            .map((/** @type {any} */ e) => e.name)
            .join(", ")}`,
        ]),
      ]),
    ),
  );
  $("article-text").replaceChildren(...articleText(a));
  $("article-quotes").replaceChildren(
    ...a.quotes.map((/** @type {any} */ q) =>
      el("li", { class: "quote" }, [
        `“${q.text}” — `,
        el("strong", {}, [q.speaker.name]),
        el("span", { class: "meta" }, [` (confidence ${q.confidence.toFixed(2)})`]),
      ]),
    ),
  );
  say(`${plural(a.entities.length, "entity", "entities")}, ${plural(a.relations.length, "relation")}, ${plural(a.quotes.length, "quote")}.`);
  window.scrollTo(0, 0);
  $("article-title").focus();
}

/** The text, entities marked by type, each sentence stating relations a focusable span naming them. @param {any} a */
function articleText(a) {
  /** @type {Map<string, { start: number, end: number, says: string[] }>} [start, end) → the relations it states */
  const spans = new Map();
  for (const r of a.relations) {
    for (const ev of r.evidence.filter((/** @type {any} */ e) => e.article.key === a.key)) {
      const k = `${ev.start}:${ev.end}`;
      const s = spans.get(k) ?? { start: ev.start, end: ev.end, says: [] };
      s.says.push(`${r.subject.name} ${r.type} ${r.object.name ?? r.object.title}`);
      spans.set(k, s);
    }
  }
  const ordered = [...spans.values()].sort((x, y) => x.start - y.start).filter((s, i, all) => i === 0 || s.start >= all[i - 1].end);
  /** @type {string[][]} name → entity type */
  const names = a.entities.flatMap((/** @type {any} */ e) => e.names.map((/** @type {string} */ n) => [n, e.entity.type]));
  const marked = (/** @type {string} */ text) => markNames(text, names);
  /** @type {(Node | string)[]} */
  const parts = [];
  let at = 0;
  for (const s of ordered) {
    if (s.start > at) parts.push(...marked(a.text.slice(at, s.start)));
    const span = el("span", { class: "rel-sentence", title: s.says.join("; "), tabindex: "0" }, marked(a.text.slice(s.start, s.end)));
    span.setAttribute("aria-label", `${s.says.join("; ")}: ${a.text.slice(s.start, s.end)}`);
    parts.push(span);
    at = s.end;
  }
  parts.push(...marked(a.text.slice(at)));
  return parts;
}

// "Compare with…": any article, found by words of its title or text.
combobox({
  input: /** @type {HTMLInputElement} */ ($("compare-search")),
  list: $("compare-suggestions"),
  find: async (q) => (await gql(ARTICLE_SEARCH, { q })).articles.edges.map((/** @type {any} */ e) => e.node).filter((/** @type {any} */ n) => n.key !== shown),
  render: (n) => [el("span", {}, [n.title ?? n.key]), el("span", { class: "type" }, [[n.source, n.publishedAt?.slice(0, 10)].filter(Boolean).join(" · ")])],
  pick: (n) => {
    if (shown) location.hash = compareHash(shown, n.key);
  },
  onError: fail,
});
$("compare-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  say("Pick an article from the list (type a few words of its title).", true);
});
