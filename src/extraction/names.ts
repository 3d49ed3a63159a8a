/**
 * Finds name mentions in one sentence: gazetteer forms first (longest match), then
 * runs of capitalised tokens classified by their shape and context (title before,
 * organisation or place head word at the end, known first name, "said" after).
 * Single unknown capitalised words are kept as `pending` and only become mentions
 * when coreference ties them to a full name or an acronym seen in the article.
 */
import { FORMS_BY_FIRST_TOKEN, LEXICON, type GazEntry } from "./gazetteer.ts";
import { escape } from "./regex.ts";
import { gapBetween, isCapitalized, isNameGap, type Token } from "./tokens.ts";
import type { EntityType } from "./types.ts";
import { nameKey } from "../graph/keys.ts";

export type MentionKind = "name" | "adjective" | "description" | "force" | "generic" | "pending";

export interface Mention {
  start: number;
  end: number;
  surface: string;
  type: EntityType;
  kind: MentionKind;
  entry?: GazEntry;
  /** Title words just before a person's name, kept as the role ("Prime Minister"). */
  title?: string;
  /** Clustering key; mentions with equal keys are one entity. */
  key: string;
  /** Force phrases: the country or group their adjective names ("Iraqi forces" → Iraq). */
  country?: GazEntry;
  /** Display name when it differs from the surface ("Iraqi" in "Iraqi and Kurdish forces"). */
  name?: string;
  /** A plural description's other antecedents ("these troops" → Iraqi and Kurdish forces). */
  partners?: Mention[];
  /** A person's gender when the text names it ("identified the woman as X"). */
  gender?: "m" | "f";
}

