// The graph explorer: search an entity, see its neighbourhood, click an edge to read the evidence.
// Plain ES modules, Cytoscape.js from node_modules (served at /assets/vendor/), no build step.
import cytoscape from "/assets/vendor/cytoscape.esm.min.mjs";
import { ApiError, ARTICLE, EVIDENCE, NEIGHBOURHOOD, PATHS, SEARCH, gql, setApiKey } from "./api.js";

/** Node colours by entity type (articles: the object of QUOTED_IN). */
const COLOURS = { PERSON: "#d9480f", ORGANIZATION: "#1c7ed6", LOCATION: "#2b8a3e", GROUP: "#9c36b5", ARTICLE: "#868e96" };

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const search = /** @type {HTMLInputElement} */ ($("search"));
const suggestions = $("suggestions");

/** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node | string)[]} [children] */
function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** @param {string} text @param {boolean} [error] */
function say(text, error = false) {
  const m = $("message");
  m.textContent = text;
  m.classList.toggle("error", error);
}

/** Show an API failure as the server gave it: code and message. A missing key opens the key form. */
function fail(/** @type {unknown} */ e) {
  if (e instanceof ApiError) {
    say(`${e.code}: ${e.message}`, true);
    if (e.code === "UNAUTHENTICATED") {
      $("key-panel").hidden = false;
      $("api-key").focus();
    }
  } else {
    say(String(e), true);
  }
}

$("key-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setApiKey(/** @type {HTMLInputElement} */ ($("api-key")).value.trim());
  $("key-panel").hidden = true;
  say("Key saved for this tab.");
  if (current) void loadEntity({ id: current }, false);
});

// ---------------------------------------------------------------------------------------------
// Type-ahead over entities(search:)

/** @type {{ key: string, name: string, type: string, articleCount: number }[]} */
let options = [];
let active = -1;
let seq = 0;
/** @type {number | undefined} */
let timer;

function closeSuggestions() {
  // A keystroke's pending or in-flight search must not reopen the list after a pick.
  clearTimeout(timer);
  seq++;
  suggestions.hidden = true;
  search.setAttribute("aria-expanded", "false");
  search.removeAttribute("aria-activedescendant");
  active = -1;
}

function renderSuggestions() {
  suggestions.replaceChildren(
    ...options.map((o, i) =>
      el("li", { id: `sug-${i}`, role: "option", "aria-selected": String(i === active), "data-key": o.key }, [el("span", {}, [o.name]), el("span", { class: "type" }, [`${o.type} · ${o.articleCount} art.`])]),
    ),
  );
  suggestions.hidden = options.length === 0;
  search.setAttribute("aria-expanded", String(options.length > 0));
  if (active >= 0) search.setAttribute("aria-activedescendant", `sug-${active}`);
}

async function suggest() {
  const q = search.value.trim();
  const mine = ++seq;
  if (q.length < 2) {
    options = [];
    closeSuggestions();
    return;
  }
  try {
    const data = await gql(SEARCH, { q });
    if (mine !== seq) return; // a newer keystroke won
    options = data.entities.edges.map((/** @type {any} */ e) => e.node);
    active = options.length > 0 ? 0 : -1;
    renderSuggestions();
  } catch (e) {
    fail(e);
  }
}

