/**
 * CAPTURED (actor → place). Patterns over sentence templates:
 *   C1 active     "⟦ISIS⟧ quickly captured broad swaths of ⟦the country⟧"
 *   C2 passive    "⟦Mosul⟧ was retaken by ⟦Iraqi special forces⟧", "⟦Mosul⟧, captured by ⟦ISIS⟧ in June,"
 *   C3 elliptic   "… after being seized by ⟦the terrorist group⟧ in 2014" (place: nearest before)
 *   C4 relative   "⟦Mosul⟧, which ⟦ISIS⟧ forces took over this summer"
 *   C5 fell to    "⟦Mosul⟧ fell to ⟦ISIS⟧", "the fall of ⟦Mosul⟧ to ⟦ISIS⟧"
 *   C6 nominal    "⟦ISIS⟧’s capture of ⟦Mosul⟧", "the seizure of ⟦Mosul⟧ by ⟦ISIS⟧"
 *   C7 "it"       "⟦these troops⟧ recaptured it" — the place named in the sentence before
 *   C8 adjective  "⟦IS⟧ has seized several key ⟦Iraqi⟧ cities", "vast tracts of ⟦Iraqi⟧ territory"
 *   C1 also takes an aside and a time phrase between subject and verb ("⟦Kurdish fighters⟧, backed
 *   by ⟦U.S.⟧ air strikes, on Monday retook ⟦Kobani⟧") when the subject is not an object of a
 *   preposition or gerund; "the town of ⟦Kobani⟧ fell to …" (a naming "of" is not a preposition);
 *   "won back / regained / reclaimed" passives; nominals "liberation / retaking of ⟦X⟧ by ⟦Y⟧"
 *   unless planned, expected or fought for ("plans for the liberation of …").
 * Attempts and hypotheticals fail because only finite past/present verb forms are
 * accepted ("tried to capture", "capturing" never match) and a preceding "if/unless/
 * whether" or "attempt/bid/plan" vetoes; arrests fail because the object must be a place.
 */
import type { Mention } from "../names.ts";
import type { Candidate } from "../relation.ts";
import { ANY_SLOT, SLOT, before, eachMatch, isActor, isPlace, slotsAt, type SentenceView } from "../template.ts";
import { lowerBound } from "../spans.ts";
import { findTime } from "../time.ts";

const ADV = "(?:[a-z]+ly\\s+|then\\s+|later\\s+|again\\s+|now\\s+|since\\s+|already\\s+|eventually\\s+|soon\\s+|also\\s+)?";
const AUX = "(?:(?:has|have|had)\\s+" + ADV + ")?";
/** A time phrase between the subject and its verb: "⟦Iraqi forces⟧ on Tuesday recaptured …". */
const WHEN =
  "(?:(?:on\\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:last|this|earlier\\s+this)\\s+(?:week|month|year|summer|spring|autumn|fall|winter|weekend))\\s+)?";
/**
 * A comma-delimited aside between the subject and its verb: "⟦Kurdish fighters⟧, backed by
 * ⟦U.S.⟧ air strikes, retook …", "⟦ISIS⟧, which declared a caliphate in June, seized …".
 * Not a clause of its own ("…, and …", "…, said …") and no quotation or parenthesis.
 */
const ASIDE = ',\\s+(?!(?:and|but|or|while|when|where|as|if|said|says|according)\\b)[^,;:"“”()]{1,90}?,';
/** After the actor: "fighters", an acronym in parentheses, or ", also known as ISIL,". */
const ACTOR_TAIL =
  "(?:\\s+(?:forces|fighters|militants|troops|jihadists|soldiers|rebels|insurgents|army|units|militiamen|gunmen))?" +
  "(?:\\s*\\([^()]{1,40}\\)|,\\s+(?:also\\s+)?(?:known|referred\\s+to)\\s+as\\s+[^,]{1,50},)?";
