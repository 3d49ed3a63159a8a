// The compare view: two articles side by side (compareArticles): the entities both mention, the
// relations both assert with each article's own sentence, and what only one of them says.
import { COMPARE, gql } from "./api.js";
import { compareHash } from "./article.js";
import { $, articleLink, el, entityLink, fail, plural, relationSentence, say, showView } from "./dom.js";

/** @param {string} a @param {string} b */
export async function showCompare(a, b) {
  say("Comparing…");
  let data;
  try {
    data = await gql(COMPARE, { a, b });
  } catch (e) {
    fail(e);
    return;
  }
  const c = data.compareArticles;
  /** The article's own sentence for the relation. @param {any} r @param {any} article */
  const said = (r, article) => r.evidence.find((/** @type {any} */ e) => e.article.key === article.key);
  showView("compare-view");
  history.replaceState(null, "", compareHash(c.a.key, c.b.key));
  $("compare-a").replaceChildren(...articleHead(c.a, "A"));
  $("compare-b").replaceChildren(...articleHead(c.b, "B"));
  $("compare-swap").setAttribute("href", compareHash(c.b.key, c.a.key));
  $("compare-entities").replaceChildren(
    c.sharedEntities.length === 0 ? "No entity in common." : `Both mention ${plural(c.sharedEntities.length, "entity", "entities")}: `,
    ...c.sharedEntities.flatMap((/** @type {any} */ e, /** @type {number} */ i) => [...(i > 0 ? [", "] : []), entityLink(e.key, e.name)]),
  );
  $("compare-agreed-title").textContent = `Both say (${c.sharedRelations.length})`;
  $("compare-agreed").replaceChildren(
    ...c.sharedRelations.map((/** @type {any} */ r) =>
      relationItem(r, [
        ["A", said(r, c.a)],
        ["B", said(r, c.b)],
      ]),
    ),
  );
  $("compare-only-a-title").textContent = `Only A says (${c.onlyInA.length})`;
  $("compare-only-a").replaceChildren(...c.onlyInA.map((/** @type {any} */ r) => relationItem(r, [["A", said(r, c.a)]])));
  $("compare-only-b-title").textContent = `Only B says (${c.onlyInB.length})`;
  $("compare-only-b").replaceChildren(...c.onlyInB.map((/** @type {any} */ r) => relationItem(r, [["B", said(r, c.b)]])));
  for (const id of ["compare-agreed", "compare-only-a", "compare-only-b"])
    if ($(id).children.length === 0) $(id).append(el("li", { class: "meta" }, ["nothing"]));
  say(`${plural(c.sharedRelations.length, "relation")} in common, ${c.onlyInA.length} only in A, ${c.onlyInB.length} only in B.`);
  window.scrollTo(0, 0);
  $("compare-title").focus();
}

/** @param {any} a @param {string} letter */
function articleHead(a, letter) {
  return [
    el("span", { class: "letter", "aria-hidden": "true" }, [letter]),
    " ",
    articleLink(a.key, a.title ?? a.key),
    el("div", { class: "meta" }, [[a.source, a.publishedAt?.slice(0, 10)].filter(Boolean).join(" · ")]),
  ];
}

/**
 * A relation, its subject and object linking to their neighbourhoods, with the sentence each named
 * article gives for it. @param {any} r @param {[string, any][]} says [letter, evidence]
 */
function relationItem(r, says) {
  const subjectNames = [r.subject.name, ...(r.subject.aliases ?? [])];
  const objectNames = [r.object.name, ...(r.object.aliases ?? [])];
  return el("li", { class: "compared" }, [
    el("div", {}, [
      entityLink(r.subject.key, r.subject.name),
      " ",
      el("span", { class: "rel-type" }, [r.type]),
      " ",
      entityLink(r.object.key, r.object.name),
      el("span", { class: "meta" }, [` (${plural(r.articleCount, "article")} in all)`]),
    ]),
    el(
      "div",
      { class: "sayings" },
      says.map(([letter, ev]) =>
        el("figure", { class: "saying" }, [
          el(
            "blockquote",
            { class: "sentence" },
            ev ? relationSentence(ev.sentence, subjectNames, objectNames) : ["(not among its 40 most confident sentences)"],
          ),
          el("figcaption", { class: "meta" }, [`${letter}${ev ? ` · confidence ${ev.confidence.toFixed(2)}${ev.time ? ` · time: ${ev.time}` : ""}` : ""}`]),
        ]),
      ),
    ),
  ]);
}
