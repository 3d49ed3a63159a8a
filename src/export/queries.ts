/**
 * The export's only access to Neo4j: the graph read page by page in managed read transactions,
 * one transaction per page, with statements from cypher/export*.cypher. Pages are keyset pages
 * (`id > $after ORDER BY id LIMIT $limit`, served by the unique-id indexes), never SKIP, so every
 * page costs the same however far the export has got, and memory holds one page at a time.
 *
 * A neighbourhood export first walks the relations from its entity (bounded by `maxEntities`),
 * then reads that id set in chunks of the page size.
 */
import type { Db, Row } from "../db/client.ts";
import { int } from "../db/values.ts";
import type { Plain } from "../db/values.ts";
import { AppError } from "../errors.ts";
import { entityIdsNamed } from "../store/entities.ts";
import { entityLookup } from "../store/lookup.ts";
import type { EntityType } from "../extraction/types.ts";

export const RELATION_TYPES = ["LEADS", "CAPTURED", "SUPPORTED_BY", "QUOTED_IN"] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface ExportFilter {
  /** Only entities of these types (and relations, quotes and mentions between them); null: all. */
  entityTypes: EntityType[] | null;
  /** Only relations of these types (QUOTED_IN: quotes); null: all. */
  relationTypes: RelationType[] | null;
  /** Only articles published on or after this ISO date, their evidence, and the entities they mention; null: all. */
  since: string | null;
  /** Only the entities within `hops` relations of this one (an id, a name or an alias). */
  neighbourhood: { entity: string; hops: number } | null;
}

/** What a format needs beyond entities, so nothing else is read. */
export interface ExportNeeds {
  relations: boolean;
  quotes: boolean;
  articles: boolean;
  articleText: boolean;
  mentions: boolean;
  aliases: boolean;
  /**
   * Every entity before any relation or quote (a second pass over the entity ids), for readers that
   * take an edge only between nodes already read: Cytoscape desktop's GraphML reader drops such an edge.
   */
  nodesFirst?: boolean;
}

export interface EntityRecord {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  labels: string[];
  articleCount: number;
  createdAt: string | null;
}

export interface EvidenceRecord {
  articleId: string;
  sentence: string | null;
  start: number | null;
  end: number | null;
  confidence: number | null;
  time: string | null;
  publishedAt: string | null;
  extractor: string | null;
}

export interface RelationRecord {
  subject: string;
  type: RelationType;
  object: string;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: EvidenceRecord[];
}

export interface QuoteRecord {
  id: string;
  speaker: string;
  articleId: string;
  quote: string;
  sentence: string | null;
  start: number | null;
  end: number | null;
  confidence: number | null;
  publishedAt: string | null;
  extractor: string | null;
}

export interface MentionRecord {
  entityId: string;
  count: number;
  spans: number[];
  names: string[];
}

export interface ArticleRecord {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  text: string | null;
  contentHash: string | null;
  extractor: string | null;
  ingestedAt: string | null;
  /** With `needs.mentions`: the exported entities it mentions. */
  mentions: MentionRecord[] | null;
}

export interface AliasRecord {
  key: string;
  targets: { entityId: string; strong: boolean | null }[];
}

export type ExportRecord =
  | { kind: "entity"; entity: EntityRecord }
  | { kind: "relation"; relation: RelationRecord }
  | { kind: "quote"; quote: QuoteRecord }
  | { kind: "article"; article: ArticleRecord }
  | { kind: "alias"; alias: AliasRecord };

export interface ExportReadOptions {
  /** Rows per page (entities, articles, aliases); default 500. */
  pageSize?: number;
  /** Largest neighbourhood, in entities; default 100,000. */
  maxEntities?: number;
}

// Private: deliberate conversions of the plain values a row holds (Neo4j integers are already
// numbers that fit exactly, see db/values.ts; temporal values ISO strings).
// A scalar column as text: String() of a string, number, boolean or null (a list or map, which no
// scalar column holds, as its JSON rather than "[object Object]").
const text = (v: Plain | undefined): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const str = (v: Plain | undefined): string | null => (v === null || v === undefined ? null : text(v));
const num = (v: Plain | undefined): number | null => (typeof v === "number" ? v : null);
const strs = (v: Plain | undefined): string[] => (Array.isArray(v) ? v.map((x) => text(x)) : []);
const rowsOf = (v: Plain | undefined): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

