/**
 * CAPTURED (actor → place). Patterns over sentence templates:
 *   C1 active     "⟦ISIS⟧ quickly captured broad swaths of ⟦the country⟧"
 *   C2 passive    "⟦Mosul⟧ was retaken by ⟦Iraqi special forces⟧", "⟦Mosul⟧, captured by ⟦ISIS⟧ in June,"
 *   C3 elliptic   "… after being seized by ⟦the terrorist group⟧ in 2014" (place: nearest before)
 *   C4 relative   "⟦Mosul⟧, which ⟦ISIS⟧ forces took over this summer"
 *   C5 fell to    "⟦Mosul⟧ fell to ⟦ISIS⟧", "the fall of ⟦Mosul⟧ to ⟦ISIS⟧"
 *   C6 nominal    "⟦ISIS⟧’s capture of ⟦Mosul⟧", "the seizure of ⟦Mosul⟧ by ⟦ISIS⟧"
 * Attempts and hypotheticals fail because only finite past/present verb forms are
 * accepted ("tried to capture", "capturing" never match) and a preceding "if/unless/
 * whether" or "attempt/bid/plan" vetoes; arrests fail because the object must be a place.
 */
import type { Mention } from "../names.ts";
import type { Candidate } from "../relation.ts";
import { ANY_SLOT, SLOT, before, eachMatch, isActor, isPlace, slotsAt, type SentenceView } from "../template.ts";
import { findTime } from "../time.ts";

const ADV = "(?:[a-z]+ly\\s+|then\\s+|later\\s+|again\\s+|now\\s+|since\\s+|already\\s+|eventually\\s+|soon\\s+|also\\s+)?";
const AUX = "(?:(?:has|have|had)\\s+" + ADV + ")?";
const ACTOR_TAIL = "(?:\\s+(?:forces|fighters|militants|troops|jihadists|soldiers|rebels|insurgents|army|units|militiamen|gunmen))?";
const VERB =
  "(?:seized(?:\\s+control\\s+of)?|captured|overran|overrun|retook|retaken|recaptured|conquered|liberated|took\\s+(?:over|control\\s+of|back)|took|" +
  "taken\\s+(?:over|control\\s+of|back)|taken|seizes|captures|overruns|retakes|recaptures|takes\\s+(?:over|control\\s+of)|" +
  "(?:gained|wrested|grabbed|regained|retook|seized)\\s+control\\s+(?:of|over)|regained|(?:won|wins|took|takes)\\s+back)";
const PASSIVE = "(?:seized|captured|taken(?:\\s+over|\\s+back)?|overrun|retaken|recaptured|conquered|liberated)";
const PLACE_ADJ = "(?:northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|strategic|key|border|oil|ancient|nearby|embattled|besieged|seized|captured|entire|whole|Kurdish|Sunni|second|largest|biggest|" + ANY_SLOT + ")";
const PLACE_NOUN = "(?:city|town|village|province|region|area|district|base|air\\s+base|dam|airport|border\\s+crossing|oil\\s+field|refinery|capital|stronghold)";
const QUANTITY =
  "(?:(?:large|broad|vast|huge|wide|significant|key|big|much\\s+of\\s+the)\\s+)?" +
  "(?:swaths?|swathes|parts?|areas?|much|most|chunks?|portions?|stretches|all|the\\s+rest|neighbou?rhoods|districts|villages|towns|territory|land|a\\s+third|a\\s+quarter|half|a\\s+(?:large\\s+|big\\s+|huge\\s+)?(?:part|chunk|swath|portion))" +
  "(?:\\s+of\\s+(?:land|territory))?\\s+(?:of|in|across)\\s+(?:both\\s+)?";
/** Between the verb and the place: "broad swaths of", "the northern city of", "⟦Iraq⟧'s second city of". */
const PARTITIVE = `(?:${QUANTITY})?(?:the\\s+|${ANY_SLOT}['’]s\\s+)?(?:${PLACE_ADJ}\\s+){0,2}(?:${PLACE_NOUN}\\s+of\\s+)?`;
/** The possessor is not the place taken: "captured ⟦Iraq⟧'s second city". */
const NOT_POSSESSOR = "(?!['’]s?\\s)";
/** A short stretch of one clause: no slot, no punctuation, no relative pronoun. */
const CLAUSE = "(?:(?!who\\b|which\\b|that\\b)[a-z]+\\s+){1,6}?(?!who\\b|which\\b|that\\b)[a-z]+";
const BY = "by\\s+(?:the\\s+)?(?:[a-z]+\\s+)?";
const AUX_PASSIVE = "(?:,?\\s+(?:which|that))?(?:,?\\s+(?:was|were|had\\s+been|has\\s+been|have\\s+been|is|are|being|got)\\s+|,\\s+)";