search.addEventListener("input", () => {
  clearTimeout(timer);
  timer = window.setTimeout(() => void suggest(), 150);
});
search.addEventListener("blur", closeSuggestions);
search.addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    if (options.length === 0) return;
    ev.preventDefault();
    active = (active + (ev.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
    renderSuggestions();
  } else if (ev.key === "Escape") {
    closeSuggestions();
  }
});
suggestions.addEventListener("mousedown", (ev) => {
  const li = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest("li[data-key]"));
  if (!li) return;
  ev.preventDefault();
  closeSuggestions();
  search.value = li.firstChild?.textContent ?? "";
  void loadEntity({ id: li.dataset.key ?? "" }, true);
});
$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const chosen = active >= 0 && !suggestions.hidden ? options[active] : undefined;
  closeSuggestions();
  if (chosen) {
    search.value = chosen.name;
    void loadEntity({ id: chosen.key }, true);
  } else if (search.value.trim()) {
    void loadEntity({ name: search.value.trim() }, true);
  }
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
        "text-rotation": "autorotate",
        "text-background-color": "#fff",
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
      },
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
  if (target.__typename === "Article") return { id: `article:${target.key}`, label: target.title ?? target.key, colour: COLOURS.ARTICLE, type: "ARTICLE", articles: 1 };
  return { id: target.key, label: target.name, colour: COLOURS[/** @type {keyof COLOURS} */ (target.type)] ?? "#495057", type: target.type, articles: target.articleCount, entity: true };
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
  $("entity-title").textContent = `${entity.name} (${entity.type.toLowerCase()}, ${entity.articleCount} article${entity.articleCount === 1 ? "" : "s"})`;
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
  $("graph-hint").hidden = false;
  say(`${entity.relations.length} relation${entity.relations.length === 1 ? "" : "s"} of ${entity.name}; graph drawn in ${ms.toFixed(0)} ms.`);
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
  cy.layout(large ? { name: "concentric", animate: false, concentric: (n) => n.degree(false), levelWidth: () => 2, minNodeSpacing: 6, padding: 30 } : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 50 }).run();
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
  say(hints.length > 0 ? `No entity named “${name}”. Try: ${hints.slice(0, 5).join(", ")}.` : `No entity named “${name}”. Try another spelling, a surname, or an acronym (e.g. ISIS).`, true);
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

/** The visible relations as a list of buttons: the keyboard's way to the evidence. */
function renderRelationList() {
  const items = cy
    .edges(":not(.filtered)")
    .sort((a, b) => b.data("articles") - a.data("articles"))
    .map((e) => {
      const d = e.data();
      const from = e.source().data("label");
      const to = e.target().data("label");
      const b = el("button", { type: "button", "data-relation": e.id() }, [el("span", { class: "rel-type" }, [d.type]), ` ${from} → ${to} `, el("span", { class: "meta" }, [`(${d.articles} art.)`])]);
      b.setAttribute("aria-label", `${from} ${d.type} ${to}`);
      b.addEventListener("click", () => void showEvidence(e.id()));
      return el("li", {}, [b]);
    });
  $("relation-list").replaceChildren(...items);
}

// Cytoscape caches the canvas's place on the page and renews it only on resize and scroll, but the
// filter bar, the key form and a two-line title move the canvas without either: a click would be
// placed beside what it was aimed at (an edge is a few pixels wide). Measure again before each press.
$("cy").addEventListener("pointerdown", () => cy.resize(), { capture: true });

cy.on("tap", "edge", (ev) => {
  cy.edges().unselect();
  ev.target.select();
  void showEvidence(ev.target.id());
});
cy.on("tap", "node", (ev) => {
  const d = ev.target.data();
  if (d.entity && d.id !== current) void loadEntity({ id: d.id }, false);
});

// ---------------------------------------------------------------------------------------------
// Evidence

/** @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The sentence with the subject's and the object's names (and aliases) marked.
 * @param {string} sentence @param {string[]} subjectNames @param {string[]} objectNames
 */
function highlighted(sentence, subjectNames, objectNames) {
  const names = [...subjectNames.map((n) => [n, "subject"]), ...objectNames.map((n) => [n, "object"])].filter(([n]) => n && n.length > 1).sort((a, b) => b[0].length - a[0].length);
  if (names.length === 0) return [sentence];
  return markNames(sentence, names);
}

