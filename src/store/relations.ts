/** Questions about aggregated relations: searches, evidence, and relations by key. */
import type { Runner } from "../db/client.ts";
import { int } from "../db/values.ts";
import type { RelationType } from "../extraction/types.ts";
import { parseRelationKey, relationKey, type RelationKeyParts } from "../graph/keys.ts";
import {
  count,
  entityRow,
  evidenceRow,
  evidenceWithArticles,
  list,
  noHeaders,
  obj,
  relationRow,
  relationType,
  str,
  type Batch,
  type EvidenceRow,
  type Headers,
  type Paged,
  type RelationRow,
} from "./rows.ts";
import type { Window } from "./articles.ts";
import type { EntityLookup } from "./lookup.ts";

export interface RelationFilter {
  type: RelationType | null;
  subject: EntityLookup | null;
  object: EntityLookup | null;
  minArticles: number;
}

export interface RelationPage extends Paged<RelationRow> {
  /** Subject and object headers of the page's relations. */
  headers: Headers;
  /** Each relation's top evidence by relation key, when `evidenceFirst` > 0. */
  evidence: Map<string, EvidenceRow[]> | null;
}

/**
 * Relations across articles, most attested first; subject and object are resolved inside the
 * statement (one round trip), and with `evidenceFirst` > 0 each relation's top evidence comes too.
 * `cypher/relationsSearch.cypher`
 */
export async function relationsSearch(db: Runner, filter: RelationFilter, evidenceFirst: number, page: Window): Promise<RelationPage> {
  const [row] = await db.read("relationsSearch", {
    type: filter.type,
    subjectRef: filter.subject?.ref ?? null,
    subjectKeys: filter.subject?.keys ?? [],
    objectRef: filter.object?.ref ?? null,
    objectKeys: filter.object?.keys ?? [],
    minArticles: int(filter.minArticles),
    evidenceFirst: int(evidenceFirst),
    offset: int(page.offset),
    limit: int(page.limit),
  });
  const headers = noHeaders();
  const evidence = evidenceFirst > 0 ? new Map<string, EvidenceRow[]>() : null;
  const items = list(row?.items, "items").map((v) => {
    const o = obj(v, "items");
    const r = relationRow(o);
    headers.entities.push(...list(o.entities, "entities").map(entityRow));
    evidence?.set(relationKey(r), evidenceWithArticles(o.evidence, "evidence", headers));
    return r;
  });
  return { total: count(row, "total"), items, headers, evidence };
}

/** The evidence behind relations, by relation key: each asserting article's sentence, most confident first, at most `first`. `cypher/relationEvidence.cypher` */
export async function relationEvidence(db: Runner, keys: readonly string[], first: number): Promise<Batch<EvidenceRow[]>> {
  // A key that is not a relation key names no relation: it is not sent, and gets no evidence.
  const parts = keys.flatMap((key) => {
    const k = parseRelationKey(key);
    return k ? [{ key, ...k }] : [];
  });
  const headers = noHeaders();
  const byId = new Map<string, EvidenceRow[]>();
  for (const r of await db.read("relationEvidence", { keys: parts, first: int(first) })) {
    byId.set(str(r, "key"), evidenceWithArticles(r.items, "items", headers));
  }
  return { byId, headers };
}

/** One aggregated relation by key, or null. `cypher/relationByKey.cypher` */
export async function relationByKey(db: Runner, key: RelationKeyParts): Promise<RelationRow | null> {
  const [row] = await db.read("relationByKey", { ...key });
  return row ? relationRow(row) : null;
}

/** Aggregated relations between entities by key, in no particular order; keys naming none are absent. `cypher/relationsByKeys.cypher` */
export async function relationsByKeys(db: Runner, keys: readonly RelationKeyParts[]): Promise<RelationRow[]> {
  if (keys.length === 0) return [];
  return (await db.read("relationsByKeys", { keys: keys.map(({ type, subjectId, objectId }) => ({ type, subjectId, objectId })) })).map(relationRow);
}

/** A relation one article asserts, with that article's evidence for it. */
export interface AssertedRelation {
  type: RelationType;
  subjectId: string;
  objectId: string;
  objectIsArticle: boolean;
  evidence: EvidenceRow[];
}

/**
 * The relations (quotes included) article `articleId` asserts with entity `entityId` at either end,
 * optionally of one type, each with this article's evidence. `cypher/articleEntityRelations.cypher`
 */
export async function articleEntityRelations(db: Runner, articleId: string, entityId: string, type: RelationType | null): Promise<AssertedRelation[]> {
  return (await db.read("articleEntityRelations", { articleId, entityId, type })).map((r) => ({
    type: relationType(r),
    subjectId: str(r, "subjectId"),
    objectId: str(r, "objectId"),
    objectIsArticle: r.objectIsArticle === true,
    evidence: list(r.evidence, "evidence").map(evidenceRow),
  }));
}
