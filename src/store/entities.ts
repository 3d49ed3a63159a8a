/**
 * Questions about entities: headers, what a name means, lists, and each entity's articles,
 * relations, quotes and co-mentions.
 *
 * What a name means, in every root field: the entity whose id it is, else the most mentioned
 * entity (of any type) with that name or alias, normalised as `nameKey` does; ties go to the
 * smaller id. One entity, never several. `cypher/entityIdsByAlias.cypher`,
 * `cypher/entityIdsByRefs.cypher`, `cypher/relationsSearch.cypher` and `cypher/entityRelations.cypher` each apply this rule.
 */
import type { Row, Runner } from "../db/client.ts";
import { int } from "../db/values.ts";
import type { EntityType, RelationType } from "../extraction/types.ts";
import { relationKey } from "../graph/keys.ts";
import type { EntityLookup } from "./lookup.ts";
import {
  articleRow,
  count,
  entityRow,
  evidenceWithArticles,
  list,
  noHeaders,
  num,
  obj,
  pagedById,
  quoteRow,
  relationRow,
  str,
  type Batch,
  type EntityRow,
  type EvidenceRow,
  type Paged,
  type QuoteRow,
  type RelationRow,
} from "./rows.ts";
import { articleMentionRow, type ArticleMention, type Window } from "./articles.ts";

/** Entity headers by id (DataLoader batch); absent ids are missing. `cypher/entitiesByIds.cypher` */
export async function entitiesByIds(db: Runner, ids: readonly string[]): Promise<EntityRow[]> {
  return (await db.read("entitiesByIds", { ids })).map(entityRow);
}

/** The entity a reference names (see the rule above), with its header; null when none. `cypher/entityIdsByAlias.cypher` */
export async function entityNamed(db: Runner, lookup: EntityLookup): Promise<EntityRow | null> {
  const [row] = await db.read("entityIdsByAlias", { keys: lookup.keys, id: lookup.ref });
  return row ? entityRow(row) : null;
}

/** The entity id each reference names (the same rule), in one statement; undefined where none. `cypher/entityIdsByRefs.cypher` */
export async function entityIdsNamed(db: Runner, lookups: readonly EntityLookup[]): Promise<(string | undefined)[]> {
  if (lookups.length === 0) return [];
  const rows = await db.read("entityIdsByRefs", { refs: lookups });
  const byIndex = new Map(rows.flatMap((r) => (typeof r.id === "string" ? [[num(r, "i"), r.id] as const] : [])));
  return lookups.map((_, i) => byIndex.get(i));
}

// Private: the entity lists return `total, items` (entity headers).
function entityPage([row]: Awaited<ReturnType<Runner["read"]>>): Paged<EntityRow> {
  return { total: count(row, "total"), items: list(row?.items, "items").map(entityRow) };
}

/** Entities, most mentioned first, optionally of one type; paginated. `cypher/entitiesList.cypher` */
export async function entitiesList(db: Runner, type: EntityType | null, page: Window): Promise<Paged<EntityRow>> {
  return entityPage(await db.read("entitiesList", { type, offset: int(page.offset), limit: int(page.limit) }));
}

/** Entities by a full-text query over names and aliases (Lucene, see luceneQuery), ranked; paginated. `cypher/entitiesSearch.cypher` */
export async function entitiesSearch(db: Runner, search: string, type: EntityType | null, page: Window): Promise<Paged<EntityRow>> {
  return entityPage(await db.read("entitiesSearch", { search, type, offset: int(page.offset), limit: int(page.limit) }));
}

export interface EntityRelationsArgs {
  type: RelationType | null;
  direction: "OUT" | "IN" | "BOTH";
  first: number;
}

/**
 * One `relations` field of one entity: the caller's key for the answer, the field's filter, and the
 * entity: by id, or with `lookup`, the entity a reference names (the rule above; its header comes back).
 */
export interface EntityRelationsRequest extends EntityRelationsArgs {
  key: string;
  id: string;
  lookup?: EntityLookup;
}

export interface EntityRelationsBatch extends Batch<Paged<RelationRow>> {
  /** With `evidenceFirst` > 0: each returned relation's top evidence (as relationEvidence gives it), by relation key. */
  evidence: Map<string, EvidenceRow[]> | null;
  /** For requests with a `lookup`: the entity it names, by request key (absent: it names none). */
  named: Map<string, EntityRow>;
}