const TITLES = new Set(LEXICON.personTitles);
const ABBREVIATIONS = new Set(LEXICON.abbreviations);
const FIRST_NAMES = new Set(LEXICON.firstNames);
const ORG_HEADS = new Set(LEXICON.orgHeads);
const PLACE_HEADS = new Set(LEXICON.placeHeads);
const STARTERS = new Set(LEXICON.sentenceStarters);
const OCCUPATIONS = new Set(LEXICON.occupations);
const DETERMINERS = new Set(["The", "A", "An", "This", "That", "These", "Those"]);
const PARTICLES = new Set(["al", "el", "ad", "ash", "as", "bin", "ibn", "bint", "abu", "de", "du", "da", "van", "von", "der", "la", "le", "ul"]);
const JOINERS = new Set(["of", "for", "the", "and"]);
const SAY_VERBS = LEXICON.sayVerbs.map(escape).join("|");
/** "X, a spokesman, said", "X from the organisation told": a speech verb after the name. */
const SAY_AFTER = new RegExp(`^(?:,[^,"“”]{1,80},|\\s+(?:from|of|at)\\s+(?:the\\s+)?[a-z][a-z\\s-]{0,40}?)?\\s+(?:${SAY_VERBS})\\b`);
const SAY_RIGHT_AFTER = new RegExp(`^\\s+(?:${SAY_VERBS})\\b`);
const SAY_BEFORE = /\b(?:said|says|according to|told)\s+$/;
const PERSON_NOUNS = LEXICON.personNouns.map(escape).join("|");
/** "journalist Clare Gillis", "spokesperson, Christy Feigh", "Libyan dictator Muammar Gaddafi". */
const PERSON_NOUN_BEFORE = new RegExp(`\\b(?:${PERSON_NOUNS})(?:,\\s|\\s)$`, "i");
/** "identified the woman as Kayla Mueller", "identified him as": a person is being named. */
const IDENTIFIED_AS_BEFORE = /\bidentified\s+((?:[\w'’-]+\s+){0,3})as\s+$/;
const FEMININE = /\b(?:woman|girl|her|mother|wife|daughter|sister|female)\b/i;
const MASCULINE = /\b(?:man|boy|him|father|husband|son|brother|male)\b/i;
/** "the IraqiNews report", "a GlobalPost article": a one-word CamelCase outlet before a media noun. */
const MEDIA_NOUN_AFTER = /^\s+(?:report|reports|article|story|website|site|newspaper|statement|account)\b/;
/** "X, a professor at …", "X, the group's leader", "Rehana, 28," */
const PERSON_APPOSITIVE = new RegExp(`^,\\s+(?:\\d{1,3}\\s*,|(?:a|an|the|his|her|its|their)\\s+(?:[\\w'’-]+\\s+){0,4}?(?:${PERSON_NOUNS})\\b|who\\s)`, "i");
const HYPHEN_SUFFIXES = new Set(["led", "run", "held", "based", "born", "era", "style", "type", "like", "free", "wide", "made", "old", "year", "day"]);
const MEDIA_NOUN_BEFORE = /\b(?:newspaper|daily|weekly|paper|magazine|broadcaster|channel|website|outlet|news\s+agency|network|station|tabloid)\s+$/i;
const PLACE_NOUN_AFTER =
  /^\s(?:facility|complex|compound|air\s?base|base|airport|airfield|dam|refinery|oilfield|oil\s+field|gas\s+field|town|village|district|province|governorate|crossing|border\s+crossing|checkpoint|camp|neighbou?rhood|suburb)\b(?![-'’])/;
const HONORIFICS = new Set(["Mr", "Mrs", "Ms", "Miss", "Dr"]);

/** Unknown names cluster by normalised surface; organisations share the "np:" space with force phrases. */
export const entityKey = (type: EntityType, surface: string): string => (type === "ORGANIZATION" ? "np:" : type + ":") + nameKey(surface);

export function scanNames(text: string, tokens: Token[], sentenceStart: number): Mention[] {
  const out: Mention[] = [];
  let chunk: Token[] = [];
  const flush = () => {
    if (chunk.length) classifyChunk(text, chunk, sentenceStart, out);
    chunk = [];
  };
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    const found = matchGazetteer(text, tokens, i);
    const prev = chunk[chunk.length - 1];
    // "Mr Muslim" is a person even though "Muslim" is a known adjective.
    // "Anwar Muslim", "Diane Foley": an adjective or a known surname right after a capitalised
    // word is part of another name.
    const partial = found !== undefined && (found.form.adjective || (found.form.entry.type === "PERSON" && found.length === 1));
    const inName =
      prev !== undefined &&
      partial &&
      isNameGap(gapBetween(text, prev, token)) &&
      chunk.some((t) => !DETERMINERS.has(t.norm) && !STARTERS.has(t.norm) && !TITLES.has(t.norm));
    const gaz = found && ((found.form.entry.type !== "PERSON" && i > 0 && HONORIFICS.has(tokens[i - 1]!.norm)) || inName) ? undefined : found;
    const run = gaz && gaz.form.entry.type !== "PERSON" && gaz.form.entry.type !== "ORGANIZATION" ? longerHeadedRun(text, tokens, i) : 0;
    if (gaz && run > gaz.length) {
      // "al-Anbar Provincial Council", "Iraqi Security Forces": a longer organisation name.
      flush();
      chunk = tokens.slice(i, i + run);
      flush();
      i += run;
      continue;
    }
    if (gaz) {
      flush();
      const last = tokens[i + gaz.length - 1]!;
      out.push({
        start: token.start,
        end: last.end,
        surface: text.slice(token.start, last.end),
        type: gaz.form.entry.type,
        kind: gaz.form.adjective ? "adjective" : "name",
        entry: gaz.form.entry,
        key: "gaz:" + gaz.form.entry.name,
      });
      i += gaz.length;
      continue;
    }
    if (prev && !joinsName(text, prev, token, tokens[i + 1])) flush();
    if (isCapitalized(token) || (chunk.length > 0 && (PARTICLES.has(token.norm) || JOINERS.has(token.norm) || gapBetween(text, prev!, token) === "-"))) {
      chunk.push(token);
    } else {
      flush();
    }
    i++;
  }
  flush();
  return out;
}

const sameWord = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase();

/** Longest gazetteer form starting at token i, as a token count. */
function matchGazetteer(text: string, tokens: Token[], i: number): { form: import("./gazetteer.ts").GazForm; length: number } | undefined {
  const forms = FORMS_BY_FIRST_TOKEN.get(tokens[i]!.norm);
  if (!forms) return undefined;
  for (const form of forms) {
    let ok = true;
    for (let k = 1; k < form.tokens.length && ok; k++) {
      const t = tokens[i + k];
      // Later tokens may differ in case ("Mosul dam"); the first one may not ("US" vs "us").
      ok = t !== undefined && sameWord(t.norm, form.tokens[k]!) && /^[\s-]{1,2}$|^, $/.test(gapBetween(text, tokens[i + k - 1]!, t));
    }
    if (ok) return { form, length: form.tokens.length };
  }
  return undefined;
}

/**
 * "Washington Institute…", "Iraqi Security Forces": a run of capitalised tokens after a
 * one-token gazetteer hit that ends in an organisation head is a different, longer name.
 */
function longerHeadedRun(text: string, tokens: Token[], i: number): number {
  let best = 0;
  let ofTail = false;
  for (let j = i + 1; j < tokens.length && isNameGap(gapBetween(text, tokens[j - 1]!, tokens[j]!)); j++) {
    const t = tokens[j]!;
    // "London School of Economics": a joiner after a head word continues the name.
    if (JOINERS.has(t.norm) && ORG_HEADS.has(tokens[j - 1]!.norm) && tokens[j + 1] !== undefined && isCapitalized(tokens[j + 1]!)) {
      ofTail = true;
      continue;
    }
    if (!isCapitalized(t)) break;
    if (ORG_HEADS.has(t.norm) || ofTail) best = j - i + 1;
  }
  return best;
}

function joinsName(text: string, prev: Token, token: Token, next: Token | undefined): boolean {
  const gap = gapBetween(text, prev, token);
  // "Kim Il-sung", "Ban Ki-moon": a short lowercase syllable after a hyphen.
  if (gap === "-" && /^\p{Ll}{2,4}$/u.test(token.norm) && !HYPHEN_SUFFIXES.has(token.norm) && isCapitalized(prev)) return true;
  if (isNameGap(gap)) {
    if (JOINERS.has(token.norm)) return ORG_HEADS.has(prev.norm) && next !== undefined && isCapitalized(next);
    if (PARTICLES.has(token.norm)) return next !== undefined && isCapitalized(next);
    return true;
  }
  // "Col. Pat Work", "George W. Bush"
  return gap === ". " && (ABBREVIATIONS.has(prev.norm) || /^\p{Lu}$/u.test(prev.norm)) && isCapitalized(token);
}

function classifyChunk(text: string, chunk: Token[], sentenceStart: number, out: Mention[]): void {
  let from = 0;
  // Sentence-initial function words and determiners are not part of names.
  while (from < chunk.length && (DETERMINERS.has(chunk[from]!.norm) || (chunk[from]!.start === sentenceStart && STARTERS.has(chunk[from]!.norm)))) from++;
  // "Singer Sam Endicott said": a capitalised occupation before a name of two words or more describes the person (as in ner.ts).
  if (chunk.length - from >= 3 && /^\p{Lu}\p{Ll}+$/u.test(chunk[from]!.norm) && OCCUPATIONS.has(chunk[from]!.norm.toLowerCase())) from++;
  // "Fearless Mr Abdulla": a title abbreviation inside a run starts the name.
  for (let k = chunk.length - 2; k > from; k--)
    if (HONORIFICS.has(chunk[k]!.norm) || (ABBREVIATIONS.has(chunk[k]!.norm) && TITLES.has(chunk[k]!.norm))) {
      from = k;
      break;
    }
  let to = chunk.length;
  while (to > from && (JOINERS.has(chunk[to - 1]!.norm) || PARTICLES.has(chunk[to - 1]!.norm))) to--;
  if (to <= from) return;
  const lastWord = chunk[to - 1]!.norm;
  // "Ministry of Defence", "Department of Defense": a head word followed by "of" / "for" inside the name.
  const headOf =
    chunk.slice(from, to - 1).some((t, k) => ORG_HEADS.has(t.norm) && k > 0 && /^(?:of|for)$/.test(chunk[from + k + 1]!.norm)) ||
    (ORG_HEADS.has(chunk[from]!.norm) && to - from > 2 && /^(?:of|for)$/.test(chunk[from + 1]!.norm));
  // "Center for Strategic & International Studies": a name cut at "&" is no name of its own.
  const cut = /^\s*&/.test(text.slice(chunk[to - 1]!.end, chunk[to - 1]!.end + 3));
  // "the Lebanese daily As-Safir", "the newspaper Al-Hayat": an outlet named after its kind.
  const outlet = MEDIA_NOUN_BEFORE.test(text.slice(Math.max(0, chunk[from]!.start - 30), chunk[from]!.start));
  const orgLike = (ORG_HEADS.has(lastWord) && to - from > 1) || chunk[from]!.norm === "Operation" || (headOf && !cut) || outlet;
  let titleEnd = from;
  if (!orgLike) while (titleEnd < to - 1 && TITLES.has(chunk[titleEnd]!.norm)) titleEnd++;
  const titled = titleEnd > from || precededByTitle(text, chunk[from]!);
  // "Mr de Bretton-Gordon", "Army and Nato": a name never starts with a particle or joiner.
  if (titleEnd > from) while (titleEnd < to - 1 && (PARTICLES.has(chunk[titleEnd]!.norm) || JOINERS.has(chunk[titleEnd]!.norm))) titleEnd++;
  const title = titleEnd > from ? text.slice(chunk[from]!.start, chunk[titleEnd - 1]!.end).replace(/\.$/, "") : undefined;
  const name = chunk.slice(titleEnd, to);
  const first = name[0]!;
  const last = name[name.length - 1]!;
  const start = first.start;
  // "Al Muthanna facility", "Tal Afar airbase": an unknown name before a lowercase place noun is that place.
  const placeNoun = !orgLike && !titled ? PLACE_NOUN_AFTER.exec(text.slice(last.end, last.end + 30)) : null;
  const end = last.end + (placeNoun ? placeNoun[0].length : 0);
  const surface = text.slice(start, end);
  if (name.every((t) => TITLES.has(t.norm) || STARTERS.has(t.norm))) return;
  if (placeNoun && !name.every((t) => STARTERS.has(t.norm))) {
    out.push({ start, end, surface, type: "LOCATION", kind: "name", key: entityKey("LOCATION", surface) });
    return;
  }
  const after = text.slice(end, end + 100);
  const before = text.slice(Math.max(0, start - 20), start);
  // A single word after "of"/"the" is the tail of a longer name, not a speaker.
  const tail = name.length === 1 && /\b(?:of|for|the|at|in|and|from)\s$/.test(before);
  const speaks = !tail && ((name.length > 1 ? SAY_AFTER : SAY_RIGHT_AFTER).test(after) || SAY_BEFORE.test(before));
  const identified = IDENTIFIED_AS_BEFORE.exec(text.slice(Math.max(0, start - 50), start));
  const personCue = PERSON_NOUN_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || PERSON_APPOSITIVE.test(after) || identified !== null;
  const gender = identified ? (FEMININE.test(identified[1]!) ? "f" : MASCULINE.test(identified[1]!) ? "m" : undefined) : undefined;
  let type: EntityType | undefined;
  if (orgLike) type = "ORGANIZATION";
  else if (PLACE_HEADS.has(last.norm) && name.length > 1) type = "LOCATION";
  else if (titled || (personCue && name.every((t) => /^\p{Lu}/u.test(t.norm) || PARTICLES.has(t.norm)))) type = "PERSON";
  else if (name.length > 1 && (FIRST_NAMES.has(first.norm) || name.some((t) => PARTICLES.has(t.norm.toLowerCase())))) type = "PERSON";
  else if (name.length > 1 && name.length <= 4 && speaks && name.every((t) => /^\p{Lu}\p{Ll}+$/u.test(t.norm))) type = "PERSON";
  if (type === undefined || (name.length === 1 && type === "PERSON" && !titled && !personCue)) {
    // CamelCase single words that speak are outlets ("GlobalPost notes").
    const camel = /^\p{Lu}\p{Ll}+\p{Lu}/u.test(surface);
    if (name.length === 1 && (speaks || MEDIA_NOUN_AFTER.test(after)) && camel)
      out.push({ start, end, surface, type: "ORGANIZATION", kind: "name", key: entityKey("ORGANIZATION", surface) });
    else if (name.length === 1) out.push({ start, end, surface, type: speaks ? "PERSON" : "ORGANIZATION", kind: "pending", key: "" });
    return;
  }
  out.push({ start, end, surface, type, kind: "name", title, key: entityKey(type, surface), ...(type === "PERSON" && gender ? { gender } : {}) });
}

/** "Mr. Smith", "President Trump" where the title was split off as its own chunk. */
function precededByTitle(text: string, token: Token): boolean {
  const m = /(\p{L}+)\.?\s$/u.exec(text.slice(Math.max(0, token.start - 25), token.start));
  return m !== null && TITLES.has(m[1]!) && /^\p{Lu}/u.test(m[1]!);
}
