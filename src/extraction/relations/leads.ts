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
import { ANY_SLOT, SLOT, before, eachMatch, isType, slotAt, type SentenceView } from "../template.ts";

const ROLE = `(?<![Vv]ice[- ]|[Dd]eputy\\s|[Aa]ssistant\\s|[Ff]ormer\\s[Vv]ice[- ])(?:${alternation(LEXICON.leaderRoles)})`;
const MOD = `(?:(?:${alternation(LEXICON.roleModifiers)})\\s+){0,3}`;
const POSS = "(?:['’]s?)?";
/** "the ⟦Britain⟧-based ⟦Syrian Observatory⟧": a hyphenated slot only modifies the name after it. */
const HYPHENED = `(?:${ANY_SLOT}-[a-z]+\\s+)?`;
const FORMER = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(LEXICON.formerMarkers)})(?:[^\\p{L}]|$)`, "iu");

/** Copulas before a role: "X became head of …", "X, who was the leader of …". */
const BECOME = "(?:(?:is|was|became|becoming|becomes|remains|remained|has\\s+been|had\\s+been|served\\s+as|serves\\s+as|was\\s+named|was\\s+appointed|was\\s+elected)\\s+)?";
const FORCE_TAIL = "(?:\\s+(?:forces|fighters|militants|troops|militiamen|rebels|soldiers|army))?";
/** "P as prime minister", "P, ousted as prime minister": the role, with the gazetteer's object. */
const AS_ROLE = new RegExp(`${SLOT},?\\s+(?:[a-z]+\\s+)?as\\s+(?:the\\s+)?${MOD}(${ROLE})\\b`, "gi");

const PATTERNS: { re: RegExp; person: number; org: number; org2?: number; org3?: number; orgAfterOf?: boolean; confidence: number }[] = [
  // "the ⟦Islamic State⟧ (⟦Isis⟧) leader, ⟦Baghdadi⟧": an acronym in parentheses may follow the organisation.
  { re: new RegExp(`${SLOT}(?:\\s*\\(${ANY_SLOT}\\))?${POSS}\\s+${MOD}(${ROLE})\\)?,?\\s+${SLOT}`, "gi"), org: 1, person: 3, confidence: 0.9 },
  {
    re: new RegExp(`${SLOT}(?:,\\s+(?:who\\s+)?|\\s+)${BECOME}(?:(?:the|a|an|its|their)\\s+)?(?:${SLOT}${POSS}\\s+)?${MOD}(${ROLE})(?:\\s+(?:of|for)\\s+(?:the\\s+)?${HYPHENED}${SLOT}(?:['’]s?\\s+${SLOT})?)?`, "gi"),
    person: 1, org: 2, org2: 5, org3: 4, confidence: 0.85,
  },
  { re: new RegExp(`\\b(${ROLE})\\s+(?:of|for)\\s+(?:the\\s+)?${HYPHENED}${SLOT},?\\s+${SLOT}`, "gi"), org: 2, person: 3, orgAfterOf: true, confidence: 0.85 },
  // "⟦Isis⟧'s leader in the ⟦Euphrates⟧ valley, ⟦X⟧," (a regional leader leads the organisation): possessive, a comma before
  // the name, and the name ends its phrase ("…, ⟦Obama⟧ said" is not one).
  { re: new RegExp(`${SLOT}['’]s?\\s+${MOD}(${ROLE})\\s+(?:in|for)\\s+(?:the\\s+)?(?:(?:${ANY_SLOT}|[a-z-]+)\\s+){0,3}?(?:${ANY_SLOT}|[a-z-]+),\\s+${SLOT}(?=\\s*(?:,|\\.|$|\\s+(?:who|was|is|has|had)\\b))`, "gi"), org: 1, person: 3, confidence: 0.8 },
  // "⟦ISIS⟧ fighters, led by ⟦Baghdadi⟧", "the Romans led by Emperor ⟦X⟧"
  { re: new RegExp(`${SLOT}${FORCE_TAIL},?\\s+(?:(?:which|who|that)\\s+(?:is|are|was|were)\\s+)?(?:led|headed|commanded|ruled)\\s+by\\s+(?:${MOD}(?:${ROLE})\\s+)?${SLOT}`, "gi"), org: 1, person: 2, confidence: 0.8 },
  {
    re: new RegExp(`${SLOT},?\\s+(?:who\\s+(?:leads|led|heads|headed|commands|commanded|founded|rules|ruled|runs|ran)|(?:leads|heads|commands|rules|runs))\\s+(?:the\\s+)?${HYPHENED}${SLOT}`, "gi"),
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
      // "head of ⟦U.S. military⟧'s ⟦Central Command⟧": the last possessed name is the organisation.
      const org = [p.org2, p.org3, p.org].map((g) => (g === undefined ? undefined : slotAt(view, m[g]))).find((x) => x !== undefined);
      if (!isType(person, "PERSON") || !isLeadable(org) || org.key === person.key) return;
      // "⟦X⟧, who runs the ⟦British⟧-based group": a hyphenated modifier, not the organisation led.
      const after = template.slice(m.index + m[0].length);
      if (/^-[a-z]/.test(after)) return;
      // "⟦X⟧, ⟦WHO⟧'s director of communications", "the group's head of media": a role over a function
      // (a lowercase word after "of"), not over the organisation.
      if (p.org2 !== undefined && m[p.org2] === undefined && /^\s+(?:of|for)\s+(?!(?:the|a|an|its|their)\b)[a-z]/.test(after)) return;
      // "director of ⟦Christian⟧ outreach": after "of", an adjective names no organisation.
      if (org.kind === "adjective" && (p.orgAfterOf || org !== slotAt(view, m[p.org]))) return;
      const context = before(template, m.index, 25) + m[0];
      const former = FORMER.test(context) || (person.entry?.former === true && person.entry.leads === org.entry?.name);
      out.push({ type: "LEADS", subject: person, object: org, confidence: p.confidence, view, time: former ? "former" : undefined });
    });
  }
  for (const re of [TITLED, AS_ROLE]) {
    eachMatch(re, template, (m) => {
      const [person, role] = re === TITLED ? [slotAt(view, m[2]), m[1]] : [slotAt(view, m[1]), m[2]];
      const entry = person?.entry;
      if (!person || !entry?.leads || !role) return;
      const led = ENTRY_BY_NAME.get(entry.leads);
      const org = mentions.find((x) => x.entry === led && x.kind !== "description");
      if (!org) return;
      const former = FORMER.test(before(template, m.index, 25) + m[0]) || entry.former === true;
      out.push({ type: "LEADS", subject: person, object: org, confidence: 0.8, view, time: former ? "former" : undefined });
    });
  }
  return out;
}
