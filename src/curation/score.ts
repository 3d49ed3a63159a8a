/**
 * Duplicate scoring: how likely two entities of one type are one thing, and why. Pure (the graph
 * signals are passed in), so every weight is unit-tested. Name similarity comes from fuzzball
 * (token-set and token-sort ratios, a port of TheFuzz) and @skyra/jaro-winkler; the acronym and
 * first-name checks are a few lines each, too small and too specific for a library.
 */
import { token_set_ratio, token_sort_ratio } from "fuzzball";
import { jaroWinkler } from "@skyra/jaro-winkler";
import type { EntityType } from "../extraction/types.ts";
import { nameKey } from "../graph/keys.ts";

export const REASON_KINDS = [
  "NAME",
  "SHARED_ALIAS",
  "ACRONYM",
  "SHARED_NEIGHBOURS",
  "SHARED_CONTEXT",
  "SAME_ARTICLE",
  "FIRST_NAME_CONFLICT",
  "DIFFERENT_WORD",
  "EXTRA_WORD",
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One signal for or (negative weight) against a pair: its contribution to the score, and what it saw. */
export interface Reason {
  kind: ReasonKind;
  weight: number;
  detail: string;
}

/** One side of a pair: its header (the name-only signals need no more). */
export interface PairEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
}

/** What the graph says about a pair (cypher/duplicateSignals.cypher). */
export interface PairSignals {
  /** Articles that mention both as two entities. */
  together: number;
  /** Entities related (LEADS / CAPTURED / SUPPORTED_BY) to both. */
  neighbours: number;
  /** Entities co-mentioned with each side (a bounded sample of its articles). */
  contextA: string[];
  contextB: string[];
}

export const WEIGHTS = {
  name: 0.7,
  alias: 0.15,
  neighbours: 0.1,
  context: 0.1,
  sameArticle: 0.35,
  firstName: 0.3,
  differentWord: 0.2,
  extraWord: 0.15,
} as const;
/** The most the graph signals can add to the name signals: a pair's score is at most its name score plus this. */
export const GRAPH_MAX = WEIGHTS.neighbours + WEIGHTS.context;
const NAMES_PER_SIDE = 8;
/** Company-form words that say nothing about which company ("First Boston Corp" = "First Boston Inc"). */
const ORG_FORMS = new Set(["inc", "corp", "co", "ltd", "plc", "llc", "corporation", "company", "incorporated", "limited", "group", "sa", "ag", "nv"]);

// Private: a name key as compared: for organisations without the company-form words (unless nothing else is left).
function comparable(type: EntityType, key: string): string {
  if (type !== "ORGANIZATION") return key;
  const kept = key.split(" ").filter((w) => !ORG_FORMS.has(w));
  return kept.length > 0 ? kept.join(" ") : key;
}

// Private: the names worth comparing (canonical first), as comparable name keys.
function keysOf(s: PairEntity): string[] {
  return [...new Set([s.name, ...s.aliases].map((n) => comparable(s.type, nameKey(n))).filter((k) => k.length > 0))].slice(0, NAMES_PER_SIDE);
}

/** Similarity of two name keys in [0, 1]: token-set (word order, extra words), token-sort (how much is extra) and Jaro-Winkler (spelling). */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const set = token_set_ratio(a, b, { full_process: false }) / 100;
  const sort = token_sort_ratio(a, b, { full_process: false }) / 100;
  return 0.25 * set + 0.45 * sort + 0.3 * jaroWinkler(a, b);
}

/** The initials of a name of two or more words ("islamic state of iraq" → "isoi", also "isi" without short words). */
export function acronyms(key: string): string[] {
  const words = key.split(" ").filter(Boolean);
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]).join("");
  const content = words
    .filter((w) => !["of", "and", "for", "the", "de", "al"].includes(w) || w === words[0])
    .map((w) => w[0])
    .join("");
  return [...new Set([all, content])].filter((x) => x.length >= 2);
}

// Private: whether two words are one spelled two ways (same, or a near spelling of 4 letters or more).
function sameWord(x: string, y: string): boolean {
  return x === y || (x.length >= 4 && y.length >= 4 && jaroWinkler(x, y) >= 0.88);
}

/**
 * How two names differ word by word: by a substitution when each has a word the other lacks ("UK government" /
 * "US government"), by extra words when only one does ("Treasury" / "Treasury Loan"); near spellings are the same word.
 */
export function wordDifference(a: string, b: string): { kind: "DIFFERENT_WORD" | "EXTRA_WORD"; detail: string } | undefined {
  const wa = a.split(" ").filter((w) => w && !STOP.has(w));
  const wb = b.split(" ").filter((w) => w && !STOP.has(w));
  const onlyA = wa.filter((x) => !wb.some((y) => sameWord(x, y)));
  const onlyB = wb.filter((y) => !wa.some((x) => sameWord(x, y)));
  if (onlyA.length > 0 && onlyB.length > 0)
    return wa.length >= 2 && wb.length >= 2 ? { kind: "DIFFERENT_WORD", detail: `different words "${onlyA.join(" ")}" vs "${onlyB.join(" ")}"` } : undefined;
  const extra = [...onlyA, ...onlyB];
  return extra.length > 0 ? { kind: "EXTRA_WORD", detail: `"${extra.join(" ")}" only in one name` } : undefined;
}

// Private: two people's first names clash when both have a first and a last name and the first ones are not the same, an initial of it, or a near spelling.
function firstNameConflict(a: string, b: string): string | undefined {
  const wa = a.split(" ");
  const wb = b.split(" ");
  if (wa.length < 2 || wb.length < 2) return undefined;
  const [fa, fb] = [wa[0]!, wb[0]!];
  if (fa === fb || (fa.length === 1 && fb.startsWith(fa)) || (fb.length === 1 && fa.startsWith(fb)) || jaroWinkler(fa, fb) >= 0.9) return undefined;
  return `"${fa}" and "${fb}"`;
}