const VERB =
  "(?:seized(?:\\s+control\\s+of)?|captured|overran|overrun|retook|retaken|recaptured|conquered|liberated|took\\s+(?:over|control\\s+of|back)|took(?=\\s+(?:the\\s+)?⟦\\d+⟧(?!\\s+by\\s+surprise))|" +
  "taken\\s+(?:over|control\\s+of|back)|taken|seizes|captures|overruns|retakes|recaptures|takes\\s+(?:over|control\\s+of)|" +
  "(?:gained|wrested|grabbed|regained|retook|seized)\\s+control\\s+(?:of|over)|regained|reclaimed|(?:won|wins|took|takes)\\s+back|(?:stormed|swept)\\s+into)";
const PASSIVE = "(?:seized|captured|taken(?:\\s+over|\\s+back)?|overrun|retaken|recaptured|conquered|liberated|reclaimed|regained|won\\s+back)";
const PLACE_ADJ =
  "(?:northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|strategic|key|border|oil|ancient|nearby|embattled|besieged|seized|captured|entire|whole|Kurdish|Sunni|second|largest|biggest|" +
  ANY_SLOT +
  ")";
const PLACE_NOUN =
  "(?:city|town|village|province|region|area|district|base|air\\s+base|dam|airport|border\\s+crossing|oil\\s+field|refinery|capital|stronghold|outpost|garrison|oasis|island|port|airstrip|airfield|camp|fort|fortress)";
const QUANTITY =
  "(?:(?:large|broad|vast|huge|wide|significant|key|big|much\\s+of\\s+the)\\s+)?" +
  "(?:swaths?|swathes|parts?|areas?|much|most|chunks?|portions?|stretches|all|the\\s+rest|neighbou?rhoods|districts|villages|towns|territory|land|(?:several|many|\\d+|dozens\\s+of)\\s+(?:key\\s+)?(?:cities|towns|villages|areas)|a\\s+third|a\\s+quarter|half|a\\s+(?:large\\s+|big\\s+|huge\\s+)?(?:part|chunk|swath|portion))" +
  // "swathes of ⟦Sunni⟧-dominated territory in": up to two modifiers before the land word.
  "(?:\\s+of\\s+(?:(?:[a-z-]+|" +
  ANY_SLOT +
  "-[a-z]+)\\s+){0,2}?(?:land|territory|area|ground))?\\s+(?:of|in|across|throughout)\\s+(?:both\\s+)?" +
  // "several key sites, including the ⟦Mosul dam⟧"
  "|(?:[a-z]+\\s+){0,2}(?:sites|towns|cities|areas|villages|positions|places|territory),?\\s+including\\s+";
/** A direction before a possessor: "overran southern ⟦Iraq⟧'s ⟦Faw peninsula⟧". */
const COMPASS = "(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western)";
/** Between the verb and the place: "broad swaths of", "the northern city of", "⟦Iraq⟧'s second city of". */
const PARTITIVE = `(?:${QUANTITY})?(?:(?:${COMPASS})\\s+(?=${ANY_SLOT}['’]s\\s))?(?:the\\s+|${ANY_SLOT}['’]s\\s+)?(?:${PLACE_ADJ}\\s+){0,2}(?:${PLACE_NOUN}\\s+of\\s+)?`;
/**
 * The place ends its noun phrase: not a possessor ("captured ⟦Iraq⟧'s second city"), not a
 * modifier ("took control of the ⟦U.S.⟧ Embassy vehicles", "took ⟦the US⟧ by surprise").
 */
const NOT_POSSESSOR =
  "(?!['’]s?\\s(?!(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|centre|center|heartland)\\b))(?=['’]s\\s|\\s*(?:[,.;:)!?\"”’—–]|$)|\\s+--?\\s|\\s+(?:and|or|in|on|at|from|after|before|since|during|last|this|earlier|by|with|as|when|while|until|within|to|for|following|amid|despite|but|which|where|early|late|over|three|two|several|a|an|the|overnight|yesterday|today|near|outside|inside|around|about|some|during|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\\s+of)\\b|\\s+of\\s+(?:two|three|four|several|\\d+)\\s)";
