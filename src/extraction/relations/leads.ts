/**
 * LEADS (person → organisation, country or group). Patterns over sentence templates:
 *   L1 "⟦ISIS⟧ leader ⟦Baghdadi⟧", "former ⟦Iraqi⟧ President ⟦Maliki⟧"
 *   L2 "⟦Baghdadi⟧, ⟦the terror group⟧’s reclusive leader", "⟦X⟧, the president of ⟦Iraq⟧"
 *   L3 "the leader of ⟦ISIS⟧, ⟦Baghdadi⟧"
 *   L4 "⟦Baghdadi⟧, who leads ⟦ISIS⟧"
 *   L5 "President ⟦Obama⟧" when the gazetteer knows what he leads and it is in the article.
 * Spokesmen, ambassadors, envoys, ministers and deputies never match because only
 * leader role words (lexicon.json) are accepted, and "vice"/"deputy" block a role.
 */
import { ENTRY_BY_NAME, LEXICON } from "../gazetteer.ts";
import type { Mention } from "../names.ts";
import type { Candidate } from "../relation.ts";
import { alternation } from "../regex.ts";
import { SLOT, before, eachMatch, isType, slotAt, type SentenceView } from "../template.ts";

const ROLE = `(?<![Vv]ice[- ]|[Dd]eputy\\s|[Aa]ssistant\\s|[Ff]ormer\\s[Vv]ice[- ])(?:${alternation(LEXICON.leaderRoles)})`;
const MOD = `(?:(?:${alternation(LEXICON.roleModifiers)})\\s+){0,3}`;
const POSS = "(?:['’]s?)?";
const FORMER = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(LEXICON.formerMarkers)})(?:[^\\p{L}]|$)`, "iu");

const PATTERNS: { re: RegExp; person: number; org: number; org2?: number; confidence: number }[] = [
  { re: new RegExp(`${SLOT}${POSS}\\s+${MOD}(${ROLE}),?\\s+${SLOT}`, "gi"), org: 1, person: 3, confidence: 0.9 },
  {
    re: new RegExp(`${SLOT},\\s+(?:who\\s+(?:is|was|has\\s+been|had\\s+been|became)\\s+)?(?:(?:the|a|an|its|their)\\s+)?(?:${SLOT}${POSS}\\s+)?${MOD}(${ROLE})(?:\\s+(?:of|for)\\s+(?:the\\s+)?${SLOT})?`, "gi"),
    person: 1, org: 2, org2: 4, confidence: 0.85,
  },
  { re: new RegExp(`\\b(${ROLE})\\s+(?:of|for)\\s+(?:the\\s+)?${SLOT},?\\s+${SLOT}`, "gi"), org: 2, person: 3, confidence: 0.85 },
  {
    re: new RegExp(`${SLOT},?\\s+(?:who\\s+(?:leads|led|heads|headed|commands|commanded|founded|rules|ruled)|(?:leads|heads|commands|rules))\\s+(?:the\\s+)?${SLOT}`, "gi"),
    person: 1, org: 2, confidence: 0.75,
  },
];

const TITLED = new RegExp(`\\b(${ROLE})\\s+${SLOT}`, "gi");

const isLeadable = (m: Mention | undefined): m is Mention => isType(m, "ORGANIZATION", "LOCATION", "GROUP");

export function findLeads(view: SentenceView, mentions: Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  for (const p of PATTERNS) {
    eachMatch(p.re, template, (m) => {
      const person = slotAt(view, m[p.person]);
      const org = slotAt(view, m[p.org]) ?? (p.org2 !== undefined ? slotAt(view, m[p.org2]) : undefined);
      if (!isType(person, "PERSON") || !isLeadable(org) || org.key === person.key) return;
      const context = before(template, m.index, 25) + m[0];
      const former = FORMER.test(context) || (person.entry?.former === true && person.entry.leads === org.entry?.name);
      out.push({ type: "LEADS", subject: person, object: org, confidence: p.confidence, view, time: former ? "former" : undefined });
    });
  }
  eachMatch(TITLED, template, (m) => {
    const person = slotAt(view, m[2]);
    const role = (m[1] ?? "").toLowerCase().replace(/\s+/g, " ");
    const entry = person?.entry;
    if (!person || !entry?.leads || !entry.leaderRoles?.includes(role)) return;
    const led = ENTRY_BY_NAME.get(entry.leads);
    const org = mentions.find((x) => x.entry === led && x.kind !== "description");
    if (!org) return;
    const former = FORMER.test(before(template, m.index, 25)) || entry.former === true;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.8, view, time: former ? "former" : undefined });
  });
  return out;
}
