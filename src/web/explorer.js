// The graph explorer: search an entity, see its neighbourhood, click an edge (or pick it by
// keyboard) to read the evidence; the article, path and compare views live in their own modules.
// Plain ES modules, Cytoscape.js from node_modules (served at /assets/vendor/), no build step.
import cytoscape from "/assets/vendor/cytoscape.esm.min.mjs";
import { EVIDENCE, NEIGHBOURHOOD, RELATION_ADDED, SEARCH, gql, setApiKey } from "./api.js";
import { subscribe } from "./live.js";
import { showArticle } from "./article.js";
import { combobox } from "./combobox.js";
import { showCompare } from "./compare.js";
import { showReview } from "./review.js";
import { showDownloads } from "./download.js";
import { $, articleLink, el, fail, plural, relationSentence, say, showView } from "./dom.js";
import { graphKeyboard } from "./graph-keys.js";
import "./path.js";

/** Node colours by entity type (articles: the object of QUOTED_IN). */
const COLOURS = { PERSON: "#d9480f", ORGANIZATION: "#1c7ed6", LOCATION: "#2b8a3e", GROUP: "#9c36b5", ARTICLE: "#868e96" };

const search = /** @type {HTMLInputElement} */ ($("search"));

$("key-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setApiKey(/** @type {HTMLInputElement} */ ($("api-key")).value.trim());
  $("key-panel").hidden = true;
  say("Key saved for this tab.");
  cy.resize();
  if (current) void loadEntity({ id: current }, false);
  search.focus();
});

// ---------------------------------------------------------------------------------------------
// Type-ahead over entities(search:); Enter with no suggestion active looks the typed name up.

const typeahead = combobox({
  input: search,
  list: $("suggestions"),
  find: async (q) => (await gql(SEARCH, { q })).entities.edges.map((/** @type {any} */ e) => e.node),
  render: (o) => [el("span", {}, [o.name]), el("span", { class: "type" }, [`${o.type} · ${o.articleCount} art.`])],
  pick: (o) => {
    search.value = o.name;
    void loadEntity({ id: o.key }, true);
  },
  onError: fail,
});
$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  typeahead.close();
  if (search.value.trim()) void loadEntity({ name: search.value.trim() }, true);
});

// ---------------------------------------------------------------------------------------------
// The neighbourhood graph

const cy = cytoscape({
  container: $("cy"),
  wheelSensitivity: 0.3,
  style: [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "data(label)",
        "font-size": 11,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "ellipsis",
        "text-max-width": "140px",
        // Labels too small to read when zoomed out are not drawn (zoom in to read them): a large graph paints much faster.
        "min-zoomed-font-size": 7,
        width: "mapData(articles, 1, 10, 18, 40)",
        height: "mapData(articles, 1, 10, 18, 40)",
      },
    },
    { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } },
    {
      selector: "edge",
      style: {
        width: "mapData(articles, 1, 5, 1.5, 8)",
        "line-color": "#adb5bd",
        "target-arrow-color": "#adb5bd",
        "target-arrow-shape": "triangle",
        "curve-style": "bezier",
        label: "data(type)",
        "font-size": 9,
        "min-zoomed-font-size": 7,
        "text-rotation": "autorotate",
        "text-background-color": "#fff",
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
      },
    },
    {
      selector: "node.kbd",
      style: { "border-width": 4, "border-color": "#0b62c4", "underlay-color": "#0b62c4", "underlay-opacity": 0.25, "underlay-padding": 6 },
    },
    { selector: "edge:selected", style: { "line-color": "#0b62c4", "target-arrow-color": "#0b62c4" } },
    { selector: ".filtered", style: { display: "none" } },
  ],
});

/** Above this many nodes the graph is laid out in rings, not by forces (see draw). */
const LARGE = 150;

/** @type {string | undefined} the key of the entity in focus */
let current;

/** @param {any} target */
function nodeOf(target) {
  if (target.__typename === "Article")
    return { id: `article:${target.key}`, label: target.title ?? target.key, colour: COLOURS.ARTICLE, type: "ARTICLE", articles: 1 };
  return {
    id: target.key,
    label: target.name,
    colour: COLOURS[/** @type {keyof COLOURS} */ (target.type)] ?? "#495057",
    type: target.type,
    articles: target.articleCount,
    entity: true,
  };
}

/**
 * Load an entity's neighbourhood; `replace` starts a new graph, otherwise it is merged (expansion).
 * @param {{ id?: string, name?: string }} which @param {boolean} replace
 */
