/**
 * `kg export`'s engine on the real Neo4j: each format of a neighbourhood of the test's own graph
 * (tests/support/export-graph.ts), the filters, keyset paging over the whole graph, and the errors.
 * GraphML is read back by a real GraphML reader (JGraphT's GraphMLImporter, which validates against the
 * GraphML 1.0 schema) and checked with xmllint against that schema (tests/support/graphml-reader.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import type { ExportFormat } from "../../src/export/options.ts";
import type { ExportFilter } from "../../src/export/queries.ts";
import { runExport } from "../../src/export/run.ts";
import { graphMlReader, type GraphMlReader } from "../support/graphml-reader.ts";
import { buildExportGraph, type ExportGraph } from "../support/export-graph.ts";
import { testDb, uniquePrefix } from "../support/db.ts";

const ALL: ExportFilter = { entityTypes: null, relationTypes: null, since: null, neighbourhood: null };

type Line = Record<string, unknown> & { kind: string; id?: string; type?: string; from?: string; to?: string; evidence?: Record<string, unknown>[] };

describe("export", () => {
  const db = testDb();
  let g: ExportGraph;
  let reader: GraphMlReader;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kg-export-test-"));
  beforeAll(async () => {
    g = await buildExportGraph(db, uniquePrefix("export"));
    reader = await graphMlReader();
  }, 300_000);
  afterAll(async () => {
    await g?.remove();
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The export as text per output; page size 2 so every statement pages. */
  const exportText = async (format: ExportFormat, filter: Partial<ExportFilter>, pageSize = 2) => {
    const out = new Map<string, string>();
    const counts = await runExport(
      db,
      format,
      { ...ALL, ...filter },
      (name) => ({
        write: (s) => {
          out.set(name, (out.get(name) ?? "") + s);
          return Promise.resolve();
        },
      }),
      { pageSize },
    );
    return { out, counts };
  };
  const around = (hops: number, entity = g.names.leader) => ({ neighbourhood: { entity, hops } });
  const jsonl = async (filter: Partial<ExportFilter>, pageSize = 2) =>
    (await exportText("jsonl", filter, pageSize)).out
      .get("main")!
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);

  it("writes GraphML that the GraphML 1.0 schema accepts and JGraphT's reader imports, names escaped, one edge per (subject, type, object)", async () => {
    const { out } = await exportText("graphml", around(3));
    const xml = out.get("main")!;
    const file = path.join(tmp, "n.graphml");
    fs.writeFileSync(file, xml);
    const lint = reader.lint(file);
    expect(lint.status, lint.stderr).toBe(0);
    expect(xml).toContain("&amp; &lt;Sons&gt;");
    expect(xml).not.toContain(g.ids.loner);

    const read = reader.read(file);
    if (!read.ok) throw new Error(read.error);
    const { nodes, edges } = read.graph;
    expect(Object.keys(nodes).sort()).toEqual([g.ids.chief, g.ids.front, g.ids.leader, g.ids.town, g.ids.tribes].sort());
    expect(Object.values(nodes).map((n) => n.name)).toContain(g.names.tribes);
    expect(edges).toHaveLength(4);
    const leads = edges.find((e) => e.source === g.ids.leader && e.target === g.ids.front);
    expect(leads).toMatchObject({
      weight: 2,
      data: { type: "LEADS", label: "LEADS", articleCount: "2", weight: "2", firstSeen: "2016-01-10", lastSeen: "2016-03-05" },
    });
  });

  it("rejects GraphML the schema forbids, in xmllint and in the reader (the checks can fail)", () => {
    const file = path.join(tmp, "bad.graphml");
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><edge source="a" target="b"/><node/></graph></graphml>`,
    );
    expect(reader.lint(file).status).not.toBe(0);
    expect(reader.read(file).ok).toBe(false);
  });

  it("writes JSON lines: nodes, relations with evidence, quotes, and the articles that give the evidence", async () => {
    const lines = await jsonl(around(3));
    const nodes = lines.filter((l) => l.kind === "node");
    expect(
      nodes
        .filter((n) => n.label === "Entity")
        .map((n) => n.id)
        .sort(),
    ).toEqual([g.ids.chief, g.ids.front, g.ids.leader, g.ids.town, g.ids.tribes].sort());
    expect(nodes.filter((n) => n.label === "Article").map((n) => n.id)).toEqual(g.articleIds);
    const leads = lines.find((l) => l.type === "LEADS" && l.from === g.ids.leader)!;
    expect(leads).toMatchObject({ kind: "edge", to: g.ids.front, articleCount: 2, firstSeen: "2016-01-10", lastSeen: "2016-03-05" });
    expect(leads.evidence!.map((e) => e.article)).toEqual([g.articleIds[0], g.articleIds[1]]);
    expect(leads.evidence![0]).toMatchObject({ confidence: 0.8, span: [0, expect.any(Number)] });
    expect(String(leads.evidence![0]!.sentence)).toContain('officials said,\n"again".');
    const quote = lines.find((l) => l.type === "QUOTED_IN")!;
    expect(quote).toMatchObject({ from: g.ids.leader, to: g.articleIds[0], quote: "We will win," });
    expect(lines.filter((l) => l.kind === "edge")).toHaveLength(5);
  });

  it("limits the neighbourhood by hops", async () => {
    const one = await jsonl(around(1));
    expect(
      one
        .filter((l) => l.label === "Entity")
        .map((l) => l.id)
        .sort(),
    ).toEqual([g.ids.front, g.ids.leader].sort());
    expect(
      one
        .filter((l) => l.kind === "edge")
        .map((l) => l.type)
        .sort(),
    ).toEqual(["LEADS", "QUOTED_IN"]);
    const zero = await jsonl(around(0, g.names.town));
    expect(zero.map((l) => l.id)).toEqual([g.ids.town]);
  });

  it("filters by entity type, relation type and date", async () => {
    const people = await jsonl({ ...around(3), entityTypes: ["PERSON", "GROUP"] });
    expect(
      people
        .filter((l) => l.label === "Entity")
        .map((l) => l.id)
        .sort(),
    ).toEqual([g.ids.chief, g.ids.leader, g.ids.tribes].sort());
    expect(
      people
        .filter((l) => l.kind === "edge")
        .map((l) => `${l.type} ${l.from}`)
        .sort(),
    ).toEqual([`LEADS ${g.ids.chief}`, `QUOTED_IN ${g.ids.leader}`]);

    const captures = await jsonl({ ...around(3), relationTypes: ["CAPTURED"] });
    expect(captures.filter((l) => l.kind === "edge").map((l) => l.type)).toEqual(["CAPTURED"]);
    expect(captures.filter((l) => l.label === "Article").map((l) => l.id)).toEqual([g.articleIds[1]]);

    const recent = await jsonl({ ...around(3), since: "2016-03-01" });
    expect(recent.find((l) => l.type === "LEADS" && l.from === g.ids.leader)).toMatchObject({ articleCount: 1, firstSeen: "2016-03-05" });
    expect(recent.some((l) => l.type === "QUOTED_IN")).toBe(false);
    expect(recent.filter((l) => l.label === "Article").map((l) => l.id)).toEqual(g.articleIds.slice(1));
  });

  it("writes JSON-LD with schema.org types under one @context", async () => {
    const doc = JSON.parse((await exportText("jsonld", around(3))).out.get("main")!) as {
      "@context": Record<string, unknown>;
      "@graph": Record<string, unknown>[];
    };
    expect(doc["@context"]["@vocab"]).toBe("https://schema.org/");
    const types = new Set(doc["@graph"].map((x) => x["@type"]));
    for (const t of ["Person", "Organization", "Place", "NewsArticle", "Quotation", "Relation"]) expect(types, t).toContain(t);
    const front = doc["@graph"].find((x) => x.identifier === g.ids.front)!;
    expect(front).toMatchObject({ "@type": "Organization", name: g.names.front });
    const quote = doc["@graph"].find((x) => x["@type"] === "Quotation")!;
    expect(quote).toMatchObject({ text: "We will win,", spokenByCharacter: `urn:news-kg:entity:${encodeURIComponent(g.ids.leader)}` });
    const a3 = doc["@graph"].find((x) => x.identifier === g.articleIds[2])!;
    expect(a3).toMatchObject({ "@type": "NewsArticle", headline: "Export test 3", datePublished: "2016-06-01" });
    expect((a3.mentions as string[]).length).toBe(3);
  });

  it("pages the whole graph by id (keyset), each entity once and in order", async () => {
    const lines = await jsonl({}, 25);
    const entities = lines.filter((l) => l.label === "Entity").map((l) => String(l.id));
    expect(entities).toEqual([...entities].sort());
    expect(new Set(entities).size).toBe(entities.length);
    for (const id of Object.values(g.ids)) expect(entities.filter((e) => e === id)).toHaveLength(1);
    const articles = lines.filter((l) => l.label === "Article").map((l) => String(l.id));
    expect(articles).toEqual([...articles].sort());
    for (const id of g.articleIds) expect(articles).toContain(id);
  });

  it("refuses an entity that does not exist with NOT_FOUND", async () => {
    const e = await exportText("jsonl", around(1, `${g.names.leader} Nobody`)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("NOT_FOUND");
  });

  it("refuses a neighbourhood over the entity limit with BAD_USER_INPUT", async () => {
    const e = await runExport(db, "jsonl", { ...ALL, ...around(3) }, () => ({ write: async () => {} }), { maxEntities: 3 }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("BAD_USER_INPUT");
    expect((e as AppError).message).toMatch(/more than 3 entities/);
  });
});
