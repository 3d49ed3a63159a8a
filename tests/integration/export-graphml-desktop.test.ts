/**
 * The GraphML export in the desktop tools: opened by Gephi's own import code (Gephi 0.10.1 from Maven
 * Central, tests/support/gephi-import.ts) as the desktop's File > Open does, and checked against what
 * Cytoscape desktop's GraphML reader needs (tests/support/cytoscape-graphml.ts; Cytoscape itself
 * cannot be had here). The graph: the export test graph with its fourth article, so that it has a
 * parallel pair (two relation types from Chief to Tribes) and a relation whose object's id sorts after
 * its subject's, exported from the test Neo4j one entity per page.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphmlId } from "../../src/export/formats.ts";
import type { ExportFilter } from "../../src/export/queries.ts";
import { runExport } from "../../src/export/run.ts";
import { cytoscapeGraphMlProblems } from "../support/cytoscape-graphml.ts";
import { buildExportGraph, type ExportGraph } from "../support/export-graph.ts";
import { gephiImporter, type GephiImporter, type GephiWorkspace } from "../support/gephi-import.ts";
import { testDb, uniquePrefix } from "../support/db.ts";

interface Entity {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  articleCount: number;
}
interface Relation {
  type: string;
  from: string;
  to: string;
  articleCount: number;
  firstSeen: string;
  lastSeen: string;
}

const PARALLEL = { level: "INFO", message: "Parallel edges detected, remember to choose a merge strategy" };

const ALL: ExportFilter = { entityTypes: null, relationTypes: null, since: null, neighbourhood: null };

describe("GraphML in Gephi and for Cytoscape", () => {
  const db = testDb();
  let g: ExportGraph;
  let gephi: GephiImporter;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kg-export-gephi-"));
  const file = path.join(tmp, "graph.graphml");
  let xml: string;
  /** The same neighbourhood as JSON lines: what Gephi must hold. */
  let entities: Entity[];
  let relations: Relation[];

  /** An export as text, one entity per page. */
  const text = async (format: "graphml" | "jsonl", filter: ExportFilter) => {
    let out = "";
    const write = (s: string) => {
      out += s;
      return Promise.resolve();
    };
    await runExport(db, format, filter, () => ({ write }), { pageSize: 1 });
    return out;
  };

  beforeAll(async () => {
    g = await buildExportGraph(db, uniquePrefix("exportgephi"), { article4: true });
    gephi = await gephiImporter();
    const filter: ExportFilter = { ...ALL, neighbourhood: { entity: g.names.leader, hops: 3 } };
    xml = await text("graphml", filter);
    fs.writeFileSync(file, xml);
    const lines = (await text("jsonl", filter))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    entities = lines.filter((l) => l.kind === "node" && l.label === "Entity") as unknown as Entity[];
    relations = lines.filter((l) => l.kind === "edge" && l.type !== "QUOTED_IN") as unknown as Relation[];
  }, 300_000);
  afterAll(async () => {
    await g?.remove();
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const open = (merge?: "NO_MERGE") => {
    const r = gephi.open(file, merge);
    if (!r.ok) throw new Error(r.error);
    return r.workspace;
  };
  const userColumns = (cols: GephiWorkspace["nodeColumns"]) => cols.filter((c) => !c.property).map((c) => `${c.title}:${c.type}`);
  const nodeOf = (e: Entity) => ({
    label: e.name,
    attrs: { type: e.type, name: e.name, articleCount: String(e.articleCount), ...(e.aliases.length ? { aliases: e.aliases.join("; ") } : {}) },
  });
  const edgeOf = (r: Relation) => ({
    source: graphmlId(r.from),
    target: graphmlId(r.to),
    directed: true,
    weight: r.articleCount,
    label: r.type,
    attrs: { type: r.type, articleCount: String(r.articleCount), firstSeen: r.firstSeen, lastSeen: r.lastSeen },
  });

  it("Gephi imports every node and edge with its attributes when parallel edges are not merged; its report only notes the parallel pair", () => {
    expect(entities.map((e) => e.id).sort()).toEqual([g.ids.chief, g.ids.front, g.ids.leader, g.ids.town, g.ids.tribes].sort());
    expect(relations).toHaveLength(6);
    const ws = open("NO_MERGE");
    expect(ws.importer).toBe("org.gephi.io.importer.plugin.file.ImporterGraphML");
    expect(ws.verified).toBe(true);
    expect(ws.directed).toBe(true);
    // Nothing else: no bad value or type, no node made up for an edge that named it before its <node>.
    expect(ws.issues).toEqual([PARALLEL]);

    // The <key>s as Gephi's columns, with the declared types; label and weight fill Gephi's own.
    expect(userColumns(ws.nodeColumns)).toEqual(["type:String", "name:String", "aliases:String", "articleCount:Integer"]);
    expect(userColumns(ws.edgeColumns)).toEqual(["type:String", "articleCount:Integer", "firstSeen:String", "lastSeen:String"]);
    expect(ws.edgeColumns.find((c) => c.id === "weight")).toMatchObject({ type: "Double", property: true });

    expect(ws.nodeCount).toBe(entities.length);
    expect(ws.nodes).toEqual(Object.fromEntries(entities.map((e) => [graphmlId(e.id), nodeOf(e)])));
    expect(ws.nodes[graphmlId(g.ids.front)]!.attrs.name).toBe(g.names.front);
    expect(ws.nodes[graphmlId(g.ids.leader)]!.attrs.aliases).toBe(g.names.leader.split(" ")[1]);

    expect(ws.edgeCount).toBe(relations.length);
    const edges = ws.edges.map(({ id: _id, kind: _kind, ...e }) => e);
    expect(edges).toEqual(expect.arrayContaining(relations.map(edgeOf)));
    expect(ws.edges.find((e) => e.source === graphmlId(g.ids.leader))).toMatchObject({
      weight: 2,
      attrs: { type: "LEADS", articleCount: "2", firstSeen: "2016-01-10", lastSeen: "2016-03-05" },
    });
  });

  it("Gephi's default merge strategy (SUM) merges the two relation types between one pair into one edge, and its report says so", () => {
    const ws = open();
    expect(ws.defaultMerge).toBe("SUM");
    expect(ws.issues).toEqual([PARALLEL]);
    expect(ws.nodeCount).toBe(entities.length);
    expect(ws.edgeCount).toBe(relations.length - 1);
    const pair = ws.edges.filter((e) => e.source === graphmlId(g.ids.chief) && e.target === graphmlId(g.ids.tribes));
    expect(pair).toHaveLength(1);
    // Weights added; the other fields are the last <edge>'s (LEADS is written before SUPPORTED_BY).
    expect(pair[0]).toMatchObject({ weight: 2, label: "SUPPORTED_BY", attrs: { type: "SUPPORTED_BY", articleCount: "1", firstSeen: "2016-07-01" } });
    // Edges between distinct pairs come through whole.
    const single = relations.filter((r) => r.from !== g.ids.chief);
    expect(ws.edges.map(({ id: _id, kind: _kind, ...e }) => e)).toEqual(expect.arrayContaining(single.map(edgeOf)));
  });

  it("gives Cytoscape's GraphML reader only what it reads: plain elements, its attribute types, every node before the edges that name it", () => {
    expect(cytoscapeGraphMlProblems(xml)).toEqual([]);
    // Interleaved per page, as the other formats are, the fourth article's Tribes -> Front would name Front before its <node>.
    expect(xml.indexOf(`<node id="${graphmlId(g.ids.front)}"`)).toBeLessThan(
      xml.indexOf(`source="${graphmlId(g.ids.tribes)}" target="${graphmlId(g.ids.front)}"`),
    );
  });

  it("writes every node before the edges in the whole graph too (entity pages by id, then their ids again)", async () => {
    const whole = await text("graphml", ALL);
    expect(cytoscapeGraphMlProblems(whole)).toEqual([]);
    for (const r of relations) expect(whole).toContain(`source="${graphmlId(r.from)}" target="${graphmlId(r.to)}"`);
  });

  it("finds what Cytoscape would drop (the check can fail)", () => {
    const bad = `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:g="http://graphml.graphdrawing.org/xmlns">
      <key id="k" for="node" attr.name="when" attr.type="date"/><key id="n" for="node" attr.name="name" attr.type="int"/>
      <graph edgedefault="directed"><node id="a"/><edge id="e" source="a" target="b"/><g:node id="b"/></graph></graphml>`;
    expect(cytoscapeGraphMlProblems(bad)).toEqual([
      "key k has attr.type date, not one of int, long, float, double, boolean, string",
      'key n writes Cytoscape\'s column "name" (string) as int',
      "edge e: target b is not a node read before it",
      "<g:node> is not an unprefixed GraphML element",
    ]);
  });
});