async function loadEntity(which, replace) {
  say("Loading…");
  let data;
  try {
    data = await gql(NEIGHBOURHOOD, which);
  } catch (e) {
    fail(e);
    return;
  }
  const entity = data.entity;
  if (!entity) {
    await notFound(which.name ?? which.id ?? "");
    return;
  }
  if (replace) {
    cy.elements().remove();
    $("evidence-panel").hidden = true;
  }
  current = entity.key;
  showView("graph-view");
  history.replaceState(null, "", `#entity=${encodeURIComponent(entity.key)}`);
  $("entity-title").textContent = `${entity.name} (${entity.type.toLowerCase()}, ${plural(entity.articleCount, "article")})`;
  showDownloads(entity.key);
  /** @type {any[]} */
  const nodes = [nodeOf({ __typename: "Entity", ...entity })];
  /** @type {any[]} */
  const edges = [];
  for (const r of entity.relations) {
    const s = nodeOf({ __typename: "Entity", ...r.subject });
    const o = nodeOf(r.object);
    nodes.push(s, o);
    edges.push({ id: r.id, source: s.id, target: o.id, type: r.type, articles: r.articleCount, firstSeen: r.firstSeen ?? "", lastSeen: r.lastSeen ?? "" });
  }
  const ms = draw(nodes, edges, entity.key);
  if (replace) listen(entity);
  $("graph-hint").hidden = false;
  say(`${plural(entity.relations.length, "relation")} of ${entity.name}; graph drawn in ${ms.toFixed(0)} ms.`);
}

// ---------------------------------------------------------------------------------------------
// Live evidence: while an entity is in view, each article stored with a relation of it adds (or
// thickens) the edge and lists the new sentence at the top of "New evidence".

/** @type {(() => void) | undefined} */
let stopLive;

/** @param {{ key: string, name: string }} entity */
function listen(entity) {
  stopLive?.();
  $("live-list").replaceChildren();
  $("live-panel").hidden = true;
  stopLive = subscribe(
    RELATION_ADDED,
    { entity: entity.key },
    (data) => {
      const { relation: r, evidence, article } = data.relationAdded;
      if (!r || current !== entity.key) return;
      const s = nodeOf({ __typename: "Entity", ...r.subject });
      const o = nodeOf(r.object);
      const known = cy.getElementById(r.id);
      if (known.nonempty()) known.data("articles", r.articleCount);
      else
        draw(
          [s, o],
          [{ id: r.id, source: s.id, target: o.id, type: r.type, articles: r.articleCount, firstSeen: r.firstSeen ?? "", lastSeen: r.lastSeen ?? "" }],
          entity.key,
        );
      const objectName = r.object.__typename === "Article" ? (r.object.title ?? r.object.key) : r.object.name;
      const head = `${r.subject.name} ${r.type} ${objectName}`;
      $("live-panel").hidden = false;
      $("live-list").prepend(
        el("li", { class: "live" }, [
          el("button", { type: "button", "aria-label": `${head}: evidence` }, [head]),
          el("blockquote", {}, [evidence[0]?.sentence ?? ""]),
          el("div", { class: "meta" }, [articleLink(article.key, article.title ?? article.key)]),
        ]),
      );
      $("live-list")
        .querySelector("li button")
        ?.addEventListener("click", (ev) => void showEvidence(r.id, /** @type {HTMLElement} */ (ev.currentTarget)));
      $("graph-status").textContent = `New evidence: ${head} (${plural(r.articleCount, "article")}).`;
    },
    (message) => ($("graph-status").textContent = message),
  );
}

/**
 * Add nodes and edges (those not drawn yet), apply the filters and lay the graph out; the time it
 * took, ms (also kept in kg.lastRenderMs; bench/explorer-render.ts times this with 500 nodes).
 * @param {any[]} nodes @param {any[]} edges @param {string} [focus] the entity in focus
 */
function draw(nodes, edges, focus) {
  const t0 = performance.now();
  cy.batch(() => {
    for (const n of nodes) if (cy.getElementById(n.id).empty()) cy.add({ group: "nodes", data: n });
    for (const e of edges) if (cy.getElementById(e.id).empty()) cy.add({ group: "edges", data: e });
    cy.nodes().removeClass("focus");
    if (focus) cy.getElementById(focus).addClass("focus");
  });
  buildTypeFilters();
  applyFilters();
  // cose (force-directed) reads best but grows quadratically: ~5 s for 500 nodes on a small machine.
  // Past LARGE nodes, concentric rings by degree (hubs in the middle) draw in well under a second.
  const large = cy.nodes().length > LARGE;
  cy.layout(
    large
      ? { name: "concentric", animate: false, concentric: (n) => n.degree(false), levelWidth: () => 2, minNodeSpacing: 6, padding: 30 }
      : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 50 },
  ).run();
  const ms = performance.now() - t0;
  kg.lastRenderMs = ms;
  return ms;
}