/** Words that name nothing by themselves: not searched for, not counted as a difference between names. */
const STOP = new Set(["of", "the", "and", "for", "de", "al", "el", "la", "le", "in", "on", "at"]);

const round = (x: number) => Math.round(x * 1000) / 1000;
const padded = (k: string) => ` ${k} `;

/** The signals of names alone: similarity, a shared alias that is not just a word both names contain, initials, clashing first names. */
export function nameReasons(a: PairEntity, b: PairEntity): Reason[] {
  const reasons: Reason[] = [];
  const ka = keysOf(a);
  const kb = keysOf(b);
  // The canonical names are compared; aliases count only when both share one that is more than a word of both names
  // (an alias "Bank" of "Bank of Korea" makes it no more like "Bank").
  const best = { x: ka[0] ?? "", y: kb[0] ?? "", sim: nameSimilarity(ka[0] ?? "", kb[0] ?? "") };
  reasons.push({ kind: "NAME", weight: round(WEIGHTS.name * best.sim), detail: `"${best.x}" ~ "${best.y}": ${round(best.sim)}` });

  const [na, nb] = [nameKey(a.name), nameKey(b.name)];
  const shared = ka.filter((k) => kb.includes(k) && k !== na && k !== nb && !(padded(na).includes(padded(k)) && padded(nb).includes(padded(k))));
  const acronym = acronyms(na).includes(nb) ? `"${nb}" = initials of "${na}"` : acronyms(nb).includes(na) ? `"${na}" = initials of "${nb}"` : undefined;
  if (shared.length > 0) reasons.push({ kind: "SHARED_ALIAS", weight: WEIGHTS.alias, detail: `both go by ${shared.map((k) => `"${k}"`).join(", ")}` });
  else if (acronym && a.type !== "PERSON") reasons.push({ kind: "ACRONYM", weight: WEIGHTS.alias, detail: acronym });
  const clash = a.type === "PERSON" ? firstNameConflict(na, nb) : undefined;
  if (clash) reasons.push({ kind: "FIRST_NAME_CONFLICT", weight: -WEIGHTS.firstName, detail: `different first names ${clash}` });
  const differ = clash ? undefined : wordDifference(best.x, best.y);
  if (differ) reasons.push({ ...differ, weight: -(differ.kind === "DIFFERENT_WORD" ? WEIGHTS.differentWord : WEIGHTS.extraWord) });
  return reasons;
}

/** The signals of the graph: related entities and co-mentioned entities in common, and (people) one article naming both. */
export function graphReasons(a: PairEntity, b: PairEntity, sig: PairSignals): Reason[] {
  const reasons: Reason[] = [];
  if (sig.neighbours > 0)
    reasons.push({
      kind: "SHARED_NEIGHBOURS",
      weight: round(WEIGHTS.neighbours * Math.min(1, sig.neighbours / 2)),
      detail: `${sig.neighbours} related entities in common`,
    });
  const ctxB = new Set(sig.contextB);
  const common = sig.contextA.filter((id) => ctxB.has(id) && id !== a.id && id !== b.id).length;
  const smaller = Math.min(sig.contextA.length, sig.contextB.length);
  if (common > 0 && smaller > 0)
    reasons.push({
      kind: "SHARED_CONTEXT",
      weight: round(WEIGHTS.context * Math.min(1, common / smaller)),
      detail: `${common} co-mentioned entities in common`,
    });
  if (a.type === "PERSON" && sig.together > 0)
    reasons.push({ kind: "SAME_ARTICLE", weight: -WEIGHTS.sameArticle, detail: `${sig.together} article(s) mention both as different people` });
  return reasons;
}

/** A score in [0, 1] from its reasons (their weights add up to it, clamped). */
export function scoreOf(reasons: readonly Reason[]): number {
  return round(
    Math.max(
      0,
      Math.min(
        1,
        reasons.reduce((s, r) => s + r.weight, 0),
      ),
    ),
  );
}

/** The score of a pair and the reasons that make it up. */
export function scorePair(a: PairEntity, b: PairEntity, sig: PairSignals): { score: number; reasons: Reason[] } {
  const reasons = [...nameReasons(a, b), ...graphReasons(a, b, sig)];
  return { score: scoreOf(reasons), reasons };
}

/** The key of an unordered pair: "a|b" with a < b (how rejections are stored). */
export function duplicatePairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * The full-text query that finds a name's candidates: each word fuzzy (edit distance 1, from 4
 * letters) or exact, and its initials; name keys hold only letters, digits and spaces, so nothing needs escaping.
 *
 * @example fuzzyQuery("Haider al-Abadi", "PERSON") // "haider~1 OR abadi"
 */
export function fuzzyQuery(name: string, type: EntityType): string | undefined {
  const key = nameKey(name);
  const words = [...new Set(key.split(" ").filter((w) => w.length > 1 && !STOP.has(w) && !(type === "ORGANIZATION" && ORG_FORMS.has(w))))];
  // Fuzzy matching costs a scan of the term dictionary per word: only the longest word (where typos are) is fuzzy.
  const longest = words.reduce((l, w) => (w.length > l.length ? w : l), "");
  const terms = words.map((w) => (w === longest && w.length >= 5 && !/\d/.test(w) ? `${w}~1` : w));
  if (type !== "PERSON") for (const a of acronyms(key)) if (!words.includes(a)) terms.push(a);
  return terms.length > 0 ? terms.slice(0, 8).join(" OR ") : undefined;
}
