/**
 * What the store returns: typed rows, decoded from the plain values the driver wrapper gives
 * (src/db/values.ts has already turned Neo4j integers into numbers, where they fit exactly).
 * Each decoder checks the columns it reads, so a renamed column in a `cypher/` file fails at its
 * first use, naming the column, instead of travelling on as `undefined`.
 */
import type { Plain } from "../db/values.ts";
import type { Row } from "../db/client.ts";
import type { EntityType, RelationType } from "../extraction/types.ts";
import { ENTITY_TYPES, RELATION_TYPES } from "../extraction/types.ts";

/** An article's header; its text is loaded separately, only when a request selects it. */
export interface ArticleRow {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
}

export interface EntityRow {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  articleCount: number;
}

/** A relation aggregated over the articles that assert it. */
export interface RelationRow {
  type: RelationType;
  subjectId: string;
  objectId: string;
  objectIsArticle: boolean;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  time: string | null;
}

export interface EvidenceRow {
  articleId: string;
  sentence: string;
  start: number;
  end: number;
  confidence: number;
  time: string | null;
  quote: string | null;
}

export interface QuoteRow {
  id: string;
  text: string;
  speakerId: string;
  articleId: string;
  start: number;
  end: number;
  confidence: number;
  sentence: string | null;
}

/** One page of a list, and how long the whole list is. */
export interface Paged<T> {
  total: number;
  items: T[];
}

/** The nodes a statement returned alongside its answer, for the node loaders (no statement later). */
export interface Headers {
  entities: EntityRow[];
  articles: ArticleRow[];
}

/** A batch answer: one value per parent id found, plus the headers that came with them. */
export interface Batch<T> {
  byId: Map<string, T>;
  headers: Headers;
}

export type Obj = { [k: string]: Plain };

// Private: the decoders below fail loudly on a shape the statement was not meant to return.
function wrong(column: string, v: Plain, expected: string): never {
  throw new TypeError(`Column "${column}" should be ${expected}, got ${JSON.stringify(v)?.slice(0, 60)}`);
}

export function obj(v: Plain | undefined, column: string): Obj {
  return v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v) ? v : wrong(column, v ?? null, "a map");
}
export function list(v: Plain | undefined, column: string): Plain[] {
  return Array.isArray(v) ? v : v === null || v === undefined ? [] : wrong(column, v, "a list");
}
export function str(o: Obj, k: string): string {
  const v = o[k];
  return typeof v === "string" ? v : wrong(k, v ?? null, "a string");
}
export function strOrNull(o: Obj, k: string): string | null {
  const v = o[k];
  return v === null || v === undefined ? null : typeof v === "string" ? v : wrong(k, v, "a string or null");
}
export function num(o: Obj, k: string): number {
  const v = o[k];
  return typeof v === "number" ? v : wrong(k, v ?? null, "a number");
}
/** A count that an empty aggregate may leave null. */
export function count(o: Obj | undefined, k: string): number {
  const v = o?.[k];
  return v === null || v === undefined ? 0 : typeof v === "number" ? v : wrong(k, v, "a number");
}
export function bool(o: Obj, k: string): boolean {
  const v = o[k];
  return typeof v === "boolean" ? v : wrong(k, v ?? null, "a boolean");
}
export function strings(o: Obj, k: string): string[] {
  return stringList(o[k], k);
}
export function stringList(v: Plain | undefined, column: string): string[] {
  return list(v, column).map((x) => (typeof x === "string" ? x : wrong(column, x, "a list of strings")));
}

export function articleRow(v: Plain | undefined): ArticleRow {
  const o = obj(v, "article");
  return { id: str(o, "id"), title: strOrNull(o, "title"), url: strOrNull(o, "url"), source: strOrNull(o, "source"), publishedAt: strOrNull(o, "publishedAt") };
}

export function entityRow(v: Plain | undefined): EntityRow {
  const o = obj(v, "entity");
  const type = str(o, "type");
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) wrong("type", type, "an entity type");
  return { id: str(o, "id"), name: str(o, "name"), type: type as EntityType, aliases: strings(o, "aliases"), articleCount: num(o, "articleCount") };
}

export function relationType(o: Obj, k = "type"): RelationType {
  const t = str(o, k);
  return (RELATION_TYPES as readonly string[]).includes(t) ? (t as RelationType) : wrong(k, t, "a relation type");
}

export function relationRow(v: Plain | undefined): RelationRow {
  const o = obj(v, "relation");
  return {
    type: relationType(o),
    subjectId: str(o, "subjectId"),
    objectId: str(o, "objectId"),
    objectIsArticle: bool(o, "objectIsArticle"),
    articleCount: num(o, "articleCount"),
    firstSeen: strOrNull(o, "firstSeen"),
    lastSeen: strOrNull(o, "lastSeen"),
    time: strOrNull(o, "time"),
  };
}

export function evidenceRow(v: Plain | undefined): EvidenceRow {
  const o = obj(v, "evidence");
  return {
    articleId: str(o, "articleId"),
    sentence: str(o, "sentence"),
    start: num(o, "start"),
    end: num(o, "end"),
    confidence: num(o, "confidence"),
    time: strOrNull(o, "time"),
    quote: strOrNull(o, "quote"),
  };
}

/** A list of evidence rows that bring their article's header (`article`, null when the article is gone): the rows, the headers pushed to `headers`. */
export function evidenceWithArticles(v: Plain | undefined, column: string, headers: Headers): EvidenceRow[] {
  return list(v, column).map((e) => {
    const a = obj(e, column).article;
    if (a !== null && a !== undefined) headers.articles.push(articleRow(a));
    return evidenceRow(e);
  });
}

export function quoteRow(v: Plain | undefined): QuoteRow {
  const o = obj(v, "quote");
  return {
    id: str(o, "id"),
    text: str(o, "text"),
    speakerId: str(o, "speakerId"),
    articleId: str(o, "articleId"),
    start: num(o, "start"),
    end: num(o, "end"),
    confidence: num(o, "confidence"),
    sentence: strOrNull(o, "sentence"),
  };
}

/**
 * Rows of the batch statements that return `id, total, items` per parent, decoded with `item`.
 *
 * @example pagedById(rows, quoteRow) // Map { "person:james-jeffrey" => { total: 3, items: [QuoteRow, …] } }
 */
export function pagedById<T>(rows: Row[], item: (v: Plain, headers: Headers) => T, headers: Headers = noHeaders()): Batch<Paged<T>> {
  const byId = new Map<string, Paged<T>>();
  for (const r of rows) byId.set(str(r, "id"), { total: count(r, "total"), items: list(r.items, "items").map((i) => item(i, headers)) });
  return { byId, headers };
}

export function noHeaders(): Headers {
  return { entities: [], articles: [] };
}