function entityOf(r: Row): EntityRecord {
  return {
    id: text(r.id),
    type: text(r.type),
    name: text(r.name),
    aliases: strs(r.aliases),
    labels: strs(r.labels),
    articleCount: num(r.articleCount) ?? 0,
    createdAt: str(r.createdAt),
  };
}

/** What a stored relationship and a quote both carry about their sentence. */
function sentenceOf(r: Row) {
  return {
    sentence: str(r.sentence),
    start: num(r.start),
    end: num(r.end),
    confidence: num(r.confidence),
    publishedAt: str(r.publishedAt),
    extractor: str(r.extractor),
  };
}

function evidenceOf(r: Row): EvidenceRecord {
  return { articleId: text(r.articleId), time: str(r.time), ...sentenceOf(r) };
}

function relationOf(r: Row): RelationRecord {
  return {
    subject: text(r.subject),
    type: text(r.type) as RelationType,
    object: text(r.object),
    articleCount: num(r.articleCount) ?? 0,
    firstSeen: str(r.firstSeen),
    lastSeen: str(r.lastSeen),
    evidence: rowsOf(r.evidence).map(evidenceOf),
  };
}

function quoteOf(r: Row): QuoteRecord {
  return { id: text(r.id), speaker: text(r.speaker), articleId: text(r.articleId), quote: text(r.quote ?? ""), ...sentenceOf(r) };
}

function articleOf(r: Row): ArticleRecord {
  return {
    id: text(r.id),
    title: str(r.title),
    url: str(r.url),
    source: str(r.source),
    publishedAt: str(r.publishedAt),
    text: str(r.text),
    contentHash: str(r.contentHash),
    extractor: str(r.extractor),
    ingestedAt: str(r.ingestedAt),
    mentions:
      r.mentions === null
        ? null
        : rowsOf(r.mentions).map((m) => ({
            entityId: text(m.entityId),
            count: num(m.count) ?? 0,
            spans: (Array.isArray(m.spans) ? m.spans : []).map(Number),
            names: strs(m.names),
          })),
  };
}

