/**
 * What Cytoscape desktop's GraphML reader needs of a file, checked on the XML itself. Cytoscape's
 * reader cannot be run here (its artifacts are not on Maven Central and Debian does not package it;
 * README "Export"), so these are the rules read from its source (cytoscape-impl, graphml-impl:
 * GraphMLParser, a SAX handler, and GraphMLToken):
 *
 * - elements are matched by their qualified name ("graph", "key", "node", "edge", "data"): a
 *   prefixed element (`<g:node>`) is not seen;
 * - a <key>'s attr.name is the column and its attr.type one of int, long, float, double, boolean,
 *   string (case-sensitive): data of a key without one of those is dropped without a word;
 * - an <edge> looks its source and target up among the <node>s read so far: one naming a later node
 *   is dropped with a log warning, and its <data> then lands on the element read before it;
 * - a node key named like one of the node table's own columns (SUID, shared name, name, selected)
 *   writes into that column, so it must have that column's type (`name` a string: Cytoscape's label).
 */
import { create } from "xmlbuilder2";

const TYPES = new Set(["int", "long", "float", "double", "boolean", "string"]);
const NODE_COLUMNS: Record<string, string> = { SUID: "long", "shared name": "string", name: "string", selected: "boolean" };
const EDGE_COLUMNS: Record<string, string> = { ...NODE_COLUMNS, interaction: "string", "shared interaction": "string" };
const GRAPHML = new Set(["graphml", "graph", "key", "default", "node", "edge", "data", "desc"]);

/** Every way `xml` departs from what Cytoscape's GraphML reader reads; empty when it reads all of it. */
export function cytoscapeGraphMlProblems(xml: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (el: Element) => {
    if (el.prefix !== null || !GRAPHML.has(el.nodeName)) problems.push(`<${el.nodeName}> is not an unprefixed GraphML element`);
    const at = (name: string) => el.getAttribute(name);
    if (el.nodeName === "key") {
      const [name, type] = [at("attr.name"), at("attr.type")];
      if (name === null) problems.push(`key ${at("id")} has no attr.name`);
      if (type === null || !TYPES.has(type)) problems.push(`key ${at("id")} has attr.type ${type}, not one of ${[...TYPES].join(", ")}`);
      const own = (at("for") === "edge" ? EDGE_COLUMNS : NODE_COLUMNS)[name ?? ""];
      if (own !== undefined && own !== type) problems.push(`key ${at("id")} writes Cytoscape's column "${name}" (${own}) as ${type}`);
    } else if (el.nodeName === "node") {
      seen.add(at("id") ?? "");
    } else if (el.nodeName === "edge") {
      for (const end of ["source", "target"]) if (!seen.has(at(end) ?? "")) problems.push(`edge ${at("id")}: ${end} ${at(end)} is not a node read before it`);
    }
    // childNodes, not children: the parser's DOM lists every descendant as a child.
    for (const child of el.childNodes) if (child.nodeType === 1) walk(child as Element);
  };
  walk(create(xml).root().node as unknown as Element);
  return problems;
}