/** A short stretch of one clause: no slot, no punctuation, no relative pronoun. */
const CLAUSE = "(?:(?!who\\b|which\\b|that\\b)[a-z]+\\s+){1,6}?(?!who\\b|which\\b|that\\b)[a-z]+";
const BY = "by\\s+(?:the\\s+)?(?:[a-z]+\\s+)?";
const AUX_PASSIVE = "(?:,[^,]{1,60},)?(?:,?\\s+(?:which|that))?(?:,?\\s+(?:was|were|had\\s+been|has\\s+been|have\\s+been|is|are|being|got)\\s+|,\\s+)";

/**
 * Rules whose place is the grammatical subject ("⟦Mosul⟧ was captured by …") must not take a
 * place governed by a preposition: in "a woman fighting in ⟦Syria⟧ has been captured by ⟦ISIS⟧"
 * the woman, not Syria, was captured; nor the object of a gerund ("forces defending ⟦Kobani⟧ being
 * captured"). A relative pronoun ("in ⟦Mosul⟧, which was …") re-opens it.
 */
const PREPOSITION_BEFORE =
  /\b(?:in|into|near|from|of|across|at|to|around|inside|outside|towards?|through|on|over|throughout|within|outside)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$|\b[a-z]{3,}ing\s+$/;

/** "the town of ⟦Kobani⟧": an appositive "of" names the place itself; what governs is before it. */
const NAMING_OF =
  /(?:\b(?:the|a)\s+)?(?:\b(?!(?:in|into|of|at|near|from|to|on|for|by|with)\b)[a-z]+\s+){0,2}\b(?:city|town|village|province|region|district|governorate|area)\s+of\s+$/i;

/** Whether the slot at `at` is the object of a preposition or a gerund rather than a subject. */
function governed(template: string, at: number): boolean {
  const head = before(template, at, 60);
  const named = head.replace(NAMING_OF, "");
  return named === head ? PREPOSITION_BEFORE.test(before(template, at)) : PREPOSITION_BEFORE.test(named.slice(-30));
}

/** How far back "recaptured it" may look for its place: about one sentence. */
const IT_REACH = 400;

/** Head nouns of a place appositive: "⟦Mosul Dam⟧, a strategic asset which …". */
const APPOSITIVE_HEAD =
  "(?:city|town|village|province|region|area|district|base|dam|airport|asset|stronghold|hub|facility|site|crossing|field|refinery|capital|complex|plant|port|gateway|enclave)";

/** A verb written in quotes ("had \u201cliberated\u201d …"): a claim the wire reports, still a capture. */
const QVERB = `["“]?${VERB}["”]?`;

