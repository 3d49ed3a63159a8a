/**
 * SUPPORTED_BY (supported → supporter). Patterns over sentence templates:
 *   S1 "⟦multisectarian military contingent⟧, aided by expert and intrepid ⟦U.S. forces⟧"
 *   S2 "⟦U.S.⟧-backed ⟦Iraqi forces⟧"
 *   S3 "With the help of ⟦the United States⟧, … was retaken by ⟦Iraqi special forces⟧"
 *      (the supported side is the capturer in the same sentence, else the next actor)
 *   S4 "⟦U.S.⟧ air strikes that helped ⟦Kurdish forces⟧", "⟦Iran⟧ has armed ⟦Hezbollah⟧"
 *   S5 "⟦U.S.⟧ warplanes struck … in support of ⟦Kurdish fighters⟧"
 *   plus appositives ("⟦FSA⟧, the ⟦U.S.⟧-backed rebel group"), relatives ("⟦X⟧, which
 *   backs ⟦Y⟧") and giving verbs ("provide ⟦Y⟧ with support", "sent weapons to ⟦Y⟧").
 */
import type { Mention } from "../names.ts";
import type { Candidate } from "../relation.ts";
import { ANY_SLOT, SLOT, eachMatch, isActor, isType, slotAt, slotsAt, type SentenceView } from "../template.ts";

const HELP_VERB = "(?:backed|supported|aided|assisted|helped|armed|trained|funded|bankrolled|equipped|sponsored)";
/** Up to two modifiers, not a noun with its preposition ("U.S.-backed rebels in ⟦Syria⟧"). */
const MODIFIERS = "(?:(?!(?:in|of|from|at|on|to|for|with|near|across|against)\\b)[a-z-]+\\s+){0,2}";
const FILLER = "(?:[a-z-]+(?:,|\\s+and)?\\s+){0,4}";
const TAIL = "(?:\\s+(?:forces|fighters|militants|troops|rebels|units|militias|militiamen))?";
const BE = "(?:(?:who|which|that)\\s+)?(?:(?:are|is|were|was|being|(?:have|has|had)\\s+(?:[a-z]+ly\\s+)?been)\\s+)?";
const GIVE = "(?:provid\\w*|giv\\w*|gave|offer\\w*|lend\\w*|lent|sen[dt]\\w*)";
const AID = "(?:support|help|aid|assistance|air\\s+cover|weapons|arms|training)";
/** A few words of the same clause: no slot, no sentence punctuation. */
const CLAUSE_WORDS = "(?:[^\\s⟦⟧.;]+\\s+){0,6}?";

const PAIRS: { re: RegExp; supported: number; supporter: number; confidence: number; adjectiveSupporter?: boolean }[] = [
  { re: new RegExp(`${SLOT}${TAIL},?\\s+${BE}(?:[a-z]+ly\\s+)?${HELP_VERB}\\s+by\\s+(?:the\\s+)?${FILLER}${SLOT}`, "g"), supported: 1, supporter: 2, confidence: 0.85 },
  { re: new RegExp(`${SLOT}-(?:backed|supported|funded|armed|trained|sponsored)\\s+${MODIFIERS}${SLOT}`, "g"), supporter: 1, supported: 2, confidence: 0.85, adjectiveSupporter: true },
  // "⟦Free Syrian Army⟧ (⟦FSA⟧), the ⟦U.S.⟧-backed rebel group"
  { re: new RegExp(`${SLOT}(?:\\s*\\(\\s*${ANY_SLOT}\\s*\\))?,\\s+(?:the|a|an)\\s+(?:[a-z]+\\s+)?${SLOT}-(?:backed|supported|funded|armed|trained|sponsored)\\s+[a-z]`, "g"), supported: 1, supporter: 2, confidence: 0.8 },
  // "⟦Saudi Arabia⟧ and other countries that support ⟦Syrian opposition groups⟧"
  { re: new RegExp(`${SLOT}(?:\\s+and\\s+(?:other\\s+)?[a-z]+)?,?\\s+(?:that|which|who)\\s+(?:support|back|arm|fund|supports|backs|arms|funds|supported|backed|armed|funded)\\s+(?:the\\s+)?${SLOT}`, "g"), supporter: 1, supported: 2, confidence: 0.75 },
  // "⟦rebels⟧ arrived to provide ⟦the Peshmerga⟧ with support", "⟦X⟧ sent weapons to ⟦Y⟧"
  { re: new RegExp(`${SLOT}\\s+${CLAUSE_WORDS}${GIVE}\\s+(?:the\\s+)?${SLOT}\\s+with\\s+(?:[a-z]+\\s+){0,2}${AID}`, "g"), supporter: 1, supported: 2, confidence: 0.7 },
  { re: new RegExp(`${SLOT}\\s+${CLAUSE_WORDS}${GIVE}\\s+(?:[a-z-]+\\s+){0,3}${AID}\\s+(?:to|for)\\s+(?:the\\s+)?${SLOT}`, "g"), supporter: 1, supported: 2, confidence: 0.7 },
  {
    re: new RegExp(`${SLOT}['’]?s?\\s+(?:air\\s*strikes|airstrikes|air\\s+support|aid|support|weapons|advisers|advisors|bombing|bombardment|warplanes|aircraft)\\s+(?:that|which)\\s+(?:have\\s+|has\\s+|had\\s+)?(?:helped|enabled|allowed|supported|assisted)\\s+(?:the\\s+)?${SLOT}`, "g"),
    supporter: 1, supported: 2, confidence: 0.8,
  },
  { re: new RegExp(`${SLOT}\\s+(?:has\\s+|have\\s+|had\\s+)?(?:also\\s+)?(?:backed|supported|aided|assisted|helped|armed|supports|backs|arms|aids)\\s+(?:the\\s+)?${SLOT}`, "g"), supporter: 1, supported: 2, confidence: 0.7 },
];