function aliasOf(r: Row): AliasRecord {
  return { key: text(r.key), targets: rowsOf(r.targets).map((t) => ({ entityId: text(t.entityId), strong: typeof t.strong === "boolean" ? t.strong : null })) };
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The id of the entity `ref` names (as the API resolves names), or NOT_FOUND. */
export async function resolveEntity(db: Db, ref: string): Promise<string> {
  const [id] = await entityIdsNamed(db, [entityLookup(ref)]);
  if (id === undefined) {
    throw new AppError(
      "NOT_FOUND",
      `No entity is named "${ref.slice(0, 120)}" (by id, name or alias); check the spelling, or search with entities(search: …).`,
    );
  }
  return id;
}

/**
 * The entities within `hops` LEADS / CAPTURED / SUPPORTED_BY steps of `start` (either direction),
 * breadth first, one statement per step (cypher/pathNeighbours, as the path search walks).
 * More than `maxEntities` is BAD_USER_INPUT: the caller asks for fewer hops.
 */
export async function neighbourhood(db: Db, start: string, hops: number, maxEntities: number): Promise<string[]> {
  const seen = new Set([start]);
  let frontier = [start];
  for (let h = 0; h < hops && frontier.length > 0; h++) {
    const rows = await db.read("pathNeighbours", { ids: frontier, seen: [...seen] });
    frontier = [];
    for (const r of rows) {
      const to = text(r.to);
      if (seen.has(to)) continue;
      seen.add(to);
      frontier.push(to);
    }
    if (seen.size > maxEntities) {
      throw new AppError(
        "BAD_USER_INPUT",
        `The neighbourhood of "${start}" within ${h + 1} hop(s) holds more than ${maxEntities} entities, the limit of one export: ask for fewer hops, or export without --entity.`,
      );
    }
  }
  return [...seen].sort();
}

/**
 * Every record of the export, in this order: entities, each page followed by the relations and
 * quotes whose subject it holds; then articles; then (CSV) the alias index. Reads one page ahead
 * of the consumer at most, so memory stays flat whatever the graph's size.
 */
export async function* readGraph(db: Db, filter: ExportFilter, needs: ExportNeeds, opts: ExportReadOptions = {}): AsyncGenerator<ExportRecord> {
  const limit = opts.pageSize ?? 500;
  const types = filter.entityTypes;
  const since = filter.since;
  const wantRelations = needs.relations && (filter.relationTypes === null || filter.relationTypes.some((t) => t !== "QUOTED_IN"));
  const wantQuotes = needs.quotes && (filter.relationTypes === null || filter.relationTypes.includes("QUOTED_IN"));
  const relationTypes = filter.relationTypes?.filter((t) => t !== "QUOTED_IN") ?? null;

  // The neighbourhood's entities that pass the filters (bounded by maxEntities), or null for the whole graph.
  let scope: EntityRecord[] | null = null;
  if (filter.neighbourhood) {
    const start = await resolveEntity(db, filter.neighbourhood.entity);
    const ids = await neighbourhood(db, start, filter.neighbourhood.hops, opts.maxEntities ?? 100_000);
    scope = [];
    for (const chunk of chunks(ids, limit)) scope.push(...(await db.read("exportEntitiesByIds", { ids: chunk, types, since })).map(entityOf));
  }
  const scopeIds = scope?.map((e) => e.id) ?? null;
  // Articles a neighbourhood export holds: those giving evidence for what it exports.
  const evidenceArticles = new Set<string>();

  const entityPages = async function* (): AsyncGenerator<EntityRecord[]> {
    if (scope) {
      yield* chunks(scope, limit);
      return;
    }
    for (let after = ""; ;) {
      const page = (await db.read("exportEntityPage", { after, limit: int(limit), types, since })).map(entityOf);
      if (page.length > 0) yield page;
      if (page.length < limit) return;
      after = page[page.length - 1]!.id;
    }
  };

  // The ids of the same pages, for the second pass of `nodesFirst`.
  const idPages = async function* (): AsyncGenerator<string[]> {
    if (scopeIds) {
      yield* chunks(scopeIds, limit);
      return;
    }
    for (let after = ""; ;) {
      const page = (await db.read("exportEntityIdPage", { after, limit: int(limit), types, since })).map((r) => text(r.id));
      if (page.length > 0) yield page;
      if (page.length < limit) return;
      after = page[page.length - 1]!;
    }
  };

  // The relations and quotes whose subject is one of `ids` (a page of entities).
  const edgesOf = async function* (ids: string[]): AsyncGenerator<ExportRecord> {
    if (wantRelations) {
      const rows = await db.read("exportRelations", { ids, relationTypes, entityTypes: types, objectIds: scopeIds, since });
      for (const r of rows) {
        const relation = relationOf(r);
        if (scope) for (const ev of relation.evidence) evidenceArticles.add(ev.articleId);
        yield { kind: "relation", relation };
      }
    }
    if (wantQuotes) {
      for (const r of await db.read("exportQuotes", { ids, since })) {
        const quote = quoteOf(r);
        if (scope) evidenceArticles.add(quote.articleId);
        yield { kind: "quote", quote };
      }
    }
  };

  if (needs.nodesFirst) {
    for await (const page of entityPages()) for (const entity of page) yield { kind: "entity", entity };
    for await (const ids of idPages()) yield* edgesOf(ids);
  } else {
    for await (const page of entityPages()) {
      for (const entity of page) yield { kind: "entity", entity };
      yield* edgesOf(page.map((e) => e.id));
    }
  }

  if (needs.articles) {
    const params = { withText: needs.articleText, withMentions: needs.mentions, types, since };
    if (scope) {
      for (const chunk of chunks([...evidenceArticles].sort(), limit)) {
        for (const r of await db.read("exportArticlesByIds", { ...params, ids: chunk, entityIds: scopeIds })) yield { kind: "article", article: articleOf(r) };
      }
    } else {
      for (let after = ""; ;) {
        const rows = await db.read("exportArticlePage", { ...params, after, limit: int(limit) });
        for (const r of rows) yield { kind: "article", article: articleOf(r) };
        if (rows.length < limit) break;
        after = text(rows[rows.length - 1]!.id);
      }
    }
  }

  if (needs.aliases) {
    if (scope) {
      const emitted = new Set<string>();
      for (const chunk of chunks(scopeIds!, limit)) {
        for (const r of await db.read("exportAliasesOfEntities", { ids: chunk, entityIds: scopeIds })) {
          const alias = aliasOf(r);
          if (emitted.has(alias.key)) continue;
          emitted.add(alias.key);
          yield { kind: "alias", alias };
        }
      }
    } else {
      for (let after = ""; ;) {
        const rows = await db.read("exportAliasPage", { after, limit: int(limit), types, since });
        for (const r of rows) yield { kind: "alias", alias: aliasOf(r) };
        if (rows.length < limit) break;
        after = text(rows[rows.length - 1]!.key);
      }
    }
  }
}