// Private: the `entity` header column of a batch's rows (null where not asked for), by the row's id.
function entityColumn(rows: Row[]): Map<string, EntityRow> {
  return new Map(rows.flatMap((r) => (r.entity === null || r.entity === undefined ? [] : [[str(r, "id"), entityRow(r.entity)] as const])));
}

/**
 * The relations of many (entity, filter) requests at once (several `relations(type:)` fields of
 * many entities in one statement), aggregated over articles, most attested first, with the other
 * end's header; by request key. With `evidenceFirst` > 0 each relation's top evidence comes too,
 * so relations → evidence costs no second statement; a request with a `lookup` resolves the name in
 * the same statement (entity → relations by name: one statement). `cypher/entityRelations.cypher`
 */
export async function entityRelations(db: Runner, requests: readonly EntityRelationsRequest[], evidenceFirst: number): Promise<EntityRelationsBatch> {
  const rows = await db.read("entityRelations", {
    requests: requests.map((q) => ({
      key: q.key,
      id: q.lookup?.ref ?? q.id,
      keys: q.lookup?.keys ?? [],
      named: q.lookup !== undefined,
      type: q.type,
      direction: q.direction,
      first: int(q.first),
    })),
    evidenceFirst: int(evidenceFirst),
  });
  const named = entityColumn(rows);
  const evidence = evidenceFirst > 0 ? new Map<string, EvidenceRow[]>() : null;
  const batch = pagedById(rows, (v, headers) => {
    const o = obj(v, "items");
    const r = relationRow(o);
    if (r.objectIsArticle) headers.articles.push(articleRow(o.header));
    else headers.entities.push(entityRow(o.header));
    evidence?.set(relationKey(r), evidenceWithArticles(o.evidence, "evidence", headers));
    return r;
  });
  batch.headers.entities.push(...named.values());
  return { ...batch, evidence, named };
}

export interface EntityArticle {
  articleId: string;
  mentions: number;
}

export interface EntityArticlesBatch extends Batch<Paged<EntityArticle>> {
  /** With `mentions` asked for: the entities each article of the pages mentions, by article id, as articleMentions gives them. */
  mentions: Map<string, Paged<ArticleMention>> | null;
  /** With `withEntity`: each entity's own header, by id (absent: no such entity). */
  entities: Map<string, EntityRow>;
}

/**
 * The articles mentioning each entity, newest first, with mention counts and headers; paginated per
 * entity. With `mentions` (the `type` an `entities(type:)` selection asks for, null for all), the
 * same statement also returns what each article of the pages mentions; with `withEntity`, each
 * entity's own header (entity(id:) → articles in one statement). `cypher/entityArticles.cypher`
 */
export async function entityArticles(
  db: Runner,
  ids: readonly string[],
  page: Window,
  mentions: { type: EntityType | null } | null = null,
  withEntity = false,
): Promise<EntityArticlesBatch> {
  const byArticle = mentions ? new Map<string, Paged<ArticleMention>>() : null;
  const rows = await db.read("entityArticles", {
    ids,
    offset: int(page.offset),
    limit: int(page.limit),
    withMentions: mentions !== null,
    mentionType: mentions?.type ?? null,
    withEntity,
  });
  const entities = entityColumn(rows);
  const batch = pagedById(rows, (v, headers) => {
    const o = obj(v, "items");
    headers.articles.push(articleRow(o.article));
    const articleId = str(o, "articleId");
    if (byArticle) {
      const items = list(o.entities, "entities").map((m) => articleMentionRow(m, headers));
      byArticle.set(articleId, { total: items.length, items });
    }
    return { articleId, mentions: num(o, "mentions") };
  });
  batch.headers.entities.push(...entities.values());
  return { ...batch, mentions: byArticle, entities };
}

/** What each entity was quoted saying, newest articles first, at most `first` each. `cypher/entityQuotes.cypher` */
export async function entityQuotes(db: Runner, ids: readonly string[], first: number): Promise<Batch<Paged<QuoteRow>>> {
  return pagedById(await db.read("entityQuotes", { ids, first: int(first) }), quoteRow);
}

export interface CoMention {
  entityId: string;
  sharedArticles: number;
}

/** Entities mentioned in the same articles as each entity, by shared articles, at most `first` each. `cypher/coMentions.cypher` */
export async function coMentions(db: Runner, ids: readonly string[], first: number): Promise<Batch<Paged<CoMention>>> {
  return pagedById(
    await db.read("coMentions", { ids, first: int(first) }),
    (v) => {
      const o = obj(v, "items");
      return { entityId: str(o, "entityId"), sharedArticles: num(o, "sharedArticles") };
    },
    noHeaders(),
  );
}