const WITH_HELP = new RegExp(`(?:\\b[Ww]ith\\s+(?:the\\s+)?(?:help|support|backing|assistance|aid)\\s+(?:of|from)|^(?:Aided|Backed|Supported|Assisted|Helped)\\s+by)\\s+(?:the\\s+)?${FILLER}${SLOT}`, "g");
const IN_SUPPORT = new RegExp(`\\bin\\s+support\\s+of\\s+(?:the\\s+)?${SLOT}`, "g");

function isParty(m: Mention | undefined): m is Mention {
  if (m === undefined) return false;
  const actor: boolean = isActor(m);
  return actor || (m.type === "PERSON" && m.kind === "name");
}

export function findSupported(view: SentenceView, capturers: Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  const add = (supported: Mention | undefined, supporter: Mention | undefined, confidence: number) => {
    for (const s of supported ? [supported, ...(supported.partners ?? [])] : []) {
      if (!isParty(s) || !isParty(supporter) || s.key === supporter.key) continue;
      if (s.type === "PERSON" && supporter.type === "PERSON") continue;
      out.push({ type: "SUPPORTED_BY", subject: s, object: supporter, confidence, view });
    }
  };
  for (const p of PAIRS) {
    eachMatch(p.re, template, (m) => {
      for (const supported of slotsAt(view, m[p.supported])) {
        for (const supporter of slotsAt(view, m[p.supporter])) {
          // "Iranian-backed": the adjective names the supporter.
          add(supported, supporter.kind === "adjective" && p.adjectiveSupporter ? { ...supporter, kind: "name" } : supporter, p.confidence);
        }
      }
    });
  }
  eachMatch(WITH_HELP, template, (m) => {
    const supporter = slotAt(view, m[1]);
    const supported =
      capturers.find((c) => c.key !== supporter?.key) ??
      slotBefore(view, m.index) ??
      firstActorAfter(view, m.index + m[0].length);
    add(supported, supporter, 0.75);
  });
  eachMatch(IN_SUPPORT, template, (m) => {
    const supporter = view.slots.find((s, i) => template.indexOf(`⟦${i}⟧`) < m.index && isType(s, "ORGANIZATION", "LOCATION", "GROUP"));
    add(slotAt(view, m[1]), supporter, 0.7);
  });
  return out;
}

/** "⟦Iraqi forces⟧, with the help of …": the slot right before the phrase. */
function slotBefore(view: SentenceView, at: number): Mention | undefined {
  const m = /⟦(\d+)⟧,?\s*$/.exec(view.template.slice(0, at));
  return m ? slotAt(view, m[1]) : undefined;
}

/**
 * The first actor of the main clause after the phrase ("With the help of X, ⟦S⟧ …"): after
 * the comma that closes it, and not a "⟦ISIS⟧-controlled" or "anti-⟦ISIS⟧" modifier.
 */
function firstActorAfter(view: SentenceView, at: number): Mention | undefined {
  const comma = view.template.indexOf(",", at);
  if (comma < 0) return undefined;
  const re = /(anti-)?⟦(\d+)⟧(-(?:controlled|held|occupied|led|run|ruled))?/g;
  re.lastIndex = comma;
  for (let m = re.exec(view.template); m; m = re.exec(view.template)) {
    const s = slotAt(view, m[2]);
    if (!m[1] && !m[3] && isActor(s)) return s;
  }
  return undefined;
}
