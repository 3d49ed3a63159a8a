// Keyboard access to the graph Cytoscape draws on its canvas. The canvas is one focusable element:
// ←/→ (Home/End) step through the drawn nodes, ↑/↓ through the selected node's relations, Enter
// expands the node (or opens an article), E or Space opens the selected relation's evidence,
// Escape clears the selection. Each step is said in a live region, so a screen reader hears it too.
import { plural } from "./dom.js";

/**
 * @param {any} cy the Cytoscape instance
 * @param {HTMLElement} container the canvas's element (made focusable here)
 * @param {HTMLElement} status where each step is said (aria-live)
 * @param {{ expand(node: any): void, evidence(edge: any): void, selected(edge: any): void }} on
 * @returns {{ selectEdge(edge: any, speak?: boolean): void }}
 */
export function graphKeyboard(cy, container, status, on) {
  /** @type {any} */
  let node;
  /** @type {any} */
  let edge;

  /** Drawn nodes in a stable order: the entity in focus first, then by name. */
  const nodes = () =>
    cy
      .nodes(":visible")
      .toArray()
      .sort(
        (/** @type {any} */ a, /** @type {any} */ b) =>
          Number(b.hasClass("focus")) - Number(a.hasClass("focus")) || a.data("label").localeCompare(b.data("label")),
      );
  /** The selected node's drawn relations, most articles first. */
  const edges = () =>
    node
      .connectedEdges(":visible")
      .toArray()
      .sort((/** @type {any} */ a, /** @type {any} */ b) => b.data("articles") - a.data("articles") || describe(a).localeCompare(describe(b)));
  const describe = (/** @type {any} */ e) => `${e.source().data("label")} ${e.data("type")} ${e.target().data("label")}`;

  /** @param {any} n @param {boolean} [speak] */
  function selectNode(n, speak = true) {
    cy.nodes().removeClass("kbd");
    cy.edges().unselect();
    node = n;
    edge = undefined;
    n.addClass("kbd");
    const all = nodes();
    const k = edges().length;
    const what = n.data("entity") ? `${n.data("type").toLowerCase()}` : "article";
    if (speak)
      status.textContent = `${n.data("label")} (${what}), node ${all.indexOf(n) + 1} of ${all.length}; ${plural(k, "relation")}${k ? ": ↑/↓ to pick one" : ""}; Enter ${n.data("entity") ? "expands it" : "opens the article"}.`;
  }

  /** @param {any} e @param {boolean} [speak] false when the relation list has the focus (it says the same) */
  function selectEdge(e, speak = true) {
    if (!node || !e.connectedNodes().contains(node)) selectNode(e.target(), speak);
    cy.edges().unselect();
    e.select();
    edge = e;
    const list = edges();
    if (speak)
      status.textContent = `${describe(e)} (${plural(e.data("articles"), "article")}), relation ${list.indexOf(e) + 1} of ${list.length}; E opens the evidence.`;
    on.selected(e);
  }

  container.addEventListener("focus", () => {
    if (!node || node.removed() || !node.visible()) {
      const first = nodes()[0];
      if (first) selectNode(first);
      else status.textContent = "The graph is empty: search an entity first.";
    }
  });
  container.addEventListener("keydown", (ev) => {
    const all = nodes();
    if (all.length === 0) return;
    const i = node ? all.indexOf(node) : -1;
    const step = (/** @type {any[]} */ list, /** @type {number} */ at, /** @type {number} */ by) => list[(at + by + list.length) % list.length];
    if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") selectNode(step(all, i, ev.key === "ArrowRight" ? 1 : -1));
    else if (ev.key === "Home") selectNode(all[0]);
    else if (ev.key === "End") selectNode(all[all.length - 1]);
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!node) selectNode(all[0]);
      const list = edges();
      if (list.length === 0) return;
      const j = edge ? list.indexOf(edge) : ev.key === "ArrowDown" ? -1 : 0;
      selectEdge(step(list, j, ev.key === "ArrowDown" ? 1 : -1));
    } else if (ev.key === "Enter" && node) on.expand(node);
    else if ((ev.key === "e" || ev.key === "E" || ev.key === " ") && edge) on.evidence(edge);
    else if (ev.key === "Escape") {
      cy.nodes().removeClass("kbd");
      cy.edges().unselect();
      node = edge = undefined;
      status.textContent = "Nothing selected: ←/→ to pick a node.";
    } else return;
    ev.preventDefault();
  });
  return { selectEdge };
}
