/**
 * Every key format of the graph, in one place: name normalisation (extraction and ingest use the
 * same one), entity ids, alias-index keys, relation keys and quote ids.
 *
 * Cross-article entity resolution keys. Rules (also in README, "Entity resolution"):
 *  1. An entity's key is its type plus its normalised canonical name; equal keys are one node.
 *  2. Failing that, a *strong* alias (one the extractor or gazetteer gave) of the same type that
 *     points at exactly one existing entity resolves to it ("ISIS" → Islamic State).
 *  3. A person's single-word alias ("Trump", "al-Abadi") is *weak*: it is indexed so the API can
 *     find the person by it, but never merges two people, since surnames are shared.
 */
import type { EntityType, RelationType } from "../extraction/types.ts";

/**
 * Normalise a name for comparison: case, diacritics, apostrophes, dots in acronyms, a leading
 * "the" and a trailing possessive are ignored; hyphens and runs of space are one space.
 *
 * @example nameKey("The U.S.") === nameKey("us"); nameKey("ISIS’s") === "isis"
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'`´]s\b/g, "")
    .replace(/[’'`´".]/g, "")
    .replace(/[-‐‑–—_/]/g, " ")
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** A stable, readable node id: "person:donald-trump", "organization:islamic-state". */
export function entityId(type: EntityType, name: string): string {
  const slug = nameKey(name).replace(/ /g, "-") || "unnamed";
  return `${type.toLowerCase()}:${slug}`;
}

/** Whether an alias may merge entities across articles (see rule 3). */
export function isStrongAlias(type: EntityType, alias: string): boolean {
  const k = nameKey(alias);
  if (k.length < 2) return false;
  if (type === "PERSON") return k.includes(" ");
  return true;
}

/** The alias index key: type-qualified, so "Georgia" the state and "Georgia" the person stay apart. */
export function aliasKey(type: EntityType, alias: string): string {
  return `${type}|${nameKey(alias)}`;
}

export const ENTITY_LABEL: Record<EntityType, string> = {
  PERSON: "Person",
  ORGANIZATION: "Organization",
  LOCATION: "Location",
  GROUP: "Group",
};

/** One quote to give an id: its words, and where to look for them (its evidence's start). */
export interface QuoteToId {
  quote: string;
  from: number;
}

/**
 * Quote ids, "<articleId>#<start>-<end>" from each quote's own span in the article text: two
 * quotes of one speaker in one sentence get two ids (ids built from the sentence start did not).
 * A quote's span is the first occurrence of its words at or after `from` not already taken by an
 * earlier quote of the list, so the same words quoted twice are the first and the second occurrence.
 * Words not found in the text (never, for the extractor's quotes) fall back to `from`, made unique.
 *
 * @example quoteIds("a1", 'He said "yes" and "no".', [{ quote: "yes", from: 0 }, { quote: "no", from: 0 }]) // ["a1#9-12", "a1#19-21"]
 */
export function quoteIds(articleId: string, text: string, quotes: readonly QuoteToId[]): string[] {
  const taken = new Set<string>();
  return quotes.map(({ quote, from }) => {
    let at = quote.length > 0 ? text.indexOf(quote, from) : -1;
    while (at >= 0 && taken.has(`${at}-${at + quote.length}`)) at = text.indexOf(quote, at + 1);
    let span = at >= 0 ? `${at}-${at + quote.length}` : `${from}-${from}`;
    for (let end = from + 1; taken.has(span); end++) span = `${from}-${end}`; // only when not found
    taken.add(span);
    return `${articleId}#${span}`;
  });
}

/** The parts of a quote id: the article it is in, and the span of its words. */
export function parseQuoteId(id: string): { articleId: string } {
  return { articleId: id.slice(0, Math.max(0, id.lastIndexOf("#"))) };
}

/** What identifies an aggregated relation: its type and its two ends. */
export interface RelationKeyParts {
  type: RelationType;
  subjectId: string;
  objectId: string;
}

/**
 * The key of an aggregated relation, also its global id's key: "CAPTURED|organization:islamic-state|location:mosul".
 * Entity ids contain no "|" (entityId slugs), so the first two separators split it; an article id (QUOTED_IN's object) may.
 */
export function relationKey(r: RelationKeyParts | { type: string; subjectId: string; objectId: string }): string {
  return `${r.type}|${r.subjectId}|${r.objectId}`;
}

/** The parts of a relation key; undefined when it is not one. */
export function parseRelationKey(key: string): RelationKeyParts | undefined {
  const m = /^(LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN)\|([^|]+)\|(.+)$/.exec(key);
  return m ? { type: m[1] as RelationType, subjectId: m[2]!, objectId: m[3]! } : undefined;
}

/** The key of an entity pair [a, b] of a path step (ordered). */
export function pairKey(a: string, b: string): string {
  return `${a}|${b}`;
}

/** The key of an extracted entity of one article, before it is resolved to a node: "<articleId>#<local id>". */
export function candidateRef(articleId: string, localId: string): string {
  return `${articleId}#${localId}`;
}
