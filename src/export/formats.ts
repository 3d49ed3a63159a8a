/**
 * The four export formats, each a writer fed one record at a time (src/export/queries.ts) that
 * writes to its outputs as it goes. XML through xmlbuilder2's streaming (callback) builder, CSV
 * through csv-stringify, JSON through JSON.stringify per record: no format is built by string
 * concatenation, and none holds more than one record.
 *
 * - graphml: entities as nodes (type, name, label, aliases, articleCount), LEADS / CAPTURED /
 *   SUPPORTED_BY as directed edges (type, label, articleCount, weight, firstSeen, lastSeen). Only
 *   standard GraphML <key>/<data> with attr.type string/int/double, which Gephi and Cytoscape read.
 * - jsonl: one node (entity, article) or edge (relation with its evidence, quote) per line.
 * - csv: one file per node label and relationship kind, headers as `neo4j-admin database import`
 *   reads them, so an export seeds a new database (README "Export").
 * - jsonld: schema.org Person / Organization / Place / NewsArticle / Quotation, relations as
 *   `kg:Relation` items with their evidence, under one @context.
 */
import { stringify } from "csv-stringify/sync";
import { createCB } from "xmlbuilder2";
import type { ArticleRecord, EntityRecord, ExportNeeds, ExportRecord, QuoteRecord, RelationRecord } from "./queries.ts";
import type { ExportFormat } from "./options.ts";
import type { Outputs, Sink } from "./sink.ts";

export interface FormatWriter {
  write(rec: ExportRecord): Promise<void>;
  end(): Promise<void>;
}

export interface FormatSpec {
  /** What the traversal must read for this format. */
  needs: ExportNeeds;
  /** Output names: ["main"], or the CSV tables. */
  outputs: readonly string[];
  /** Content-Type of each output. */
  contentType: string;
  /** File extension of each output. */
  extension: string;
  create(out: Outputs): FormatWriter;
}

// ---------------------------------------------------------------------------------------------
// GraphML

const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";

/** Node and edge attributes, declared once as <key>s (ids are the attribute names, prefixed by kind). */
const GRAPHML_KEYS: { id: string; for: "node" | "edge"; name: string; type: "string" | "int" | "double" }[] = [
  { id: "n_type", for: "node", name: "type", type: "string" },
  { id: "n_name", for: "node", name: "name", type: "string" },
  { id: "n_label", for: "node", name: "label", type: "string" },
  { id: "n_aliases", for: "node", name: "aliases", type: "string" },
  { id: "n_articleCount", for: "node", name: "articleCount", type: "int" },
  { id: "e_type", for: "edge", name: "type", type: "string" },
  { id: "e_label", for: "edge", name: "label", type: "string" },
  { id: "e_articleCount", for: "edge", name: "articleCount", type: "int" },
  { id: "e_weight", for: "edge", name: "weight", type: "double" },
  { id: "e_firstSeen", for: "edge", name: "firstSeen", type: "string" },
  { id: "e_lastSeen", for: "edge", name: "lastSeen", type: "string" },
];

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is this pattern's purpose
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, "\uFFFD");
}

/**
 * A GraphML id (xs:NMTOKEN in the schema) for an entity id: letters, digits, ".", "-", "_", ":"
 * are kept, anything else becomes "_xHHHH_" (and "_" itself "_x005F_"), so ids stay readable and distinct.
 */
export function graphmlId(id: string): string {
  return id.replace(/[^\p{L}\p{N}.\-:]/gu, (c) => `_x${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}_`);
}