/** An unknown entity: say so, and offer what the search finds. @param {string} name */
async function notFound(name) {
  let hints = [];
  try {
    hints = (await gql(SEARCH, { q: name })).entities.edges.map((/** @type {any} */ e) => e.node.name);
  } catch {
    /* the message below is enough */
  }
  say(
    hints.length > 0
      ? `No entity named “${name}”. Try: ${hints.slice(0, 5).join(", ")}.`
      : `No entity named “${name}”. Try another spelling, a surname, or an acronym (e.g. ISIS).`,
    true,
  );
}

// Filters: relation type, minimum article count, publication date range (edges whose articles fall in it).
function buildTypeFilters() {
  const box = $("type-filters");
  const have = new Set([...box.querySelectorAll("input")].map((i) => /** @type {HTMLInputElement} */ (i).value));
  for (const t of [...new Set(cy.edges().map((e) => e.data("type")))].sort()) {
    if (have.has(t)) continue;
    box.append(el("label", {}, [el("input", { type: "checkbox", value: t, checked: "" }), ` ${t}`]));
  }
  $("filters").hidden = cy.edges().length === 0;
}

function applyFilters() {
  const types = new Set([...$("type-filters").querySelectorAll("input:checked")].map((i) => /** @type {HTMLInputElement} */ (i).value));
  const min = Number(/** @type {HTMLInputElement} */ ($("min-articles")).value) || 1;
  const from = /** @type {HTMLInputElement} */ ($("date-from")).value;
  const to = /** @type {HTMLInputElement} */ ($("date-to")).value;
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const d = e.data();
      const inRange = (!from || !d.lastSeen || d.lastSeen.slice(0, 10) >= from) && (!to || !d.firstSeen || d.firstSeen.slice(0, 10) <= to);
      e.toggleClass("filtered", !(types.has(d.type) && d.articles >= min && inRange));
    });
    cy.nodes().forEach((n) => {
      n.toggleClass("filtered", !n.hasClass("focus") && n.connectedEdges(":not(.filtered)").empty());
    });
  });
  renderRelationList();
}
$("filters").addEventListener("input", applyFilters);

/**
 * The visible relations as a list of buttons, in step with the graph: a focused (or hovered) entry
 * selects its edge, an edge picked on the canvas or by keys marks its entry (aria-current).
 */
function renderRelationList() {
  const items = cy
    .edges(":not(.filtered)")
    .sort((a, b) => b.data("articles") - a.data("articles"))
    .map((e) => {
      const d = e.data();
      const from = e.source().data("label");
      const to = e.target().data("label");
      const b = el("button", { type: "button", "data-relation": e.id() }, [
        el("span", { class: "rel-type" }, [d.type]),
        ` ${from} → ${to} `,
        el("span", { class: "meta" }, [`(${d.articles} art.)`]),
      ]);
      b.setAttribute("aria-label", `${from} ${d.type} ${to}`);
      b.addEventListener("click", () => void showEvidence(e.id(), b));
      b.addEventListener("focus", () => keys.selectEdge(e, false));
      b.addEventListener("mouseenter", () => keys.selectEdge(e, false));
      return el("li", {}, [b]);
    });
  $("relation-list").replaceChildren(...items);
}

/** Mark the relation list's entry for `edge`. @param {any} edge */
function markListed(edge) {
  for (const b of $("relation-list").querySelectorAll("button")) {
    const mine = /** @type {HTMLElement} */ (b).dataset.relation === edge.id();
    if (mine) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
    if (mine && document.activeElement !== b) b.scrollIntoView({ block: "nearest" });
  }
}

// Cytoscape caches the canvas's place on the page and renews it only on resize and scroll, but the
// filter bar, the key form and a two-line title move the canvas without either: a click would be
// placed beside what it was aimed at (an edge is a few pixels wide). Measure again before each press.
$("cy").addEventListener("pointerdown", () => cy.resize(), { capture: true });

cy.on("tap", "edge", (ev) => {
  keys.selectEdge(ev.target);
  void showEvidence(ev.target.id(), $("cy"));
});
cy.on("tap", "node", (ev) => expand(ev.target));

