/**
 * "he"/"she" in quote attributions: the nearest person mentioned before the quote whose
 * gender does not contradict the pronoun. Gender comes only from evidence in the text
 * (Mr/Mrs/Ms titles, "identified the woman as X") or a first-name list; unknown is compatible with both.
 */
import { LEXICON } from "./gazetteer.ts";
import type { Mention } from "./names.ts";
import { lowerBound } from "./spans.ts";

type Gender = "m" | "f";

const FEMALE_NAMES = new Set(LEXICON.femaleFirstNames);
const FIRST_NAMES = new Set(LEXICON.firstNames);
const FEMALE_TITLE = /^(?:Mrs|Ms|Miss|Queen|Princess|Lady|Dame)\b/;
const MALE_TITLE = /^(?:Mr|King|Prince|Sir|Lord|Father)\b/;

/** Gender per entity key, from every mention of the entity. */
export function gendersByKey(mentions: Mention[]): Map<string, Gender> {
  const genders = new Map<string, Gender>();
  for (const m of mentions) {
    if (m.type !== "PERSON") continue;
    const byTitle = m.gender ?? (m.title ? (FEMALE_TITLE.test(m.title) ? "f" : MALE_TITLE.test(m.title) ? "m" : undefined) : undefined);
    if (byTitle) {
      genders.set(m.key, byTitle);
      continue;
    }
    if (genders.has(m.key)) continue;
    const first = (m.entry?.name ?? m.surface).split(/\s+/)[0] ?? "";
    if (FEMALE_NAMES.has(first)) genders.set(m.key, "f");
    else if (FIRST_NAMES.has(first) && /\s/.test(m.entry?.name ?? m.surface)) genders.set(m.key, "m");
  }
  return genders;
}

/**
 * The person a pronoun before position `before` refers to.
 * @param persons person mentions outside quotes, sorted by position
 */
export function resolvePronoun(pronoun: string, persons: Mention[], genders: Map<string, Gender>, before: number): Mention | undefined {
  const want: Gender = /^she$/i.test(pronoun) ? "f" : "m";
  for (let i = lowerBound(persons, before) - 1; i >= 0 && i >= lowerBound(persons, before) - 30; i--) {
    const m = persons[i]!;
    const g = genders.get(m.key);
    if (g === undefined || g === want) return m;
  }
  return undefined;
}