const RULES: {
  re: RegExp;
  actor: number;
  place: number | "before" | "it";
  confidence: number;
  ownClause?: boolean;
  placeIsSubject?: boolean;
  actorIsSubject?: boolean;
  adjectivePlace?: boolean;
  nominal?: boolean;
}[] = [
  {
    re: new RegExp(`${SLOT}${ACTOR_TAIL},?\\s+(?:(?:who|which|that)\\s+)?${WHEN}${ADV}${AUX}${ADV}${QVERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"),
    actor: 1,
    place: 2,
    confidence: 0.85,
  },
  // "⟦ISIS⟧ has captured swathes of area in ⟦Iraq⟧'s north and in ⟦Syria⟧": a second place of the same land phrase.
  {
    re: new RegExp(
      `${SLOT}${ACTOR_TAIL},?\\s+(?:(?:who|which|that)\\s+)?${WHEN}${ADV}${AUX}${ADV}${QVERB}\\s+(?:${QUANTITY})${ANY_SLOT}(?:['’]s\\s+(?:${COMPASS}|north|south|east|west|centre|center))?,?\\s+and\\s+(?:in|across|throughout)\\s+(?:the\\s+)?${SLOT}${NOT_POSSESSOR}`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.75,
  },
  // "⟦its forces⟧ had liberated ⟦X⟧ during the offensive and taken over ⟦islands⟧": a second capture of the same subject.
  {
    re: new RegExp(
      `${SLOT}${ACTOR_TAIL}\\s+(?:had|has|have)\\s+${ADV}${QVERB}\\s+${PARTITIVE}${ANY_SLOT}(?:\\s+[^⟦.;,]{1,50}?)?\\s+and\\s+${ADV}${QVERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.75,
  },
  // "the key ⟦Ouadi Doum⟧ airstrip in northern ⟦Chad⟧ captured by ⟦Chadian troops⟧": a reduced relative after a place.
  {
    re: new RegExp(
      `${SLOT}\\s+${PLACE_NOUN}\\s+(?:(?:in|near|of)\\s+(?:[a-z]+\\s+)?${ANY_SLOT}\\s+)?(?:(?:which|that)\\s+(?:was|were|had\\s+been)\\s+)?${PASSIVE}\\s+${ADV}${BY}${SLOT}`,
      "g",
    ),
    place: 1,
    actor: 2,
    confidence: 0.75,
  },
  // With an aside: "⟦Kurdish fighters⟧, backed by ⟦U.S.⟧ air strikes, retook ⟦Kobani⟧". The actor must
  // head the clause: in "fighters battling ⟦ISIS⟧, backed by …, retook" ISIS is an object.
  {
    re: new RegExp(`${SLOT}${ACTOR_TAIL}${ASIDE}\\s+${WHEN}${ADV}${AUX}${ADV}${VERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"),
    actor: 1,
    place: 2,
    confidence: 0.8,
    actorIsSubject: true,
  },
  // Coordinated verb phrases: "⟦ISIS⟧ has declared a caliphate and seized wide areas of ⟦Iraq⟧"
  {
    re: new RegExp(`${SLOT}${ACTOR_TAIL}\\s+${CLAUSE}\\s+and\\s+${ADV}${AUX}${ADV}${VERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"),
    actor: 1,
    place: 2,
    confidence: 0.7,
  },
  // "⟦Kurdish gunmen⟧ stormed the town of ⟦Tel Hamis⟧ and fought back control from …": storming a place, then taking control.
  {
    re: new RegExp(
      `${SLOT}${ACTOR_TAIL}\\s+${WHEN}${ADV}${AUX}${ADV}stormed\\s+${PARTITIVE}${SLOT}(?:\\s+[^⟦.;,]{1,30}?)?,?\\s+and\\s+${ADV}(?:seized|took|wrested|gained|won|fought\\s+back|regained|assumed)\\s+(?:full\\s+|complete\\s+)?control\\b`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.75,
  },
  // "⟦Mosul⟧ was among several cities ⟦ISIS⟧ fighters captured"
  {
    re: new RegExp(
      `${SLOT}\\s+(?:was|were|is|are)\\s+(?:one\\s+of|among)\\s+(?:the\\s+)?(?:[a-z]+\\s+){0,2}(?:cities|towns|areas|places|villages|territories)\\s+(?:that\\s+|which\\s+)?${SLOT}${ACTOR_TAIL}\\s+${AUX}${ADV}${VERB}(?!\\s+(?:the\\s+)?${ANY_SLOT})`,
      "g",
    ),
    place: 1,
    actor: 2,
    confidence: 0.75,
  },
  { re: new RegExp(`${SLOT}${AUX_PASSIVE}${ADV}${PASSIVE}\\s+${ADV}${BY}${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.85, placeIsSubject: true },
  {
    re: new RegExp(`\\b(?:after|before|since|when|until)\\s+(?:being|it\\s+was|it\\s+had\\s+been)\\s+${ADV}${PASSIVE}\\s+${BY}${SLOT}`, "g"),
    actor: 1,
    place: "before",
    confidence: 0.75,
  },
  {
    re: new RegExp(
      `${SLOT}${ACTOR_TAIL},?\\s+(?:(?:who|which|that)\\s+)?${ADV}${AUX}${ADV}${VERB}\\s+(?:(?:vast|large|wide|huge|broad)\\s+(?:swaths?|swathes|tracts?|areas?|parts?)\\s+of\\s+)?(?:(?:several|many|key|major|\\d+)\\s+){0,2}${SLOT}\\s+(?:cities|towns|villages|territory|land|provinces)\\b`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.7,
    adjectivePlace: true,
  },
  // "⟦Iraq⟧ said it had recaptured ⟦X⟧", "⟦Iran⟧ said yesterday it overran …": "it" is the one who says so.
  {
    re: new RegExp(
      `${SLOT}\\s+(?:said|says|claimed|claims|announced|reported)(?:\\s+(?:on\\s+)?[A-Z][a-z]+day|\\s+(?:yesterday|today|tonight|earlier))?(?:\\s+that)?\\s+it\\s+${ADV}${AUX}${ADV}${VERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.75,
  },
  // "U.S. air strikes helped ⟦Iraqi forces⟧ retake ⟦Tikrit⟧": a completed help, so the capture happened.
  {
    re: new RegExp(
      `\\bhelped\\s+(?:the\\s+)?${SLOT}${ACTOR_TAIL}\\s+(?:to\\s+)?(?:retake|recapture|capture|seize|regain|take\\s+back|win\\s+back|liberate)\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.7,
  },
  { re: new RegExp(`${SLOT}${ACTOR_TAIL},?\\s+${ADV}${AUX}${ADV}${VERB}\\s+it\\b(?!\\s+(?:was|is|had|has)\\b)`, "g"), actor: 1, place: "it", confidence: 0.65 },
  {
    re: new RegExp(`${SLOT},?\\s+(?:which|that)\\s+${SLOT}${ACTOR_TAIL}\\s+${AUX}${ADV}${VERB}(?!\\s+(?:the\\s+)?${ANY_SLOT})`, "g"),
    place: 1,
    actor: 2,
    confidence: 0.8,
  },
  // "⟦Mosul Dam⟧, a strategic asset which ⟦the militants⟧ had gained control of": the relative clause is
  // its own (finite) clause, so what precedes the place ("efforts to retake ⟦Mosul Dam⟧") does not veto it.
  {
    re: new RegExp(
      `${SLOT},\\s+(?:a|an|the|its|their)\\s+(?:[a-z-]+\\s+){0,3}?${APPOSITIVE_HEAD}\\s+(?:which|that)\\s+${SLOT}${ACTOR_TAIL}\\s+${AUX}${ADV}${VERB}(?!\\s+(?:the\\s+)?${ANY_SLOT})`,
      "g",
    ),
    place: 1,
    actor: 2,
    confidence: 0.75,
    ownClause: true,
  },
  {
    re: new RegExp(`${SLOT}\\s+${ADV}(?:fell|falls|had\\s+fallen|has\\s+fallen)\\s+${ADV}(?:in\\s+[^⟦,]{1,25}?\\s+)?to\\s+(?:the\\s+)?${SLOT}`, "g"),
    place: 1,
    actor: 2,
    confidence: 0.8,
    placeIsSubject: true,
  },
  { re: new RegExp(`\\bfall\\s+of\\s+${PARTITIVE}${SLOT}\\s+to\\s+(?:the\\s+)?${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.75 },
  {
    re: new RegExp(
      `${SLOT}['’]s?\\s+(?:[a-z]+\\s+)?(?:capture|seizure|takeover|conquest|recapture|liberation|retaking|recapturing|capturing|seizing)\\s+of\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`,
      "g",
    ),
    actor: 1,
    place: 2,
    confidence: 0.7,
    nominal: true,
  },
  {
    re: new RegExp(
      `\\b(?:capture|seizure|takeover|conquest|recapture|liberation|retaking|recapturing|capturing|seizing)\\s+of\\s+${PARTITIVE}${SLOT}\\s+by\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    place: 1,
    actor: 2,
    confidence: 0.7,
    nominal: true,
  },
];

const NOMINAL = /\b(?:capture|seizure|takeover|conquest|recapture|liberation|retaking|recapturing|capturing|seizing)\b/;
/** Before a nominal ("the liberation of ⟦Mosul⟧ by …"): one only planned, expected or fought for. */
const NOMINAL_VETO =
  /\b(?:plans?|planned|planning|expected|upcoming|coming|anticipated|eventual|future|possible|potential|imminent|impending|awaited|long-awaited|prospective|push|bid|attempt|efforts?|fight|battle|campaign|offensive|operation|drive|preparations?)\s+(?:(?:for|toward|towards|at)\s+)?(?:the\s+)?$/i;

/** Hypotheticals, conditionals and attempts just before the match veto it. */
const ATTEMPT = /\b(?:attempt|bid|plan|effort|push|offensive|operation|campaign)\s+(?:to|for|of)\s*$/i;
const VETO =
  /\b(?:[Ii]f|[Uu]nless|[Ww]hether|lest|attempt(?:s|ed|ing)?|bid|plans?|planned|efforts?|push(?:es|ed|ing)?|offensive|operation|campaign|tried|trying|tries|failed|fails|aims?|aimed|seeks?|sought|vowed|threaten(?:s|ed)?|hopes?|hoped|would|could|might|should|will|may|can|cannot|wants?|wanted|not|never|no)\s+(?:\S+\s+){0,2}$/;

/**
 * "efforts to defeat ⟦ISIS⟧, which has captured swathes of …": a non-restrictive relative clause is a
 * finite clause of its own, so what governs its antecedent vetoes nothing.
 */
const RELATIVE = /^⟦\d+⟧[^⟦,]{0,40},\s+(?:who|which)\s/;

/** @param mentions all mentions of the article, sorted, for "it" in the previous sentence */
/** Every rule needs one of these stems; most sentences have none, and skip the rules (a speed-up only). */
const MAY_CAPTURE =
  /seiz|captur|overr|retook|retak|conquer|liberat|took|taken|takes|control|regain|reclaim|\bwon\b|\bwins\b|\bfell\b|\bfall|takeover|back|storm|swept/i;

export function findCaptured(view: SentenceView, mentions: readonly Mention[] = []): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  if (!MAY_CAPTURE.test(template)) return out;
  for (const rule of RULES) {
    eachMatch(rule.re, template, (m) => {
      const ownClause = rule.ownClause || RELATIVE.test(m[0]);
      if (!ownClause && (VETO.test(before(template, m.index, 40)) || ATTEMPT.test(before(template, m.index)))) return;
      if (rule.placeIsSubject && !/\b(?:which|that)\b/.test(m[0]) && governed(template, m.index)) return;
      if (rule.actorIsSubject && governed(template, m.index)) return;
      if (rule.nominal && NOMINAL_VETO.test(before(template, m.index, 40) + m[0].slice(0, Math.max(0, m[0].search(NOMINAL))))) return;
      const places =
        rule.place === "before"
          ? [nearestPlaceBefore(view, m.index)]
          : rule.place === "it"
            ? [placeBeforeSentence(view, mentions)]
            : slotsAt(view, m[rule.place]);
      const time = findTime(template, m.index + m[0].length);
      for (const actor of slotsAt(view, m[rule.actor])) {
        for (const place of places) {
          if (!place || !isActor(actor) || actor.key === place.key) continue;
          const named: boolean = isPlace(place);
          if (!named && !(rule.adjectivePlace && place.kind === "adjective" && place.entry?.kind === "country")) continue;
          out.push({ type: "CAPTURED", subject: actor, object: place, confidence: rule.confidence, view, time });
        }
      }
    });
  }
  return out;
}

/** "it": the last city, region or facility named shortly before this sentence (never a country). */
function placeBeforeSentence(view: SentenceView, mentions: readonly Mention[]): Mention | undefined {
  const start = view.sentence.start;
  for (let i = lowerBound(mentions, start) - 1; i >= 0 && start - mentions[i]!.end <= IT_REACH; i--) {
    const m = mentions[i]!;
    if (isPlace(m) && m.entry?.kind !== "country") return m;
  }
  return undefined;
}

/** The subject of the main clause, for elliptic passives: the last place slot before `at`. */
function nearestPlaceBefore(view: SentenceView, at: number): Mention | undefined {
  const slotRe = /⟦(\d+)⟧/g;
  let found: Mention | undefined;
  for (let m = slotRe.exec(view.template); m && m.index < at; m = slotRe.exec(view.template)) {
    const s = view.slots[Number(m[1])];
    if (isPlace(s)) found = s;
  }
  return found;
}
