/**
 * QUOTED_IN: attributes each quoted passage to a speaker (PERSON or ORGANIZATION).
 *   after   "“…,” Army Col. ⟨Pat Work⟩ of the 82nd Airborne Division told …"
 *           "“…,” said ⟨Humberto Saballos⟩", "“…,” ⟨James Jeffrey⟩, who was …, told …"
 *   before  "⟨Strauch⟩, an adviser …, said it was “…”", "He went on to state: “…”"
 *   carried "“A,” he said. “B.”" and multi-paragraph quotes keep the previous speaker.
 * Pronouns resolve to the nearest compatible person before (pronouns.ts). Mentions inside
 * any quote are never speakers.
 */
import { LEXICON } from "./gazetteer.ts";
import type { Mention } from "./names.ts";
import { findQuotes, type QuoteSpan } from "./quote-spans.ts";
import type { Candidate } from "./relation.ts";
import { alternation } from "./regex.ts";
import type { Sentence } from "./sentences.ts";
import { gendersByKey, resolvePronoun } from "./pronouns.ts";
import { containing, lowerBound, within } from "./spans.ts";

const SAY = `(?:${alternation(LEXICON.sayVerbs)}|[Aa]ccording\\s+to)`;
const SAY_RE = new RegExp(`\\b${SAY}\\b`);
/** The last speech verb of a lead-in, at most 14 words before the quote ("X noted that … “…”"). */
const SAY_LAST = new RegExp(`^[\\s\\S]*\\b(${SAY})\\b(?:\\s+\\S+){0,14}?\\s*[:,]?\\s*$`, "d");
const PRONOUN_BEFORE_VERB = new RegExp(`\\b([Hh]e|[Ss]he)\\s+(?:[a-z]+\\s+){0,2}?${SAY}\\b`);
const PRONOUN_LEAD = /^[\s,]*(he|she)\b/i;
const PRONOUN_AFTER_VERB = new RegExp(`^\\s*${SAY}\\s+(he|she)\\b`);
/** How far from the quote mark an attribution may reach. */
const WINDOW = 220;

const isSpeaker = (m: Mention): boolean => (m.type === "PERSON" || m.type === "ORGANIZATION") && m.kind !== "adjective" && m.kind !== "generic";

/** What the attribution rules look at, built once per article. */
interface QuoteContext {
  text: string;
  /** Person and organisation mentions outside quotes, sorted. */
  speakers: Mention[];
  persons: Mention[];
  genders: ReturnType<typeof gendersByKey>;
}

export function findQuoted(text: string, mentions: Mention[], sentences: Sentence[]): Candidate[] {
  const quotes = findQuotes(text);
  const quoted = new Set(quotes.flatMap((q) => within(mentions, q.open, q.close)));
  const speakers = mentions.filter((m) => isSpeaker(m) && !quoted.has(m));
  const ctx: QuoteContext = { text, speakers, persons: speakers.filter((m) => m.type === "PERSON"), genders: gendersByKey(mentions) };
  const out: Candidate[] = [];
  let previous: { quote: QuoteSpan; speaker?: Mention } | undefined;
  for (const [i, q] of quotes.entries()) {
    const nextOpen = quotes[i + 1]?.open ?? text.length;
    let found = attributeAfter(ctx, q, nextOpen) ?? attributeBefore(ctx, q, previous?.quote.close ?? 0);
    if (!found && previous?.speaker && continues(text, previous.quote, q)) found = { speaker: previous.speaker, at: previous.quote.open };
    previous = { quote: q, speaker: found?.speaker };
    if (!found) continue;
    out.push({
      type: "QUOTED_IN", subject: found.speaker, confidence: 0.85, quote: text.slice(q.start, q.end),
      view: evidenceFor(text, sentences, Math.min(q.open, found.at), Math.max(q.close, found.at)),
    });
  }
  return out;
}

interface Attribution {
  speaker: Mention;
  /** Where the attribution is, to build the evidence span. */
  at: number;
}

