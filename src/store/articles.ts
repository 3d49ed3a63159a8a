/** Questions about articles: headers, texts, what each mentions, asserts and quotes, lists and comparisons. */
import type { Row, Runner } from "../db/client.ts";
import { int, type Plain } from "../db/values.ts";
import type { EntityType, RelationType } from "../extraction/types.ts";
import type { RelationKeyParts } from "../graph/keys.ts";
import {
  articleRow,
  count,
  entityRow,
  list,
  num,
  obj,
  pagedById,
  quoteRow,
  relationRow,
  relationType,
  str,
  stringList,
  strings,
  type ArticleRow,
  type Batch,
  type Headers,
  type EntityRow,
  type Paged,
  type QuoteRow,
  type RelationRow,
} from "./rows.ts";

/** Article headers by id (DataLoader batch); absent ids are missing. `cypher/articlesByIds.cypher` */
export async function articlesByIds(db: Runner, ids: readonly string[]): Promise<ArticleRow[]> {
  return (await db.read("articlesByIds", { ids })).map(articleRow);
}

/** Article texts by id (DataLoader batch). `cypher/articleTexts.cypher` */
export async function articleTexts(db: Runner, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await db.read("articleTexts", { ids })).map((r) => [str(r, "id"), str(r, "text")]));
}

export interface ArticleMention {
  entity: EntityRow;
  mentions: number;
  names: string[];
}

/** One entity an article mentions, as articleMentions (and entityArticles with mentions) return it; its header goes to `headers`. */
export function articleMentionRow(v: Plain, headers: Headers): ArticleMention {
  const o = obj(v, "items");
  const entity = entityRow(o.entity);
  headers.entities.push(entity);
  return { entity, mentions: num(o, "mentions"), names: strings(o, "names") };
}

/** The entities each article mentions, most mentioned first, with their headers. `cypher/articleMentions.cypher` */
export async function articleMentions(db: Runner, ids: readonly string[], type: EntityType | null): Promise<Batch<Paged<ArticleMention>>> {
  return pagedById(await db.read("articleMentions", { ids, type }), articleMentionRow);
}

/** What each article asserts (each relation's articleCount is 1: that article). `cypher/articleRelations.cypher` */
export async function articleRelations(db: Runner, ids: readonly string[], type: RelationType | null): Promise<Batch<Paged<RelationRow>>> {
  return pagedById(await db.read("articleRelations", { ids, type }), relationRow);
}

/** The quotes in each article, in text order. `cypher/articleQuotes.cypher` */
export async function articleQuotes(db: Runner, ids: readonly string[]): Promise<Batch<Paged<QuoteRow>>> {
  return pagedById(await db.read("articleQuotes", { ids }), quoteRow);
}

export interface RelatedArticle {
  articleId: string;
  sharedEntityIds: string[];
}

/** Articles sharing entities with each article, most shared first, at most `first` each. `cypher/relatedArticles.cypher` */
export async function relatedArticles(db: Runner, ids: readonly string[], first: number): Promise<Batch<Paged<RelatedArticle>>> {
  return pagedById(await db.read("relatedArticles", { ids, first: int(first) }), (v) => {
    const o = obj(v, "items");
    return { articleId: str(o, "articleId"), sharedEntityIds: strings(o, "sharedEntityIds") };
  });
}

/** Conditions of an article list; all given ones must hold. `mentions` are entity ids. */
export interface ArticleFilter {
  source: string | null;
  after: string | null;
  before: string | null;
  mentions: string[] | null;
}

export interface Window {
  offset: number;
  limit: number;
}

// Private: both article lists return `total, items` (article ids).
function idPage([row]: Row[]): Paged<string> {
  return { total: count(row, "total"), items: stringList(row?.items, "items") };
}

/** Article ids matching a filter, newest first; paginated. `cypher/articlesSearch.cypher` */
export async function articlesFiltered(db: Runner, filter: ArticleFilter, page: Window): Promise<Paged<string>> {
  return idPage(await db.read("articlesSearch", { ...filter, offset: int(page.offset), limit: int(page.limit) }));
}

/** Article ids matching a filter and a full-text query (Lucene, see luceneQuery), best match first. `cypher/articlesFulltext.cypher` */
export async function articlesFulltext(db: Runner, filter: ArticleFilter, search: string, page: Window): Promise<Paged<string>> {
  return idPage(await db.read("articlesFulltext", { ...filter, search, offset: int(page.offset), limit: int(page.limit) }));
}

export interface ArticlePair {
  /** Entities the first mentions, most mentioned first. */
  aEntities: string[];
  bEntities: string[];
  /** Relations (type, subject, object) each asserts, sorted by type, subject, object. */
  aRels: RelationKeyParts[];
  bRels: RelationKeyParts[];
}

/** What two articles each mention and assert; null when either is missing. `cypher/compareArticles.cypher` */
export async function compareArticles(db: Runner, a: string, b: string): Promise<ArticlePair | null> {
  const [row] = await db.read("compareArticles", { a, b });
  if (!row) return null;
  const keys = (column: string): RelationKeyParts[] =>
    list(row[column], column).map((v) => {
      const o = obj(v, column);
      return { type: relationType(o), subjectId: str(o, "subjectId"), objectId: str(o, "objectId") };
    });
  return { aEntities: strings(row, "aEntities"), bEntities: strings(row, "bEntities"), aRels: keys("aRels"), bRels: keys("bRels") };
}
