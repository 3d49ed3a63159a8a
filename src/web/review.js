// The review queue (#review, or #review=<entity key> for one entity's pairs): suggested duplicates one
// pair at a time, each side with its names, article count and a few articles with the names used there,
// and the reasons for and against. Accept merges the less mentioned entity into the more mentioned one,
// Reject remembers that they are two, Skip moves on (this page only). Both writes need an API key:
// an UNAUTHENTICATED answer opens the key form, as every write of the explorer does.
import { gql } from "./api.js";
import { $, el, entityLink, fail, plural, say, showView } from "./dom.js";

const SIDE = "key name type aliases articleCount";
export const DUPLICATES = `query Duplicates($entity: ID, $first: Int) {
  duplicateCandidates(entity: $entity, first: $first, minScore: 0.5) {
    totalCount
    edges { node {
      score reasons { kind weight detail }
      a { ${SIDE} } b { ${SIDE} }
      evidenceA(first: 3) { articleId title names snippet }
      evidenceB(first: 3) { articleId title names snippet }
    } }
  }
}`;
const MERGE = `mutation Accept($into: ID!, $from: ID!) { mergeEntities(into: $into, from: [$from]) { key name articleCount } }`;
const REJECT = `mutation Reject($a: ID!, $b: ID!) { rejectDuplicate(a: $a, b: $b) { id } }`;

/** @type {{ entity: string | null, pairs: any[], skipped: Set<string>, busy: boolean }} */
const state = { entity: null, pairs: [], skipped: new Set(), busy: false };
const pairKey = (/** @type {any} */ p) => [p.a.key, p.b.key].sort().join("|");

/** One side of the pair: header, aliases, the articles. @param {any} e @param {any[]} evidence @param {string} letter */
function side(e, evidence, letter) {
  return el("section", { class: "review-side", "aria-label": `Entity ${letter}: ${e.name}` }, [
    el("h3", {}, [`${letter} `, entityLink(e.key, e.name)]),
    el("p", { class: "meta" }, [`${e.type.toLowerCase()} · ${plural(e.articleCount, "article")} · ${e.key}`]),
    el("p", { class: "aliases" }, [e.aliases.length ? `Also: ${e.aliases.slice(0, 8).join(", ")}` : "No other names."]),
    el(
      "ol",
      { class: "review-evidence" },
      evidence.map((x) =>
        el("li", {}, [
          el("a", { href: `#article=${encodeURIComponent(x.articleId)}` }, [x.title ?? x.articleId]),
          el("div", { class: "names" }, [`as ${x.names.map((/** @type {string} */ n) => `“${n}”`).join(", ")}`]),
          el("blockquote", {}, [`…${x.snippet}…`]),
        ]),
      ),
    ),
  ]);
}

function draw() {
  const list = $("review-pair");
  list.replaceChildren();
  const p = state.pairs.find((x) => !state.skipped.has(pairKey(x)));
  $("review-actions").hidden = !p;
  if (!p) {
    $("review-status").textContent = state.entity ? "No more suggestions for this entity." : "No more suggestions: the queue is empty.";
    return;
  }
  const left = state.pairs.filter((x) => !state.skipped.has(pairKey(x))).length;
  $("review-status").textContent = `Score ${p.score.toFixed(2)} · ${plural(left, "pair")} to review on this page`;
  list.append(
    el("div", { class: "compare-cols" }, [side(p.a, p.evidenceA, "A"), side(p.b, p.evidenceB, "B")]),
    el(
      "ul",
      { class: "review-reasons", "aria-label": "Reasons" },
      p.reasons.map((/** @type {any} */ r) =>
        el("li", { class: r.weight < 0 ? "against" : "for" }, [`${r.weight < 0 ? "against" : "for"} ${r.weight.toFixed(2)}: ${r.kind} — ${r.detail}`]),
      ),
    ),
  );
  list.dataset.pair = pairKey(p);
}

async function load() {
  $("review-status").textContent = "Loading suggestions…";
  try {
    const d = await gql(DUPLICATES, { entity: state.entity, first: 10 }); // 20 pairs with their evidence cost more than KG_MAX_COST allows
    state.pairs = d.duplicateCandidates.edges.map((/** @type {any} */ e) => e.node);
    draw();
  } catch (e) {
    fail(e);
    $("review-status").textContent = "";
  }
}

/** Accept, reject or skip the pair on screen. @param {"accept" | "reject" | "skip"} what */
async function decide(what) {
  const p = state.pairs.find((x) => !state.skipped.has(pairKey(x)));
  if (!p || state.busy) return;
  if (what === "skip") {
    state.skipped.add(pairKey(p));
    draw();
    return;
  }
  state.busy = true;
  try {
    const [into, from] = p.a.articleCount >= p.b.articleCount ? [p.a, p.b] : [p.b, p.a];
    if (what === "accept") {
      const d = await gql(MERGE, { into: into.key, from: from.key });
      say(`Merged “${from.name}” into “${d.mergeEntities.name}” (${plural(d.mergeEntities.articleCount, "article")}).`);
    } else {
      await gql(REJECT, { a: p.a.key, b: p.b.key });
      say(`Remembered: “${p.a.name}” and “${p.b.name}” are not one thing.`);
    }
    await load();
  } catch (e) {
    fail(e);
  } finally {
    state.busy = false;
  }
}

$("review-accept").addEventListener("click", () => void decide("accept"));
$("review-reject").addEventListener("click", () => void decide("reject"));
$("review-skip").addEventListener("click", () => void decide("skip"));

/** Open the queue: all suggestions, or one entity's. @param {string | null} entity */
export function showReview(entity) {
  state.entity = entity;
  state.skipped.clear();
  showView("review-view");
  $("review-title").focus();
  void load();
}