/** @param {string} id */
async function showEvidence(id) {
  const panel = $("evidence-panel");
  panel.hidden = false;
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
  $("evidence-title").textContent = `${r.subject.name} ${r.type} ${objectName}${r.time ? ` (${r.time})` : ""} — ${r.articleCount} article${r.articleCount === 1 ? "" : "s"}`;
  const subjectNames = [r.subject.name, ...(r.subject.aliases ?? [])];
  const objectNames = r.object.__typename === "Entity" ? [r.object.name, ...(r.object.aliases ?? [])] : [];
  $("evidence-list").replaceChildren(
    ...r.evidence.map((/** @type {any} */ ev) => {
      const a = ev.article;
      const title = a.url ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank", class: "article-title" }, [a.title ?? a.key]) : el("span", { class: "article-title" }, [a.title ?? a.key]);
      const meta = [a.source, a.publishedAt?.slice(0, 10), `confidence ${ev.confidence.toFixed(2)}`, ev.time ? `time: ${ev.time}` : ""].filter(Boolean).join(" · ");
      const open = el("button", { type: "button", class: "open-article", "data-article": a.key }, ["article view"]);
      open.addEventListener("click", () => void showArticle(a.key));
      return el("li", { class: "evidence" }, [title, " ", open, el("div", { class: "meta" }, [meta]), el("blockquote", { class: "sentence" }, highlighted(ev.sentence, subjectNames, objectNames)), ...(ev.quote ? [el("div", { class: "quote" }, [`“${ev.quote}”`])] : [])]);
    }),
  );
}

// Keep the canvas the size of its box (phone rotation, window resize), the graph in view.
window.addEventListener("resize", () => {
  cy.resize();
  cy.fit(undefined, 50);
});

// Debugging handle (and the browser tests' way to find an edge on the canvas, the benchmark's to draw).
const kg = /** @type {{ cy: typeof cy, draw: typeof draw, lastRenderMs?: number }} */ ({ cy, draw });
/** @type {any} */ (window).kg = kg;

// ---------------------------------------------------------------------------------------------
// Views: graph (default), path, article; the hash says which (#entity=…, #path, #article=…).

/** @param {"graph-view" | "path-view" | "article-view"} id */
function showView(id) {
  for (const v of ["graph-view", "path-view", "article-view"]) $(v).hidden = v !== id;
  if (id === "graph-view") cy.resize();
}

$("path-link").addEventListener("click", (ev) => {
  ev.preventDefault();
  history.replaceState(null, "", "#path");
  showView("path-view");
  $("path-from").focus();
});

$("path-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const from = /** @type {HTMLInputElement} */ ($("path-from")).value.trim();
  const to = /** @type {HTMLInputElement} */ ($("path-to")).value.trim();
  const maxHops = Number(/** @type {HTMLInputElement} */ ($("path-hops")).value) || 6;
  void findPaths(from, to, maxHops);
});

/** Paths between two entities (connections), each hop with its proof. @param {string} from @param {string} to @param {number} maxHops */
async function findPaths(from, to, maxHops) {
  say("Looking for paths…");
  let paths;
  try {
    paths = (await gql(PATHS, { from, to, maxHops })).connections;
  } catch (e) {
    fail(e);
    return;
  }
  if (paths.length === 0) {
    say(`No path between “${from}” and “${to}” within ${maxHops} hops. Check both names (the search box suggests them) or allow more hops.`, true);
    $("path-list").replaceChildren();
    return;
  }
  say(`${paths.length} path${paths.length === 1 ? "" : "s"} from ${paths[0].hops[0].from.name} to ${paths[0].hops.at(-1).to.name}.`);
  $("path-list").replaceChildren(
    ...paths.map((/** @type {any} */ p) =>
      el("li", { class: "path" }, [
        el("strong", {}, [`${p.length} hop${p.length === 1 ? "" : "s"}: `, [p.hops[0].from.name, ...p.hops.map((/** @type {any} */ h) => h.to.name)].join(" — ")]),
        ...p.hops.map((/** @type {any} */ h) => {
          const r = h.relation;
          const ev = r?.evidence?.[0];
          const head = r ? `${r.subject.name} ${r.type} ${r.object.name}` : `${h.from.name} and ${h.to.name} appear together in “${h.article?.title ?? h.article?.key}”`;
          const proof = ev ? [el("blockquote", { class: "sentence" }, [ev.sentence]), el("div", { class: "meta" }, [`${ev.article.title ?? ev.article.key} · confidence ${ev.confidence.toFixed(2)} · ${r.articleCount} article${r.articleCount === 1 ? "" : "s"}`])] : [];
          const open = el("button", { type: "button", class: "open-article" }, ["article view"]);
          const key = ev?.article.key ?? h.article?.key;
          open.addEventListener("click", () => void showArticle(key));
          return el("div", { class: "hop" }, [el("span", { class: "rel-type" }, [r?.type ?? "CO-MENTION"]), ` ${head} `, ...(key ? [open] : []), ...proof]);
        }),
      ]),
    ),
  );
}

