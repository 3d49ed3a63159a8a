/**
 * Cross-article entity resolution keys. Rules (also in README, "Entity resolution"):
 *  1. An entity's key is its type plus its normalised canonical name; equal keys are one node.
 *  2. Failing that, a *strong* alias (one the extractor or gazetteer gave) of the same type that
 *     points at exactly one existing entity resolves to it ("ISIS" → Islamic State).
 *  3. A person's single-word alias ("Trump", "al-Abadi") is *weak*: it is indexed so the API can
 *     find the person by it, but never merges two people, since surnames are shared.
 */
import type { EntityType } from "../extraction/types.ts";

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
