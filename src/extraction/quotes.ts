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
import { CLAUSE_VERB_AFTER, gendersByKey, resolvePronoun } from "./pronouns.ts";
import { containing, lowerBound, within } from "./spans.ts";

/** Participles and naming verbs that introduce a quote in news style ("…, saying he was “…”", "called it “…”"). */
const PARTICIPLE = "saying|adding|noting|warning|insisting|writing|calling(?:\\s+for)?|branding|describing|urging|accusing|likening";
// "accused X of “…”", "likened X to “…”" (not the passive "was accused of “…”").
const SAY = `(?:${alternation(LEXICON.sayVerbs)}|called(?:\\s+for)?|calls\\s+for|branded|(?<!\\b(?:was|were|been|being|is|are|be)\\s)(?:accused|likened)|${PARTICIPLE}|[Aa]ccording\\s+to)`;
const PARTICIPLE_RE = new RegExp(`^(?:${PARTICIPLE})$`);
/** A quoted title or name, not speech: "songs titled “Overdose”", "a group called “Free Syria”", "the hashtag “…”". */
const TITLE_BEFORE =
  /\b(?:titled|entitled|called|named|dubbed|nicknamed|known\s+as|hashtag|slogan|headlined?|caption|tagline|motto|banner|labell?ed|the\s+words?|the\s+phrase|the\s+term)\s*(?:,\s*)?(?:["“][^"“”]{1,40}["”],?\s+(?:and\s+|or\s+)?)*$/i;
const SAY_RE = new RegExp(`\\b${SAY}\\b`);
/** After a quote, a participle ("…, adding") never attributes it: look for a finite speech verb. */
const SAY_FINITE_RE = new RegExp(`\\b(?:${alternation(LEXICON.sayVerbs)}|called(?:\\s+for)?|branded|[Aa]ccording\\s+to)\\b`);
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
  /** The person the last attributed quote was credited to. */
  lastSpeaker?: Mention;
}

export function findQuoted(text: string, mentions: Mention[], sentences: Sentence[]): Candidate[] {
  const quotes = findQuotes(text);
  const quoted = new Set(quotes.flatMap((q) => within(mentions, q.open, q.close)));
  const speakers = mentions.filter((m) => isSpeaker(m) && !quoted.has(m));
  const ctx: QuoteContext = { text, speakers, persons: speakers.filter((m) => m.type === "PERSON"), genders: gendersByKey(mentions) };
  const out: Candidate[] = [];
  let previous: { quote: QuoteSpan; speaker?: Mention } | undefined;
  let lastTitle: QuoteSpan | undefined;
  for (const [i, q] of quotes.entries()) {
    if (isTitle(text, q, lastTitle)) {
      lastTitle = q;
      continue;
    }
    const nextOpen = quotes[i + 1]?.open ?? text.length;
    let found = attributeAfter(ctx, q, nextOpen) ?? attributeBefore(ctx, q, previous?.quote.close ?? 0);
    if (!found && previous?.speaker && continues(text, previous.quote, q)) found = { speaker: previous.speaker, at: previous.quote.open };
    previous = { quote: q, speaker: found?.speaker };
    if (found?.speaker.type === "PERSON") ctx.lastSpeaker = found.speaker;
    if (!found) continue;
    out.push({
      type: "QUOTED_IN",
      subject: found.speaker,
      confidence: 0.85,
      quote: text.slice(q.start, q.end),
      view: evidenceFor(text, sentences, Math.min(q.open, found.at), Math.max(q.close, found.at)),
    });
  }
  return out;
}

/** A quoted title: right after "titled / called / dubbed …", or listed after one ("“A,” “B” and “C”"). */
function isTitle(text: string, q: QuoteSpan, lastTitle: QuoteSpan | undefined): boolean {
  // "Bart the “Miracle Cat”", "known to fighters as “Jihadi John.”": a short Title-Case name.
  const words = text
    .slice(q.start, q.end)
    .replace(/[.,!?;:]+$/, "")
    .split(/\s+/);
  if (words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w))) return true;
  const lead = text.slice(Math.max(0, q.open - 120), q.open);
  if (TITLE_BEFORE.test(lead)) return true;
  return lastTitle !== undefined && q.open - lastTitle.close <= 8 && /^[ ,]*(?:(?:and|or) )?$/.test(text.slice(lastTitle.close, q.open));
}