/**
 * The article text with its entities marked (by type) and the sentences that state a relation underlined.
 * @param {string} key
 */
async function showArticle(key) {
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
  showView("article-view");
  history.replaceState(null, "", `#article=${encodeURIComponent(a.key)}`);
  $("article-title").textContent = a.title ?? a.key;
  $("article-meta").replaceChildren([a.source, a.publishedAt?.slice(0, 10)].filter(Boolean).join(" · "), ...(a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, ["original"])] : []));
  // Sentences stating relations: [start, end) → the relations they state.
  /** @type {Map<string, { start: number, end: number, says: string[] }>} */
  const spans = new Map();
  for (const r of a.relations) {
    for (const ev of r.evidence) {
      const k = `${ev.start}:${ev.end}`;
      const s = spans.get(k) ?? { start: ev.start, end: ev.end, says: [] };
      s.says.push(`${r.subject.name} ${r.type} ${r.object.name ?? r.object.title}`);
      spans.set(k, s);
    }
  }
  const ordered = [...spans.values()].sort((x, y) => x.start - y.start).filter((s, i, all) => i === 0 || s.start >= all[i - 1].end);
  /** @type {[string, string][]} name → entity type */
  const names = a.entities.flatMap((/** @type {any} */ e) => e.names.map((/** @type {string} */ n) => [n, e.entity.type]));
  const marked = (/** @type {string} */ text) => highlightedNames(text, names);
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
  $("article-text").replaceChildren(...parts);
  $("article-quotes").replaceChildren(...a.quotes.map((/** @type {any} */ q) => el("li", { class: "quote" }, [`“${q.text}” — `, el("strong", {}, [q.speaker.name]), el("span", { class: "meta" }, [` (confidence ${q.confidence.toFixed(2)})`])])));
  say(`${a.entities.length} entities, ${a.relations.length} relations, ${a.quotes.length} quotes.`);
  window.scrollTo(0, 0);
}

/** `text` with each of `names` marked, its class the entity type. @param {string} text @param {[string, string][]} names */
function highlightedNames(text, names) {
  return markNames(text, names.filter(([n]) => n.length > 1).sort((x, y) => y[0].length - x[0].length));
}

/**
 * `text` with each name marked (whole words, case-insensitive; an acronym such as "IS" only in
 * capitals, so the verb "is" stays plain), the mark's class the name's kind.
 * @param {string} text @param {string[][]} names [name, class], longest first
 * @returns {(Node | string)[]}
 */
function markNames(text, names) {
  if (names.length === 0 || !text) return [text];
  /** @type {Map<string, string[]>} */
  const byLower = new Map(names.map(([n, k]) => [n.toLowerCase(), [n, k]]));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${names.map(([n]) => escapeRe(n)).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return text.split(re).map((part, i) => {
    if (i % 2 === 0) return part;
    const [name, kind] = byLower.get(part.toLowerCase()) ?? [part, ""];
    const acronym = name === name.toUpperCase() && /\p{Lu}/u.test(name);
    return acronym && part !== name ? part : el("mark", { class: kind }, [part]);
  });
}

function route() {
  const m = /^#(entity|article)=(.+)$/.exec(location.hash);
  if (m?.[1] === "entity") void loadEntity({ id: decodeURIComponent(m[2]) }, true);
  else if (m?.[1] === "article") void showArticle(decodeURIComponent(m[2]));
  else if (location.hash === "#path") showView("path-view");
  else {
    showView("graph-view");
    search.focus();
  }
}
window.addEventListener("hashchange", route);
route();