function graphmlWriter(out: Outputs): FormatWriter {
  const sink = out("main");
  let buffered: string[] = [];
  const xml = createCB({ data: (chunk: string) => void buffered.push(chunk), prettyPrint: true, defaultNamespace: { ele: GRAPHML_NS, att: null } });
  const flush = async () => {
    const text = buffered.join("");
    buffered = [];
    if (text) await sink.write(text);
  };
  const data = (key: string, value: string | number | null) => {
    if (value !== null)
      xml
        .ele("data", { key })
        .txt(typeof value === "number" ? String(value) : xmlText(value))
        .up();
  };
  xml.dec({ version: "1.0", encoding: "UTF-8" });
  xml.ele("graphml", { xmlns: GRAPHML_NS });
  for (const k of GRAPHML_KEYS) xml.ele("key", { id: k.id, for: k.for, "attr.name": k.name, "attr.type": k.type }).up();
  xml.ele("graph", { id: "news-kg", edgedefault: "directed" });
  let edges = 0;
  return {
    async write(rec) {
      if (rec.kind === "entity") {
        const e = rec.entity;
        xml.ele("node", { id: graphmlId(e.id) });
        data("n_type", e.type);
        data("n_name", e.name);
        data("n_label", e.name);
        data("n_aliases", e.aliases.join("; "));
        data("n_articleCount", e.articleCount);
        xml.up();
      } else if (rec.kind === "relation") {
        const r = rec.relation;
        xml.ele("edge", { id: `e${edges++}`, source: graphmlId(r.subject), target: graphmlId(r.object) });
        data("e_type", r.type);
        data("e_label", r.type);
        data("e_articleCount", r.articleCount);
        data("e_weight", r.articleCount);
        data("e_firstSeen", r.firstSeen);
        data("e_lastSeen", r.lastSeen);
        xml.up();
      } else return;
      await flush();
    },
    async end() {
      xml.up().up();
      xml.end();
      await flush();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON lines

const span = (start: number | null, end: number | null) => (start === null || end === null ? null : [start, end]);

export function jsonlEntity(e: EntityRecord) {
  return { kind: "node", label: "Entity", id: e.id, type: e.type, name: e.name, aliases: e.aliases, articleCount: e.articleCount };
}
export function jsonlArticle(a: ArticleRecord) {
  return { kind: "node", label: "Article", id: a.id, title: a.title, url: a.url, source: a.source, publishedAt: a.publishedAt };
}
export function jsonlRelation(r: RelationRecord) {
  return {
    kind: "edge",
    type: r.type,
    from: r.subject,
    to: r.object,
    articleCount: r.articleCount,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    evidence: r.evidence.map((e) => ({
      article: e.articleId,
      sentence: e.sentence,
      span: span(e.start, e.end),
      confidence: e.confidence,
      time: e.time,
      publishedAt: e.publishedAt,
    })),
  };
}
export function jsonlQuote(q: QuoteRecord) {
  return {
    kind: "edge",
    type: "QUOTED_IN",
    id: q.id,
    from: q.speaker,
    to: q.articleId,
    quote: q.quote,
    evidence: [{ article: q.articleId, sentence: q.sentence, span: span(q.start, q.end), confidence: q.confidence, publishedAt: q.publishedAt }],
  };
}

function jsonlWriter(out: Outputs): FormatWriter {
  const sink = out("main");
  const line = (o: unknown) => sink.write(JSON.stringify(o) + "\n");
  return {
    async write(rec) {
      if (rec.kind === "entity") await line(jsonlEntity(rec.entity));
      else if (rec.kind === "article") await line(jsonlArticle(rec.article));
      else if (rec.kind === "relation") await line(jsonlRelation(rec.relation));
      else if (rec.kind === "quote") await line(jsonlQuote(rec.quote));
    },
    end: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// CSV for neo4j-admin database import

/**
 * The tables and their headers. ID spaces keep entity, article and alias ids apart; `;` is the
 * array delimiter (the import tool's default). Empty strings are written quoted (`""`), absent
 * values unquoted, which the import tool reads as "no property".
 */
export const CSV_TABLES = {
  entities: ["id:ID(Entity)", ":LABEL", "name", "type", "aliases:string[]", "mentionCount:long", "createdAt:datetime"],
  articles: ["id:ID(Article)", ":LABEL", "title", "url", "source", "publishedAt", "text", "contentHash", "extractor", "ingestedAt:datetime"],
  aliases: ["key:ID(Alias)", ":LABEL"],
  relations: [
    ":START_ID(Entity)",
    ":END_ID(Entity)",
    ":TYPE",
    "articleId",
    "sentence",
    "start:long",
    "end:long",
    "confidence:double",
    "time",
    "publishedAt",
    "extractor",
  ],
  quotes: [
    ":START_ID(Entity)",
    ":END_ID(Article)",
    ":TYPE",
    "id",
    "quote",
    "sentence",
    "start:long",
    "end:long",
    "confidence:double",
    "publishedAt",
    "extractor",
  ],
  mentions: [":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:long", "spans:long[]", "names:string[]"],
  alias_of: [":START_ID(Alias)", ":END_ID(Entity)", ":TYPE", "strong:boolean"],
} as const;
export type CsvTable = keyof typeof CSV_TABLES;
export const CSV_TABLE_NAMES = Object.keys(CSV_TABLES) as CsvTable[];

/** Which `--nodes` / `--relationships` option of `neo4j-admin database import` each table goes to. */
export const CSV_NODE_TABLES: readonly CsvTable[] = ["entities", "articles", "aliases"];

type Cell = string | number | boolean | null;
const arr = (xs: readonly (string | number)[]) => xs.join(";");

function csvLine(cells: readonly Cell[]): string {
  return stringify([cells], {
    cast: {
      string: (v) => (v === "" ? { value: "", quoted_empty: true } : v),
      boolean: (b) => (b ? "true" : "false"),
      number: (n) => String(n),
    },
  });
}

function csvWriter(out: Outputs): FormatWriter {
  const sinks = new Map<CsvTable, Sink>(CSV_TABLE_NAMES.map((t) => [t, out(t)]));
  let started = false;
  const row = (t: CsvTable, cells: Cell[]) => sinks.get(t)!.write(csvLine(cells));
  const start = async () => {
    started = true;
    for (const t of CSV_TABLE_NAMES) await sinks.get(t)!.write(csvLine([...CSV_TABLES[t]]));
  };
  return {
    async write(rec) {
      if (!started) await start();
      switch (rec.kind) {
        case "entity": {
          const e = rec.entity;
          // No aliases is `""`, not an absent field: the import then stores an empty list, as ingest does.
          return row("entities", [e.id, arr(e.labels), e.name, e.type, arr(e.aliases), e.articleCount, e.createdAt]);
        }
        case "article": {
          const a = rec.article;
          await row("articles", [a.id, "Article", a.title, a.url, a.source, a.publishedAt, a.text, a.contentHash, a.extractor, a.ingestedAt]);
          for (const m of a.mentions ?? []) await row("mentions", [a.id, m.entityId, "MENTIONS", m.count, arr(m.spans), arr(m.names)]);
          return;
        }
        case "relation":
          for (const e of rec.relation.evidence) {
            await row("relations", [
              rec.relation.subject,
              rec.relation.object,
              rec.relation.type,
              e.articleId,
              e.sentence,
              e.start,
              e.end,
              e.confidence,
              e.time,
              e.publishedAt,
              e.extractor,
            ]);
          }
          return;
        case "quote": {
          const q = rec.quote;
          return row("quotes", [q.speaker, q.articleId, "QUOTED_IN", q.id, q.quote, q.sentence, q.start, q.end, q.confidence, q.publishedAt, q.extractor]);
        }
        case "alias":
          await row("aliases", [rec.alias.key, "Alias"]);
          for (const t of rec.alias.targets) await row("alias_of", [rec.alias.key, t.entityId, "ALIAS_OF", t.strong]);
      }
    },
    async end() {
      if (!started) await start();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON-LD (schema.org)

const KG = "urn:news-kg:";
export const JSONLD_CONTEXT = {
  "@vocab": "https://schema.org/",
  kg: `${KG}vocab:`,
  Relation: "kg:Relation",
  relationType: "kg:relationType",
  entityType: "kg:entityType",
  subject: { "@id": "kg:subject", "@type": "@id" },
  object: { "@id": "kg:object", "@type": "@id" },
  article: { "@id": "kg:article", "@type": "@id" },
  articleCount: "kg:articleCount",
  firstSeen: "kg:firstSeen",
  lastSeen: "kg:lastSeen",
  evidence: "kg:evidence",
  sentence: "kg:sentence",
  start: "kg:start",
  end: "kg:end",
  confidence: "kg:confidence",
  source: "kg:source",
  mentions: { "@type": "@id" },
  spokenByCharacter: { "@type": "@id" },
  isPartOf: { "@type": "@id" },
} as const;

const SCHEMA_TYPE: Record<string, string> = { PERSON: "Person", ORGANIZATION: "Organization", LOCATION: "Place", GROUP: "Thing" };
export const entityIri = (id: string) => `${KG}entity:${encodeURIComponent(id)}`;
export const articleIri = (id: string) => `${KG}article:${encodeURIComponent(id)}`;

function jsonldItem(rec: ExportRecord): object | undefined {
  switch (rec.kind) {
    case "entity": {
      const e = rec.entity;
      return {
        "@id": entityIri(e.id),
        "@type": SCHEMA_TYPE[e.type] ?? "Thing",
        identifier: e.id,
        name: e.name,
        alternateName: e.aliases,
        entityType: e.type,
        articleCount: e.articleCount,
      };
    }
    case "article": {
      const a = rec.article;
      return {
        "@id": articleIri(a.id),
        "@type": "NewsArticle",
        identifier: a.id,
        headline: a.title,
        url: a.url,
        datePublished: a.publishedAt,
        source: a.source,
        ...(a.mentions ? { mentions: a.mentions.map((m) => entityIri(m.entityId)) } : {}),
      };
    }
    case "relation": {
      const r = rec.relation;
      return {
        "@type": "Relation",
        relationType: r.type,
        subject: entityIri(r.subject),
        object: entityIri(r.object),
        articleCount: r.articleCount,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        evidence: r.evidence.map((e) => ({ article: articleIri(e.articleId), sentence: e.sentence, start: e.start, end: e.end, confidence: e.confidence })),
      };
    }
    case "quote": {
      const q = rec.quote;
      return {
        "@id": `${KG}quote:${encodeURIComponent(q.id)}`,
        "@type": "Quotation",
        text: q.quote,
        spokenByCharacter: entityIri(q.speaker),
        isPartOf: articleIri(q.articleId),
        sentence: q.sentence,
        start: q.start,
        end: q.end,
        confidence: q.confidence,
      };
    }
    default:
      return undefined;
  }
}

function jsonldWriter(out: Outputs): FormatWriter {
  const sink = out("main");
  let first = true;
  let opened = false;
  const open = async () => {
    opened = true;
    await sink.write(`{"@context": ${JSON.stringify(JSONLD_CONTEXT)},\n"@graph": [\n`);
  };
  return {
    async write(rec) {
      const item = jsonldItem(rec);
      if (!item) return;
      if (!opened) await open();
      await sink.write((first ? "" : ",\n") + JSON.stringify(item));
      first = false;
    },
    async end() {
      if (!opened) await open();
      await sink.write("\n]}\n");
    },
  };
}

// ---------------------------------------------------------------------------------------------

const ENTITY_GRAPH: ExportNeeds = { relations: true, quotes: false, articles: false, articleText: false, mentions: false, aliases: false };

export const FORMAT_SPECS: Record<ExportFormat, FormatSpec> = {
  graphml: {
    needs: { ...ENTITY_GRAPH, nodesFirst: true },
    outputs: ["main"],
    contentType: "application/graphml+xml; charset=utf-8",
    extension: "graphml",
    create: graphmlWriter,
  },
  jsonl: {
    needs: { ...ENTITY_GRAPH, quotes: true, articles: true },
    outputs: ["main"],
    contentType: "application/x-ndjson; charset=utf-8",
    extension: "jsonl",
    create: jsonlWriter,
  },
  csv: {
    needs: { relations: true, quotes: true, articles: true, articleText: true, mentions: true, aliases: true },
    outputs: CSV_TABLE_NAMES,
    contentType: "text/csv; charset=utf-8",
    extension: "csv",
    create: csvWriter,
  },
  jsonld: {
    needs: { ...ENTITY_GRAPH, quotes: true, articles: true, mentions: true },
    outputs: ["main"],
    contentType: "application/ld+json; charset=utf-8",
    extension: "jsonld",
    create: jsonldWriter,
  },
};