interface Attribution {
  speaker: Mention;
  /** Where the attribution is, to build the evidence span. */
  at: number;
}

/**
 * What may stand between a speaker and the speech verb: an appositive (", who was …,", " - then an adviser to … - "),
 * a few lowercase words ("has also"), "of the 82nd Airborne Division", or a parenthesis.
 * Anything longer means the name belongs to another clause.
 */
const SPEAKER_GAP =
  /^(?:\s*,[^"“”]{0,150}?,\s*(?:(?:has|had|have|also|later|then|previously|earlier)\s+){0,2}|\s+[-–—]\s+[^"“”\n]{0,150}?\s+[-–—]\s+(?:(?:has|had|have|also)\s+){0,2}|\s*,\s*(?:(?:has|had|have|also)\s+){0,2}|\s+(?:QC|KC|MP|MEP|MSP|OBE|MBE|CBE|Jr|Sr)\.?\s+(?:[a-z]+\s+){0,2}|\s*,\s+who\s+(?:[a-z]+\s+){0,2}|\s+(?:[a-z]+\s+){0,3}|\s+(?:of|from|at)\s+(?:the\s+)?[^,"“”]{0,60}?\s+|\s*\([^)]{0,60}\)\s*)$/;
/**
 * "⟨Christy Feig⟩, WHO's director of communications told": an appositive that runs into the verb
 * without a closing comma. Only when no other speaker inside it is the verb's subject ("X, the
 * ⟨Iraqi Ministry of Defence⟩ said" credits the ministry); a possessor ("WHO's") is not.
 */
// "“…,” subcommittee chairman ⟨James Florio⟩, a New Jersey Democrat said": lowercase title words may open it too.
const CLAUSE_OPENING =
  /^[\s,"“”'’—–-]*(?:(?:the|a|an)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:(?!(?:of|to|from|with|for|by|at|in|on|and|but|that|said|says|told)\s)\p{Ll}[\p{Ll}-]*\s+){0,3}$/u;
// "⟨Romilly Humphries⟩, S.A.Y. president and chief executive officer said": an organisation's name before the role, too.
const OPEN_APPOSITIVE = /^\s*,\s+(?:(?:a|an|the|his|her|its|their)\s+|\p{Lu}[\p{L}.-]*['’]s\s+|\p{Lu}[\p{L}.&-]*\s+(?=\p{Ll}))(?:[\p{L}'’-]+\s+){0,5}$/u;

/** A mention governed by a preposition ("a friend of Ms Rosenberg", "inquiries from Mashable") is no subject. */
const OBJECT_OF_PREPOSITION = /\b(?:of|to|from|with|for|by|at|about|on|in|against|toward|towards)\s+(?:(?:Mr|Mrs|Ms|Dr|the)\.?\s+)?$/;

const PARTICIPLE_AGENT = /,\s+(?:[a-z]+\s+)?(?:led|headed|chaired|run|commanded|founded|owned|backed|appointed|named)\s+by\s+(?:[\p{L}.'’-]+\s+){0,4}$/u;

/** "a spokesperson for (the)", "a statement by", "officials at": the organisation after it is the source. */
const SPOKESMAN_OF =
  /\b(?:spokes(?:man|woman|person)|representative|statement|release|communiqu[eé]|report)\s+(?:issued\s+|released\s+)?(?:for|of|from|by|at|(?:attributed|credited)\s+to)\s+(?:the\s+)?$/i;

/**
 * The speaker of the verb at `verbAt` among mentions in [from, verbAt): the closest person
 * (else organisation) that can be the subject — its gap to the verb fits SPEAKER_GAP.
 */
function speakerBefore(text: string, speakers: Mention[], from: number, verbAt: number): Mention | undefined {
  const fits = within(speakers, from, verbAt).filter((m) => {
    const gap = text.slice(m.end, verbAt);
    // …and only for a mention that opens its clause ("In a statement to ⟨Bloomberg View⟩, the embassy's director said" is no appositive).
    const closed = SPEAKER_GAP.test(gap);
    const open = !closed && OPEN_APPOSITIVE.test(gap) && CLAUSE_OPENING.test(text.slice(from, m.start));
    if (open && within(speakers, m.end, verbAt).some((x) => !/^['’]s?\s/.test(text.slice(x.end, x.end + 3)))) return false;
    if (!closed && !open) return false;
    const head = text.slice(Math.max(from, m.start - 60), m.start);
    // "A spokesperson for ⟨YouTube⟩ said": the organisation speaks through its spokesman.
    if (m.type === "ORGANIZATION" && SPOKESMAN_OF.test(head)) return true;
    // "X from McGill University's ⟨Department of …⟩ told": inside a prepositional phrase.
    if (/\b(?:of|to|from|with|for|by|at|in)\s+(?:\S+\s+){0,3}\S+['’]s\s+$/.test(head)) return false;
    // "The commission, headed by former Sen. ⟨John Tower⟩, said": the agent inside a participle phrase is no subject.
    if (PARTICIPLE_AGENT.test(head)) return false;
    return !OBJECT_OF_PREPOSITION.test(head.slice(-20));
  });
  // "⟨Charlie Winter⟩, a researcher at think tank ⟨Quilliam⟩, said": the head of the appositive speaks, not a name inside it.
  const persons = fits.filter((m) => m.type === "PERSON");
  const head = persons.find(
    (m, k) => k < persons.length - 1 && /^\s*(?:,|\s[-–—]\s)/.test(text.slice(m.end, m.end + 3)) && SPEAKER_GAP.test(text.slice(m.end, verbAt)),
  );
  return head ?? persons.pop() ?? fits[0];
}

/** "said Humberto Saballos", "according to Pentagon spokesman Col. Steve Warren"; never after "told" (the listener). */

/** A person noun right after an organisation's name ("… officer", "… veteran"); its spokesman still speaks for it. */
const UNNAMED_MEMBER = new RegExp(
  `^\\s+(?:[a-z-]+\\s+)?(?!spokes|representative)(?:${alternation([...LEXICON.personNouns, "veteran", "source", "insider", "member", "employee", "staffer", "aide"])})s?\\b(?!\\s+\\p{Lu})`,
  "u",
);

const FUNCTION_WORDS = new Set(
  "and or but nor of on in at to for with from by as into than the a an his her its their who whom which that this these those after before when while where had has have was were is are be been also then yesterday today tonight earlier later again".split(
    " ",
  ),
);

// Private: one to three lowercase role words between two names ("economist", "chief executive"), no function word among them.
function modifierGap(gap: string): boolean {
  if (!/^\s+(?:[a-z][a-z-]*\s+){1,3}$/.test(gap)) return false;
  return gap
    .trim()
    .split(/\s+/)
    .every((w) => !FUNCTION_WORDS.has(w));
}

function speakerAfter(text: string, speakers: Mention[], verb: string, verbEnd: number): Mention | undefined {
  if (/^(?:told|tells|asked|asks|accused|accusing|likened|likening)\b/.test(verb)) return undefined;
  let org: Mention | undefined;
  for (let i = lowerBound(speakers, verbEnd); i < speakers.length; i++) {
    const m = speakers[i]!;
    // Only titles and role words may come between: "According to the video, Sotloff’s fate …" is no attribution.
    const gap = text.slice(verbEnd, m.start);
    // "said the statement by ⟨NSC⟩ spokeswoman ⟨Caitlin Hayden⟩": the spokesman's organisation may come between.
    const reach = org && SPOKESMAN_OF.test(text.slice(verbEnd, org.start)) ? 100 : 45;
    if (m.start > verbEnd + reach || !/^\s+(?:[\p{L}.-]+\s+){0,5}$/u.test(org && reach > 45 ? text.slice(org.end, m.start) : gap)) break;
    // "Mr Straw said of the Tory leader: …": who is spoken of or to is not the speaker.
    if (/^\s+(?:of|to|about|on|with|for|at|in|from)\s/.test(gap)) break;
    if (/^['’]s?\s/.test(text.slice(m.end, m.end + 3))) break;
    // "said the ⟨ISIS⟩ used chlorine": the subject of a reported clause, not the speaker.
    if (CLAUSE_VERB_AFTER.test(text.slice(m.end, m.end + 30))) break;
    // "said ⟨Prebon Yamane⟩ economist ⟨Lena Komileva⟩", "said ⟨Cobain⟩ biographer ⟨Charles Cross⟩": a name before role words modifies the person after them.
    const next = speakers[i + 1];
    if (m.type === "PERSON" && next?.type === "PERSON" && modifierGap(text.slice(m.end, next.start))) continue;
    if (m.type === "PERSON") return m;
    // "said an ⟨Iraqi intelligence⟩ officer", "said the ⟨Marine Corps⟩ veteran": an unnamed person, not the organisation.
    if (UNNAMED_MEMBER.test(text.slice(m.end, m.end + 30)) && !SPOKESMAN_OF.test(gap)) continue;
    if (m.start <= verbEnd + 15 || SPOKESMAN_OF.test(gap)) org ??= m;
  }
  return org;
}

function attributeAfter(ctx: QuoteContext, q: QuoteSpan, nextOpen: number): Attribution | undefined {
  const { text, speakers } = ctx;
  if (q.unclosed) return undefined;
  const limit = Math.min(nextOpen, q.close + WINDOW, lineEnd(text, q.close));
  const window = text.slice(q.close, limit);
  // "“…” … by his nom de guerre X, adding that …": a participle after a quote introduces other words.
  const verb = SAY_FINITE_RE.exec(window);
  if (!verb) return undefined;
  const verbAt = q.close + verb.index;
  const verbEnd = verbAt + verb[0].length;
  const lead = text.slice(q.close, verbAt);
  // "“… ways.” Sir John said “substantial progress” had been made": a quote that ends its sentence,
  // then a verb that opens the next quote: the verb is that quote's.
  if (/[.!?]$/.test(text.slice(q.start, q.end)) && /^\s+\p{Lu}/u.test(lead) && nextOpen - verbEnd <= 60 && /^[^.!?"“”]*$/.test(text.slice(verbEnd, nextOpen)))
    return undefined;
  // "“… prosecuted.” The company says it no longer tolerates …": after a quote that ends its sentence, a
  // new sentence credits it only when its verb ends that sentence ("Smith said.", "said Smith, a lawyer.").
  if (
    /[.!?]$/.test(text.slice(q.start, q.end)) &&
    /^\s+\p{Lu}/u.test(lead) &&
    !/^\s*(?:(?:\p{Lu}[\p{L}.'’-]*|of|the)\s*)*(?:,[^.!?"“”]{0,80})?[.!?]/u.test(text.slice(verbEnd, verbEnd + 120))
  )
    return undefined;
  if (/^[\s,.!?;:—–-]*$/.test(lead)) {
    // "…,” said X" / "…,” said he"
    const pronoun = PRONOUN_AFTER_VERB.exec(window.slice(verb.index));
    if (pronoun) return byPronoun(ctx, pronoun[1]!, q.open, verbAt);
    const after = speakerAfter(text, speakers, verb[0], verbEnd);
    if (after) return { speaker: after, at: after.end };
    const nominal = NOMINAL_AFTER_VERB.exec(text.slice(verbEnd, verbEnd + 60));
    return nominal ? nominalSpeaker(ctx, nominal[1]!, q.open, verbEnd) : undefined;
  }
  if (lastSentenceBreak(lead) >= 0 || lead.length > 170) return undefined;
  const pronoun = PRONOUN_LEAD.exec(lead);
  if (pronoun) return byPronoun(ctx, pronoun[1]!, q.open, verbEnd);
  const speaker = speakerBefore(text, speakers, q.close, verbAt);
  if (speaker && speaker.start - q.close <= 90) return { speaker, at: verbEnd };
  const nominal = NOMINAL_BEFORE_VERB.exec(lead.replace(/^[\s,]+/, ""));
  return nominal ? nominalSpeaker(ctx, nominal[1]!, q.open, verbEnd) : undefined;
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
  if (PARTICIPLE_RE.test(verb[1]!)) {
    const quoted = quotedAs(ctx, sentenceStart, verbAt);
    if (quoted !== undefined) return quoted ?? undefined;
    // "… with election coordinator ⟨Alan Milburn⟩ accusing Mr Howard of …": the person right before the participle.
    const next = within(speakers, sentenceStart, verbAt)
      .filter((m) => m.type === "PERSON" && /^\s+$/.test(text.slice(m.end, verbAt)))
      .pop();
    if (next) return { speaker: next, at: next.start };
    // Else the sentence's subject, or the subject of an earlier speech verb ("X vowed …, saying …").
    const earlier = speakerOfEarlierVerb(text, speakers, sentenceStart, verbAt);
    return sentenceSubject(ctx, sentenceStart, verbAt) ?? (earlier ? { speaker: earlier, at: earlier.start } : undefined);
  }
  const speaker = speakerBefore(text, speakers, sentenceStart, verbAt) ?? speakerOfEarlierVerb(text, speakers, sentenceStart, verbAt);
  if (speaker) return { speaker, at: speaker.start };
  const pronoun = PRONOUN_BEFORE_VERB.exec(text.slice(sentenceStart, verbAt + verb[1]!.length + 1));
  if (pronoun) return byPronoun(ctx, pronoun[1]!, sentenceStart + pronoun.index, sentenceStart);
  const nominal = NOMINAL_BEFORE_VERB.exec(text.slice(sentenceStart, verbAt).replace(/^.*[,;:]\s*/s, ""));
  if (nominal) return nominalSpeaker(ctx, nominal[1]!, sentenceStart, verbAt);
  const after = speakerAfter(text, speakers, verb[1]!, verbAt + verb[1]!.length);
  return after && after.end <= q.open ? { speaker: after, at: verbAt } : undefined;
}

/**
 * "⟨Pope Francis⟩ denounced the killing, branding it “…”", "But he walked out, saying he was “…”":
 * a participle's speaker is its sentence's subject — a pronoun or a speaker mention that opens
 * the sentence (after "But / And / However") and is followed by a verb-like lowercase word.
 */
const ROLE_AFTER = new RegExp(`^(?:['’]s)?\\s+(?:[a-z-]+\\s+)?(?:${alternation(LEXICON.personNouns)})\\b`);
const OPENER = /^\s*(?:(?:But|And|Yet|However|Later|Then|Now|Meanwhile|Still)\b,?\s+)?/;
/**
 * "⟨Ajel⟩ quoted ⟨him⟩ as saying “…”": the one quoted, not the outlet. Undefined when there is no
 * "quoted … as", null when there is but its person cannot be found (then nobody is credited).
 */
function quotedAs(ctx: QuoteContext, sentenceStart: number, verbAt: number): Attribution | null | undefined {
  const clause = ctx.text.slice(sentenceStart, verbAt);
  const m = /\bquot(?:ed|es|ing)\s+([^"“”]{1,120}?)\s+(?:as\s+)?$/.exec(clause);
  if (!m) return undefined;
  const from = sentenceStart + m.index + m[0].indexOf(m[1]!);
  const pronoun = /^(him|her)\b/i.exec(m[1]!);
  if (pronoun) return byPronoun(ctx, /^him$/i.test(pronoun[1]!) ? "he" : "she", from, from);
  const speaker =
    within(ctx.speakers, from, from + m[1]!.length)
      .filter((x) => x.type === "PERSON")
      .pop() ?? within(ctx.speakers, from, from + m[1]!.length).pop();
  return speaker ? { speaker, at: speaker.start } : null;
}

/** What may precede a sentence's subject: capitalised titles and role words ("Conservative co-chairman ⟨Liam Fox⟩"). */
const SUBJECT_LEAD = new RegExp(
  `^(?:(?:the|a|an)\\s+)?(?:(?:\\p{Lu}[\\p{L}.'’-]*|(?:co-|vice-|deputy\\s+|election\\s+|campaign\\s+)?(?:${alternation([...LEXICON.personNouns, ...LEXICON.leaderRoles])}))\\s+){0,5}$`,
  "u",
);

function sentenceSubject(ctx: QuoteContext, sentenceStart: number, verbAt: number): Attribution | undefined {
  const { text, speakers } = ctx;
  const clause = text.slice(sentenceStart, verbAt);
  const open = OPENER.exec(clause)![0].length;
  const pronoun = /^(he|she)\b/i.exec(clause.slice(open));
  if (pronoun) return byPronoun(ctx, pronoun[1]!, sentenceStart + open, sentenceStart);
  // Only a title or role before it ("Iraq's UN Ambassador ⟨Mohamed Alhakim⟩"); a verb right after it.
  for (const m of within(speakers, sentenceStart, verbAt)) {
    const lead = text.slice(sentenceStart + open, m.start);
    // A known organisation or a person; "⟨Boko Haram⟩ leader X" names a role, so read on.
    if (m.type !== "PERSON" && m.entry === undefined) continue;
    if (ROLE_AFTER.test(text.slice(m.end, m.end + 40))) continue;
    if (!SUBJECT_LEAD.test(lead)) return undefined;
    if (/^(?:,[^,"“”]{1,80},)?\s+(?:(?:has|had|have|also|then|later|was|is)\s+)?[a-z]{3,}(?:ed|s)?\b/.test(text.slice(m.end, m.end + 100)))
      return { speaker: m, at: m.start };
  }
  return undefined;
}

/**
 * "“…,” the ministry said", "The paper added that “…”", "said the Russian body": a definite
 * description as speaker stands for the nearest organisation before it of the matching kind.
 */
const NOMINAL = "(?:[Tt]he|[Tt]his)\\s+(?:[A-Za-z-]+\\s+){0,2}?(ministry|department|paper|newspaper|daily|weekly|magazine|broadcaster|agency|body)";
const NOMINAL_BEFORE_VERB = new RegExp(`^\\s*${NOMINAL}\\s+(?:(?:also|later|then|has|had|have)\\s+){0,2}$`);
const NOMINAL_AFTER_VERB = new RegExp(`^\\s+${NOMINAL}\\b(?!\\s+(?:had|has|have|was|were|is|are|would|will|could|[a-z]{3,}ed)\\b)`);
const MEDIA_HEAD = /\b(?:News|Times|Post|Journal|Herald|Tribune|Telegraph|Magazine|Press|Radio|Television|TV|Daily|Gazette|Mail|Safir|Akhbar|Hayat)\b/;
function nominalFits(noun: string, m: Mention): boolean {
  if (m.type !== "ORGANIZATION") return false;
  const name = m.entry?.name ?? m.surface;
  if (/^(?:ministry|department)$/.test(noun)) return /\b(?:[Mm]inistry|[Dd]epartment)\b/.test(name + " " + m.surface);
  if (/^(?:agency|body)$/.test(noun)) return m.kind !== "force" && !/^(?:armed|media)$/.test(m.entry?.kind ?? "") && !MEDIA_HEAD.test(m.surface);
  // paper, daily, magazine …: a news outlet (known, or an unknown name that reported before).
  return m.entry ? m.entry.kind === "media" : m.kind === "name" && (MEDIA_HEAD.test(m.surface) || /^(?:As|Al|An|Ar)-/.test(m.surface));
}
function nominalSpeaker(ctx: QuoteContext, noun: string, before: number, at: number): Attribution | undefined {
  const kind = noun.toLowerCase();
  for (let i = lowerBound(ctx.speakers, before) - 1; i >= 0; i--) {
    const m = ctx.speakers[i]!;
    if (before - m.start > 1500) break;
    if (nominalFits(kind, m)) return { speaker: m, at };
  }
  return undefined;
}

function byPronoun(ctx: QuoteContext, pronoun: string, before: number, at: number): Attribution | undefined {
  const nearest = resolvePronoun(pronoun, ctx.persons, ctx.genders, before, ctx.text);
  // "… Septimius Severus … 'It was …,' she writes": a nearer person of unknown gender does not take the
  // quote from the last speaker when the text says that speaker's gender and it is the pronoun's.
  const last = ctx.lastSpeaker;
  const want = /^she$/i.test(pronoun) ? "f" : "m";
  const speaker =
    nearest && last && nearest.key !== last.key && ctx.genders.get(nearest.key) === undefined && ctx.genders.get(last.key) === want && before - last.end < 3000
      ? last
      : nearest;
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
