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

/** A person named after a preposition ("a letter to ⟦Foley⟧", "more than ⟦Mozart⟧") is talked about, not talking. */
const GOVERNED_BY_PREPOSITION =
  /\b(?:of|to|about|for|with|from|against|than|like|on|at|into|towards?|over|under|behind|beside|without|between|among|before|after)\s+(?:(?:the|late|former|then)\s+)?(?:(?:\p{Lu}\p{Ll}{0,3}\.|\p{Lu}\p{L}*)\s+){0,2}$/u;

/** A finite verb right after a name: the name is the subject of a clause ("said the ⟦ISIS⟧ used chlorine"). */
export const CLAUSE_VERB_AFTER = /^\s+(?:had|has|have|was|were|is|are|would|will|could|can|did|does|should|might|may|must|[a-z]{2,}ed)\b/;
/**
 * "⟦Dempsey⟧ said ⟦Mr Ahern⟧ had been …": the subject of a reported clause (a verb follows the name) is spoken of;
 * the one who said it speaks next. Not "…, said ⟦Harlan Ullman⟧, an officer", where the name is the speaker.
 */
const REPORTED_SUBJECT =
  /\b(?:said|says|added|believes|believed|thinks|thought|claimed|claims|insisted|insists)\s+(?:that\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|President|the)\.?\s+)?$/;

/**
 * The person a pronoun before position `before` refers to: the nearest compatible person who is not
 * the object of a preposition or the subject of a reported clause, else the nearest compatible person.
 * @param persons person mentions outside quotes, sorted by position
 * @param text the article text, to read what governs each mention
 */
export function resolvePronoun(pronoun: string, persons: Mention[], genders: Map<string, Gender>, before: number, text?: string): Mention | undefined {
  const want: Gender = /^she$/i.test(pronoun) ? "f" : "m";
  let fallback: Mention | undefined;
  for (let i = lowerBound(persons, before) - 1; i >= 0 && i >= lowerBound(persons, before) - 30; i--) {
    const m = persons[i]!;
    const g = genders.get(m.key);
    if (g !== undefined && g !== want) continue;
    const head = text?.slice(Math.max(0, m.start - 40), m.start);
    const reported = head !== undefined && REPORTED_SUBJECT.test(head) && CLAUSE_VERB_AFTER.test(text!.slice(m.end, m.end + 30));
    if (head === undefined || (!GOVERNED_BY_PREPOSITION.test(head) && !reported)) return m;
    fallback ??= m;
  }
  return fallback;
}