/** A node's neighbourhood merged into the graph; an article node opens the article view. @param {any} node */
function expand(node) {
  const d = node.data();
  if (!d.entity) location.hash = `#article=${encodeURIComponent(d.id.replace(/^article:/, ""))}`;
  else if (d.id !== current) void loadEntity({ id: d.id }, false);
  else say(`${d.label}'s relations are all drawn; pick another node to expand.`);
}

const keys = graphKeyboard(cy, $("cy"), $("graph-status"), {
  expand,
  evidence: (edge) => void showEvidence(edge.id(), $("cy")),
  selected: markListed,
});

// ---------------------------------------------------------------------------------------------
// Evidence

/** Where the focus goes back to when the evidence panel closes. @type {HTMLElement | undefined} */
let evidenceFrom;

/**
 * Every article that asserts the relation, the sentence with the relation's span marked. The panel
 * takes the focus (its heading); Escape or "Close" gives it back to `from`.
 * @param {string} id @param {HTMLElement} [from]
 */
async function showEvidence(id, from) {
  const panel = $("evidence-panel");
  panel.hidden = false;
  evidenceFrom = from;
  $("evidence-title").focus({ preventScroll: true });
  $("evidence-title").textContent = "Loading evidence…";
  $("evidence-list").replaceChildren();
  let r;
  try {
    r = (await gql(EVIDENCE, { id })).node;
  } catch (e) {
    $("evidence-title").textContent = "Evidence";
    fail(e);
    return;
  }
  if (!r) {
    $("evidence-title").textContent = "This relation is gone (the graph changed). Search again.";
    return;
  }
  const objectName = r.object.name ?? r.object.title;
  $("evidence-title").textContent = `${r.subject.name} ${r.type} ${objectName}${r.time ? ` (${r.time})` : ""} — ${plural(r.articleCount, "article")}`;
  const subjectNames = [r.subject.name, ...(r.subject.aliases ?? [])];
  const objectNames = r.object.__typename === "Entity" ? [r.object.name, ...(r.object.aliases ?? [])] : [];
  $("evidence-list").replaceChildren(
    ...r.evidence.map((/** @type {any} */ ev) => {
      const a = ev.article;
      const title = a.url
        ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank", class: "article-title" }, [a.title ?? a.key])
        : el("span", { class: "article-title" }, [a.title ?? a.key]);
      const meta = [a.source, a.publishedAt?.slice(0, 10), `confidence ${ev.confidence.toFixed(2)}`, ev.time ? `time: ${ev.time}` : ""]
        .filter(Boolean)
        .join(" · ");
      return el("li", { class: "evidence" }, [
        title,
        " ",
        articleLink(a.key),
        el("div", { class: "meta" }, [meta]),
        el("blockquote", { class: "sentence" }, relationSentence(ev.sentence, subjectNames, objectNames)),
        ...(ev.quote ? [el("div", { class: "quote" }, [`“${ev.quote}”`])] : []),
      ]);
    }),
  );
}

function closeEvidence() {
  $("evidence-panel").hidden = true;
  evidenceFrom?.focus();
}
$("evidence-close").addEventListener("click", closeEvidence);
$("evidence-panel").addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") {
    ev.preventDefault();
    closeEvidence();
  }
});

// Keep the canvas the size of its box (phone rotation, window resize), the graph in view.
window.addEventListener("resize", () => {
  cy.resize();
  cy.fit(undefined, 50);
});

// Debugging handle (and the browser tests' way to find an edge on the canvas, the benchmark's to draw).
const kg = /** @type {{ cy: typeof cy, draw: typeof draw, lastRenderMs?: number }} */ ({ cy, draw });
/** @type {any} */ (window).kg = kg;

// ---------------------------------------------------------------------------------------------
// Views: graph (default), path, article, compare; the hash says which, so each can be linked:
// #entity=<key>, #path, #article=<key>, #compare=<key>&with=<key>, #review[=<entity key>].

document.addEventListener("kg:view", (ev) => {
  if (/** @type {CustomEvent} */ (ev).detail === "graph-view") cy.resize();
});

$("path-link").addEventListener("click", (ev) => {
  ev.preventDefault();
  history.replaceState(null, "", "#path");
  showView("path-view");
  $("path-from").focus();
});

function route() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const entity = hash.get("entity");
  const article = hash.get("article");
  const compare = hash.get("compare");
  if (entity) void loadEntity({ id: entity }, true);
  else if (article) void showArticle(article);
  else if (compare && hash.get("with")) void showCompare(compare, hash.get("with") ?? "");
  else if (location.hash === "#path") showView("path-view");
  else if (hash.has("review")) showReview(hash.get("review") || null);
  else {
    showView("graph-view");
    search.focus();
  }
}
window.addEventListener("hashchange", route);
route();
