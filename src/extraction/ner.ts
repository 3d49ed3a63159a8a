/**
 * Statistical NER spans (CoreNLP's CoNLL tagger, see src/nlp) merged with the rule-based name
 * mentions of one sentence. The gazetteer keeps what a tagger cannot know (canonical names,
 * aliases, kinds, known leaders); the tagger finds the names the gazetteer and the capitalisation
 * rules miss, and fixes their boundaries and types ("American Motors Corp", "Marc Stepp", "BNP").
 */
import type { NlpAnalysis } from "../nlp/types.ts";
import { LEXICON } from "./gazetteer.ts";
import { alternation } from "./regex.ts";
import { entityKey, type Mention } from "./names.ts";
import type { EntityType } from "./types.ts";

export interface NerSpan {
  start: number;
  end: number;
  type: EntityType;
  /** Number of tokens. */
  tokens: number;
}

const TYPES: Readonly<Record<string, EntityType>> = { PERSON: "PERSON", ORGANIZATION: "ORGANIZATION", LOCATION: "LOCATION" };

const IN_STATE = new RegExp(`^,\\s+(?:${alternation(LEXICON.usStates)})(?![\\p{L}])`, "u");
/** "the key ⟦Ouadi Doum⟧ airstrip": a name before a place's head noun is a place, whatever the tagger says. */
const PLACE_HEAD_AFTER =
  /^\s+(?:airstrip|airfield|airport|air\s+base|oasis|valley|river|province|district|dam|peninsula|mountains|desert|oilfield|refinery|plateau)\b/;
/** "the northern oasis of ⟦Faya Largeau⟧", "the town of ⟦al-Baghdadi⟧": a name after a place noun and "of" is that place. */
const PLACE_HEAD_BEFORE =
  /\b(?:the|a)\s+(?:[a-z-]+\s+){0,2}(?:town|city|village|oasis|port|province|district|region|island|peninsula|enclave|state|county|capital|suburb|neighbou?rhood)\s+of\s+$/i;
/** "⟦South Florida Banks⟧", "⟦Pacific Lumber Co⟧": a name ending in a word that heads organisations is one, whatever the tagger says. */
const ORG_TAIL =
  /\s(?:Banks?|Bancorp|Corp|Corporation|Inc|Co|Ltd|Plc|PLC|Industries|Holdings|Group|Association|Authority|Commission|Committee|Council|Agency|Institute|Foundation|Trust|Fund|Party|Federation|Union|Airlines|Airways)\.?$/;
const SAY_WORDS = new Set(LEXICON.sayVerbs.filter((w) => /^\p{Ll}+$/u.test(w)));

/** A tag run may only continue across a space, a hyphen or a "&" ("Marks & Spencer"). */
const JOINABLE_GAP = /^(?:\s?|\s?&\s?|-)$/;

/** Runs of equally tagged tokens, as spans; MISC and O are not entities here. */
export function nerSpans(analysis: NlpAnalysis, text: string): NerSpan[] {
  const out: NerSpan[] = [];
  for (const s of analysis.sentences) {
    let run: NerSpan | undefined;
    for (const t of s.tokens) {
      // "⟦Pentagon told the Telegraph⟧": a lowercase verb of saying is never inside a name.
      const type = SAY_WORDS.has(text.slice(t.start, t.end)) ? undefined : TYPES[t.ner];
      if (run && type === run.type && JOINABLE_GAP.test(text.slice(run.end, t.start))) {
        run.end = t.end;
        run.tokens++;
        continue;
      }
      if (run) out.push(run);
      run = type ? { start: t.start, end: t.end, type, tokens: 1 } : undefined;
    }
    if (run) out.push(run);
  }
  return out.map(trimSpan(text)).filter((s) => s.end > s.start);
}