/**
 * What may stand between a speaker and the speech verb: an appositive (", who was …,"),
 * a few lowercase words ("has also"), "of the 82nd Airborne Division", or a parenthesis.
 * Anything longer means the name belongs to another clause.
 */
const SPEAKER_GAP = /^(?:\s*,[^"“”]{0,150}?,\s*|\s*,\s*|\s*,\s+who\s+(?:[a-z]+\s+){0,2}|\s+(?:[a-z]+\s+){0,3}|\s+of\s+(?:the\s+)?[^,"“”]{0,60}?\s+|\s*\([^)]{0,60}\)\s*)$/;

/** A mention governed by a preposition ("a friend of Ms Rosenberg", "inquiries from Mashable") is no subject. */
const OBJECT_OF_PREPOSITION = /\b(?:of|to|from|with|for|by|at|about|on|in|against|toward|towards)\s+(?:(?:Mr|Mrs|Ms|Dr|the)\.?\s+)?$/;

/**
 * The speaker of the verb at `verbAt` among mentions in [from, verbAt): the closest person
 * (else organisation) that can be the subject — its gap to the verb fits SPEAKER_GAP.
 */
function speakerBefore(text: string, speakers: Mention[], from: number, verbAt: number): Mention | undefined {
  const fits = within(speakers, from, verbAt).filter(
    (m) => SPEAKER_GAP.test(text.slice(m.end, verbAt)) && !OBJECT_OF_PREPOSITION.test(text.slice(Math.max(from, m.start - 20), m.start)),
  );
  return fits.filter((m) => m.type === "PERSON").pop() ?? fits[0];
}