const RULES: { re: RegExp; actor: number; place?: number; confidence: number }[] = [
  { re: new RegExp(`${SLOT}${ACTOR_TAIL},?\\s+(?:(?:who|which|that)\\s+)?${ADV}${AUX}${ADV}${VERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"), actor: 1, place: 2, confidence: 0.85 },
  // Coordinated verb phrases: "⟦ISIS⟧ has declared a caliphate and seized wide areas of ⟦Iraq⟧"
  { re: new RegExp(`${SLOT}${ACTOR_TAIL}\\s+${CLAUSE}\\s+and\\s+${ADV}${AUX}${ADV}${VERB}\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"), actor: 1, place: 2, confidence: 0.7 },
  // "⟦Mosul⟧ was among several cities ⟦ISIS⟧ fighters captured"
  { re: new RegExp(`${SLOT}\\s+(?:was|were|is|are)\\s+(?:one\\s+of|among)\\s+(?:the\\s+)?(?:[a-z]+\\s+){0,2}(?:cities|towns|areas|places|villages|territories)\\s+(?:that\\s+|which\\s+)?${SLOT}${ACTOR_TAIL}\\s+${AUX}${ADV}${VERB}(?!\\s+(?:the\\s+)?${ANY_SLOT})`, "g"), place: 1, actor: 2, confidence: 0.75 },
  { re: new RegExp(`${SLOT}${AUX_PASSIVE}${ADV}${PASSIVE}\\s+${ADV}${BY}${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.85 },
  { re: new RegExp(`\\b(?:after|before|since|when|until)\\s+(?:being|it\\s+was|it\\s+had\\s+been)\\s+${ADV}${PASSIVE}\\s+${BY}${SLOT}`, "g"), actor: 1, confidence: 0.75 },
  { re: new RegExp(`${SLOT},?\\s+(?:which|that)\\s+${SLOT}${ACTOR_TAIL}\\s+${AUX}${ADV}${VERB}(?!\\s+(?:the\\s+)?${ANY_SLOT})`, "g"), place: 1, actor: 2, confidence: 0.8 },
  { re: new RegExp(`${SLOT}\\s+${ADV}(?:fell|falls|had\\s+fallen|has\\s+fallen)\\s+${ADV}(?:in\\s+[^⟦,]{1,25}?\\s+)?to\\s+(?:the\\s+)?${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.8 },
  { re: new RegExp(`\\bfall\\s+of\\s+${PARTITIVE}${SLOT}\\s+to\\s+(?:the\\s+)?${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.75 },
  { re: new RegExp(`${SLOT}['’]s?\\s+(?:[a-z]+\\s+)?(?:capture|seizure|takeover|conquest|recapture)\\s+of\\s+${PARTITIVE}${SLOT}${NOT_POSSESSOR}`, "g"), actor: 1, place: 2, confidence: 0.7 },
  { re: new RegExp(`\\b(?:capture|seizure|takeover|conquest|recapture)\\s+of\\s+${PARTITIVE}${SLOT}\\s+by\\s+(?:the\\s+)?${SLOT}`, "g"), place: 1, actor: 2, confidence: 0.7 },
];

/** Hypotheticals, conditionals and attempts just before the match veto it. */
const ATTEMPT = /\b(?:attempt|bid|plan|effort|push|offensive|operation|campaign)\s+(?:to|for|of)\s*$/i;
const VETO = /\b(?:[Ii]f|[Uu]nless|[Ww]hether|lest|attempt(?:s|ed|ing)?|bid|plans?|planned|efforts?|push(?:es|ed|ing)?|offensive|operation|campaign|tried|trying|tries|failed|fails|aims?|aimed|seeks?|sought|vowed|threaten(?:s|ed)?|hopes?|hoped|would|could|might|should|will|may|can|cannot|wants?|wanted|not|never|no)\s+(?:\S+\s+){0,2}$/;

export function findCaptured(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  for (const rule of RULES) {
    eachMatch(rule.re, template, (m) => {
      if (VETO.test(before(template, m.index, 40)) || ATTEMPT.test(before(template, m.index))) return;
      const places = rule.place !== undefined ? slotsAt(view, m[rule.place]) : [nearestPlaceBefore(view, m.index)];
      const time = findTime(template, m.index + m[0].length);
      for (const actor of slotsAt(view, m[rule.actor])) {
        for (const place of places) {
          if (!isActor(actor) || !isPlace(place) || actor.key === place.key) continue;
          out.push({ type: "CAPTURED", subject: actor, object: place, confidence: rule.confidence, view, time });
        }
      }
    });
  }
  return out;
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