// Private: a possessive or stray punctuation at the end is not part of the name ("BNP's").
const trimSpan =
  (text: string) =>
  (s: NerSpan): NerSpan => {
    let end = s.end;
    const tail = /(?:['’]s?|[.,;:])$/.exec(text.slice(s.start, end));
    if (tail && end - tail[0].length > s.start && !/^\p{Lu}\.$/u.test(text.slice(end - 2, end))) end -= tail[0].length;
    // "⟦Federal Reserve Board Vice⟧ Chairman X": the start of a title the tagger ran into the organisation.
    const title =
      s.type === "ORGANIZATION" && s.tokens > 1 ? /\s+(?:Vice|Deputy|Acting|Assistant|Executive|Senior|Interim)$/.exec(text.slice(s.start, end)) : null;
    if (title) return { ...s, end: end - title[0].length, tokens: s.tokens - 1 };
    return { ...s, end };
  };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** Determiners and title words the tagger sometimes includes at the start of a name. */
const LEADING_NOISE = /^(?:(?:The|A|An|Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s+)+/;

/**
 * One sentence's name mentions after merging: every rule mention the tagger does not contradict
 * stays; a tagged name that no rule found is added; a tagged name that spans several rule
 * mentions, or fixes a non-gazetteer mention's boundaries or type, replaces them.
 */
export function mergeNer(text: string, rule: Mention[], spans: NerSpan[]): Mention[] {
  const removed = new Set<Mention>();
  const added: Mention[] = [];
  for (const raw of spans) {
    const lead = LEADING_NOISE.exec(text.slice(raw.start, raw.end)) ?? leadingStarter(text, raw);
    const span = withoutPostNominals(text, lead ? { ...raw, start: raw.start + lead[0].length, tokens: raw.tokens - 1 } : raw);
    if (span.end <= span.start) continue;
    const hit = rule.filter((m) => overlaps(m, span));
    const surface = text.slice(span.start, span.end);
    // "Vazquez-Rana, who is …": only people take "who"; "Prescott, Arizona" is a town.
    const type =
      span.type !== "PERSON" && span.tokens <= 3 && /^,\s+who\s/.test(text.slice(span.end, span.end + 8))
        ? "PERSON"
        : span.type === "PERSON" &&
            (IN_STATE.test(text.slice(span.end, span.end + 20)) ||
              PLACE_HEAD_AFTER.test(text.slice(span.end, span.end + 16)) ||
              PLACE_HEAD_BEFORE.test(text.slice(Math.max(0, span.start - 48), span.start)))
          ? "LOCATION"
          : span.type === "LOCATION" && span.tokens >= 2 && ORG_TAIL.test(text.slice(span.start, span.end))
            ? "ORGANIZATION"
            : span.type;
    const fresh = (): Mention => ({
      start: span.start,
      end: span.end,
      surface,
      type,
      kind: "name",
      key: entityKey(type, surface),
      ...titleOf(hit, span),
    });
    // "⟦Commission President Hermann Bodenmann⟧", "⟦House Speaker Jim Wright⟧": an organisation, a head's title and a person run together.
    const run = type === "PERSON" && !hit.some((m) => m.entry) ? RUN_TOGETHER.exec(surface) : null;
    if (
      run &&
      !run[1]!
        .trim()
        .split(/\s+/)
        .every((w) => TITLE_WORDS.has(w.replace(/\.$/, "")))
    ) {
      const orgEnd = span.start + run[1]!.trimEnd().length;
      const personStart = span.start + run[1]!.length + run[2]!.length + run[3]!.length;
      for (const m of hit) removed.add(m);
      const org = text.slice(span.start, orgEnd);
      added.push({ start: span.start, end: orgEnd, surface: org, type: "ORGANIZATION", kind: "name", key: entityKey("ORGANIZATION", org) });
      added.push({
        start: personStart,
        end: span.end,
        surface: text.slice(personStart, span.end),
        type: "PERSON",
        kind: "name",
        key: entityKey("PERSON", text.slice(personStart, span.end)),
        title: run[2]!,
      });
      continue;
    }
    if (hit.length === 0) {
      added.push(fresh());
      continue;
    }
    const gaz = hit.filter((m) => m.entry !== undefined);
    const covers = hit.every((m) => m.start >= span.start && m.end <= span.end);
    const longer = span.end - span.start > Math.max(...hit.map((m) => m.end - m.start));
    // "⟦Emperor Hirohito⟧", "⟦Chancellor Helmut Kohl⟧": a known person with title words before it stays that person.
    const known = gaz.find((m) => m.type === "PERSON" && span.type === "PERSON" && m.end === span.end && m.start > span.start);
    if (
      known &&
      text
        .slice(span.start, known.start)
        .trim()
        .split(/\s+/)
        .every((w) => TITLE_WORDS.has(w.replace(/\.$/, "")))
    )
      continue;
    if (gaz.length > 0) {
      // A gazetteer name inside a longer tagged organisation or person ("American Motors Corp",
      // "Bank of England" when only "England" is known) is that longer name; otherwise the gazetteer wins.
      const extends_ = covers && longer && span.type !== "LOCATION" && gaz.every((m) => m.kind === "adjective" || m.type !== span.type || span.tokens > 1);
      if (extends_ && !gaz.some((m) => m.start === span.start && m.end === span.end)) {
        for (const m of hit) removed.add(m);
        added.push(fresh());
      }
      continue;
    }
    // Only rule-made, non-gazetteer mentions overlap: the tagger's boundaries and type are better,
    // except for phrases the rules build on purpose (force phrases, descriptions) and titled people.
    if (hit.some((m) => m.kind === "force" || m.kind === "description" || m.kind === "generic")) continue;
    const same = hit.length === 1 && hit[0]!.start === span.start && hit[0]!.end === span.end;
    if (same && hit[0]!.type === span.type && hit[0]!.kind === "name") continue;
    // A title or a known first name on the very same span beats the tagger's ORGANIZATION
    // ("Brent Bozell, PTC president"); the rules' weaker cue, a verb of saying, does not.
    if (same && hit[0]!.type === "PERSON" && hit[0]!.kind === "name" && (hit[0]!.title !== undefined || FIRST_NAMES.has(surface.split(/\s+/)[0]!))) continue;
    // "⟦Treasury Secretary James Baker⟧", "⟦Director William Webster⟧": a rule-made person whose
    // extra words before the tagged name are all title words is that name, with the title.
    const titled = hit.length === 1 && span.type === "PERSON" ? titlePrefix(text, hit[0]!, span) : undefined;
    if (titled !== undefined) {
      removed.add(hit[0]!);
      added.push({ ...fresh(), title: titled });
      continue;
    }
    // "⟦Commission President⟧ ⟦Hermann Bodenmann⟧": a rule-made person whose extra words are an organisation and a head's title.
    const runHead =
      hit.length === 1 && span.type === "PERSON" && hit[0]!.type === "PERSON" && hit[0]!.end === span.end && hit[0]!.start < span.start && !hit[0]!.entry
        ? RUN_TOGETHER.exec(text.slice(hit[0]!.start, span.end))
        : null;
    if (
      runHead &&
      !runHead[1]!
        .trim()
        .split(/\s+/)
        .every((w) => TITLE_WORDS.has(w.replace(/\.$/, ""))) &&
      hit[0]!.start + runHead[0].length === span.start
    ) {
      removed.add(hit[0]!);
      const org = runHead[1]!.trimEnd();
      added.push({
        start: hit[0]!.start,
        end: hit[0]!.start + org.length,
        surface: org,
        type: "ORGANIZATION",
        kind: "name",
        key: entityKey("ORGANIZATION", org),
      });
      added.push({ ...fresh(), title: runHead[2]! });
      continue;
    }
    if (!covers && hit.some((m) => m.end - m.start > span.end - span.start)) {
      // "James Florio, a ⟦New Jersey Democrat⟧ said": a longer rule-made "person" in which the tagger
      // finds a place or an organisation, and no person, is that place or organisation.
      const m = hit.length === 1 ? hit[0]! : undefined;
      const contradicted =
        m !== undefined &&
        m.kind === "name" &&
        m.type === "PERSON" &&
        !m.title &&
        span.type !== "PERSON" &&
        !spans.some((o) => o.type === "PERSON" && overlaps(o, m));
      if (!contradicted) continue;
      removed.add(m);
      added.push(fresh());
      continue;
    }
    for (const m of hit) removed.add(m);
    added.push(fresh());
  }
  if (removed.size === 0 && added.length === 0) return rule;
  return [...rule.filter((m) => !removed.has(m)), ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** An organisation's name, a head's title and a person's name in one tagged span (the name has two words at least). */
const RUN_TOGETHER =
  /^((?:(?!Vice\b|Deputy\b|Assistant\b|Former\b|Acting\b)\p{Lu}[\p{L}.&'-]*\s+){1,4}?)(President|Chairman|Chairwoman|Speaker|Leader|Governor|Director|Chancellor|Premier|Prime\s+Minister|Chief\s+Executive|Secretary-General|General\s+Secretary)(\s+)(?=\p{Lu}[\p{L}.'-]*\s+\p{Lu})/u;

/** Words that make up a person's title before the name ("Treasury Secretary", "Industry Minister", "Director"). */
const TITLE_WORDS = new Set([
  ...LEXICON.personTitles,
  ...LEXICON.leaderRoles.flatMap((r) => r.split(/\s+/)).map((w) => w.charAt(0).toUpperCase() + w.slice(1)),
  "Secretary",
  "Treasury",
  "Industry",
  "Trade",
  "Finance",
  "Agriculture",
  "Energy",
  "Health",
  "Education",
  "State",
  "Commerce",
  "Labor",
  "Labour",
  "Transport",
  "Environment",
  "Economy",
  "Culture",
  "Home",
  "Shadow",
  "Vice",
  "Assistant",
  "Under",
  "Senior",
  "Executive",
  "Managing",
]);

// Private: the title before a tagged person inside a longer rule mention, when the rest is all title words.
function titlePrefix(text: string, m: Mention, span: { start: number; end: number }): string | undefined {
  if (m.entry || m.type !== "PERSON" || m.kind !== "name" || m.end !== span.end || m.start >= span.start) return undefined;
  const prefix = text.slice(m.start, span.start).trim();
  const words = prefix.split(/\s+/);
  return words.every((w) => TITLE_WORDS.has(w.replace(/\.$/, ""))) ? prefix : undefined;
}

/** Letters after a person's name: "Guy Mansfield QC", "John Smith MP" are people, named without them. */
const POST_NOMINAL = /\s+(?:QC|KC|MP|MEP|MSP|AM|OBE|MBE|CBE|KBE|Jr|Sr|PhD)\.?$/;

function withoutPostNominals(text: string, span: NerSpan): NerSpan {
  const m = POST_NOMINAL.exec(text.slice(span.start, span.end));
  if (!m || span.tokens < 3) return span;
  return { start: span.start, end: span.end - m[0].length, type: "PERSON", tokens: span.tokens - 1 };
}

/**
 * "Meanwhile Lib Dem": a sentence adverb the tagger ran into the name after it; "quadruple Titan":
 * a lowercase word before a name (particles such as "al-", "de", "van" stay).
 */
function leadingStarter(text: string, span: NerSpan): RegExpExecArray | null {
  if (span.tokens < 2) return null;
  const m = /^(\p{Lu}\p{Ll}+|\p{Ll}[\p{Ll}-]*)\s+(?=\p{Lu})/u.exec(text.slice(span.start, span.end));
  if (!m) return null;
  if (/^\p{Ll}/u.test(m[1]!)) return PARTICLES.has(m[1]!) ? null : m;
  // "Investor Paul Bilzerian": a capitalised occupation before a three-word person is a description of them.
  if (span.type === "PERSON" && span.tokens >= 3 && OCCUPATIONS.has(m[1]!.toLowerCase())) return m;
  // "Western Union", "National Westminster": a place adjective that starts a sentence may start an organisation's name too.
  if (span.type === "ORGANIZATION" && ORG_FIRST_WORDS.has(m[1]!)) return null;
  return STARTERS.has(m[1]!) && !DETERMINER.test(m[1]!) ? m : null;
}
const ORG_FIRST_WORDS = new Set([
  "Western",
  "Eastern",
  "Northern",
  "Southern",
  "Central",
  "National",
  "United",
  "General",
  "American",
  "British",
  "International",
  "First",
  "Royal",
  "Standard",
  "Continental",
  "Pacific",
  "Atlantic",
]);
const OCCUPATIONS = new Set(LEXICON.occupations);
const PARTICLES = new Set([
  "al",
  "el",
  "ad",
  "ash",
  "as",
  "bin",
  "ibn",
  "bint",
  "abu",
  "de",
  "du",
  "da",
  "van",
  "von",
  "der",
  "la",
  "le",
  "ul",
  "di",
  "del",
  "dos",
  "das",
]);
const STARTERS = new Set(LEXICON.sentenceStarters);
const FIRST_NAMES = new Set([...LEXICON.firstNames, ...LEXICON.femaleFirstNames]);
const DETERMINER = /^(?:A|An)$/;

// Private: a rule mention's title ("Prime Minister") carries over when the tagged span replaces it.
function titleOf(hit: Mention[], span: { start: number; end: number }): { title?: string } {
  const t = hit.find((m) => m.title !== undefined && m.start === span.start);
  return t?.title ? { title: t.title } : {};
}