/** "said Humberto Saballos", "according to Pentagon spokesman Col. Steve Warren"; never after "told" (the listener). */
function speakerAfter(text: string, speakers: Mention[], verb: string, verbEnd: number): Mention | undefined {
  if (/^(?:told|tells|asked|asks)\b/.test(verb)) return undefined;
  let org: Mention | undefined;
  for (let i = lowerBound(speakers, verbEnd); i < speakers.length; i++) {
    const m = speakers[i]!;
    // Only titles and role words may come between: "According to the video, Sotloff’s fate …" is no attribution.
    if (m.start > verbEnd + 45 || !/^\s+(?:[\p{L}.-]+\s+){0,5}$/u.test(text.slice(verbEnd, m.start))) break;
    if (/^['’]s?\s/.test(text.slice(m.end, m.end + 3))) break;
    if (m.type === "PERSON") return m;
    if (m.start <= verbEnd + 15) org ??= m;
  }
  return org;
}

function attributeAfter(ctx: QuoteContext, q: QuoteSpan, nextOpen: number): Attribution | undefined {
  const { text, speakers } = ctx;
  if (q.unclosed) return undefined;
  const limit = Math.min(nextOpen, q.close + WINDOW, lineEnd(text, q.close));
  const window = text.slice(q.close, limit);
  const verb = SAY_RE.exec(window);
  if (!verb) return undefined;
  const verbAt = q.close + verb.index;
  const verbEnd = verbAt + verb[0].length;
  const lead = text.slice(q.close, verbAt);
  if (/^[\s,.!?;:—–-]*$/.test(lead)) {
    // "…,” said X" / "…,” said he"
    const pronoun = PRONOUN_AFTER_VERB.exec(window.slice(verb.index));
    if (pronoun) return byPronoun(ctx, pronoun[1]!, q.open, verbAt);
    const after = speakerAfter(text, speakers, verb[0], verbEnd);
    return after ? { speaker: after, at: after.end } : undefined;
  }
  if (lastSentenceBreak(lead) >= 0 || lead.length > 170) return undefined;
  const pronoun = PRONOUN_LEAD.exec(lead);
  if (pronoun) return byPronoun(ctx, pronoun[1]!, q.open, verbEnd);
  const speaker = speakerBefore(text, speakers, q.close, verbAt);
  return speaker && speaker.start - q.close <= 90 ? { speaker, at: verbEnd } : undefined;
}

/** "Marie Harf said she could not confirm it, but said that “…”": the subject of an earlier verb. */
function speakerOfEarlierVerb(text: string, speakers: Mention[], sentenceStart: number, verbAt: number): Mention | undefined {
  const re = new RegExp(SAY_RE.source, "g");
  const clause = text.slice(sentenceStart, verbAt);
  for (let m = re.exec(clause); m; m = re.exec(clause)) {
    const speaker = speakerBefore(text, speakers, sentenceStart, sentenceStart + m.index);
    if (speaker) return speaker;
  }
  return undefined;
}

function attributeBefore(ctx: QuoteContext, q: QuoteSpan, prevClose: number): Attribution | undefined {
  const { text, speakers } = ctx;
  const from = Math.max(prevClose, q.open - WINDOW, lineStart(text, q.open));
  const lead = text.slice(from, q.open);
  const verb = SAY_LAST.exec(lead);
  if (!verb) return undefined;
  const verbIndex = verb.indices![1]![0];
  const verbAt = from + verbIndex;
  const sentenceStart = from + Math.max(0, lastSentenceBreak(lead.slice(0, verbIndex)));
  if (lastSentenceBreak(lead.slice(verbIndex)) >= 0) return undefined;
  const speaker = speakerBefore(text, speakers, sentenceStart, verbAt) ?? speakerOfEarlierVerb(text, speakers, sentenceStart, verbAt);
  if (speaker) return { speaker, at: speaker.start };
  const pronoun = PRONOUN_BEFORE_VERB.exec(text.slice(sentenceStart, verbAt + verb[1]!.length + 1));
  if (pronoun) return byPronoun(ctx, pronoun[1]!, sentenceStart + pronoun.index, sentenceStart);
  const after = speakerAfter(text, speakers, verb[1]!, verbAt + verb[1]!.length);
  return after && after.end <= q.open ? { speaker: after, at: verbAt } : undefined;
}

function byPronoun(ctx: QuoteContext, pronoun: string, before: number, at: number): Attribution | undefined {
  const speaker = resolvePronoun(pronoun, ctx.persons, ctx.genders, before);
  return speaker ? { speaker, at } : undefined;
}

/** A quote continues the previous one: same speaker across "he said." or a paragraph break. */
function continues(text: string, prev: QuoteSpan, q: QuoteSpan): boolean {
  if (prev.unclosed) return q.paragraph === prev.paragraph + 1 && /^\s*$/.test(text.slice(lineStart(text, q.open), q.open));
  return q.paragraph === prev.paragraph && q.open - prev.close <= 160 && SAY_RE.test(text.slice(prev.close, q.open));
}

function evidenceFor(text: string, sentences: Sentence[], start: number, end: number): Candidate["view"] {
  const first = containing(sentences, start) ?? sentences[lowerBound(sentences, start)] ?? { start, end };
  const last = containing(sentences, Math.max(start, end - 1)) ?? first;
  const span = last.end - first.start > 2000 ? first : { start: first.start, end: last.end };
  return { evidence: { text: text.slice(span.start, span.end), start: span.start, end: span.end } };
}

/** Line bounds, searched at most WINDOW characters away so huge one-line texts stay linear. */
const lineEnd = (text: string, at: number): number => {
  const i = text.slice(at, at + WINDOW + 1).indexOf("\n");
  return i < 0 ? Math.min(text.length, at + WINDOW + 1) : at + i;
};
const lineStart = (text: string, at: number): number => {
  const from = Math.max(0, at - WINDOW - 1);
  return from + text.slice(from, at).lastIndexOf("\n") + 1;
};
const ABBREVIATION_END = new RegExp(`(?:\\b(?:\\p{Lu}\\.)+|\\b\\p{Lu}\\.|\\b(?:${alternation(LEXICON.abbreviations)})\\.)$`, "u");
/** Offset just after the last sentence end in `s`, or -1; abbreviations ("Col.", "U.S.") are not ends. */
function lastSentenceBreak(s: string): number {
  let at = -1;
  const re = /[.!?]["”’]?\s+(?=\p{Lu})/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) if (!ABBREVIATION_END.test(s.slice(0, m.index + 1))) at = m.index + m[0].length;
  return at;
}
