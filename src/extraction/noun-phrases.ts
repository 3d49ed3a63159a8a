/**
 * Mentions that are not proper names but still name an actor:
 * - force phrases built on a country or group adjective ("Iraqi special forces",
 *   "U.S. forces", "Shiite militias"): an entity of their own, ORGANIZATION;
 * - definite descriptions ("the terror group", "the city", "the country",
 *   "the U.S.-led coalition"), resolved later to an antecedent;
 * - generic force phrases ("a multisectarian military contingent"), kept only when a
 *   relation uses them (kind "generic").
 */
import { ENTRIES, ENTRY_BY_NAME, LEXICON, lowerSet, type GazEntry } from "./gazetteer.ts";
import { entityKey, type Mention } from "./names.ts";
import { alternation } from "./regex.ts";

const FORCE_MODIFIERS = alternation(LEXICON.forceModifiers);
const FORCE_NOUNS = alternation(LEXICON.forceNouns);
/** After an adjective mention: up to two modifiers, then a force noun. */
const FORCE_TAIL = new RegExp(`^(?:\\s+(?:${FORCE_MODIFIERS})){0,3}\\s+(?:${FORCE_NOUNS})\\b`);

const COALITION = ENTRY_BY_NAME.get("Global Coalition");

interface Description {
  re: RegExp;
  /** Which antecedents it can refer to; "coalition" names a fixed entry. */
  category: "armed" | "pair" | "city" | "country" | "coalition" | "force" | "striker" | "company" | "owner" | "party" | "head" | "institution";
}

const DESCRIPTIONS: Description[] = [
  {
    re: /\b[Tt]he\s+(?:(?:terror|terrorist|militant|jihadist|jihadi|extremist|Islamist|radical|insurgent|Sunni|armed|Islamic|hardline|hardliner)\s+){1,3}(?:group|organi[sz]ation|network|movement|outfit|militants|jihadists|extremists|insurgents)\b/g,
    category: "armed",
  },
  { re: /\b[Tt]he\s+(?:group|militants|jihadists|extremists|insurgents)\b(?!\s+of\b)/g, category: "armed" },
  // "jihadists from ⟦IS⟧ and ⟦Nusra⟧ … militants from the two groups overran …": the two armed groups named last.
  { re: /\b[Tt]he\s+two\s+(?:groups|organi[sz]ations|militias|factions|movements)\b/g, category: "pair" },
  {
    re: /\b[Tt]he\s+(?:(?:northern|southern|eastern|western|strategic|ancient|key|embattled|besieged|border)\s+)?(?:city|town)\b(?!\s+of\b)(?!['’]s\s+(?:residents|people))/g,
    category: "city",
  },
  { re: /\b[Tt]he\s+country\b(?!\s+of\b)/g, category: "country" },
  {
    re: /\b[Tt]he\s+(?:(?:U\.S\.|US|American|Western|international|global|anti-ISIS|anti-IS|anti-ISIL)[- ](?:led\s+)?|international\s+|global\s+)?coalition\b/g,
    category: "coalition",
  },
  // Without an article only before what the coalition does: "backed by coalition air strikes".
  {
    re: /\b(?:(?:U\.S\.|US|American)-led\s+)?coalition(?=\s+(?:air\s*strikes|airstrikes|strikes|warplanes|jets|aircraft|bombing|forces|air\s+support|planes))/g,
    category: "coalition",
  },
  // "those airstrikes have helped …": whoever was last said to strike.
  { re: /\b(?:[Tt]hose|[Tt]hese|[Tt]he)\s+(?:air\s*strikes|airstrikes|strikes|bombing\s+raids|air\s+raids)\b/g, category: "striker" },
  // "Party leader Michael Howard": the party named last before it.
  { re: /\b(?:[Tt]he\s+)?[Pp]arty(?=['’]s\s|\s+(?:leader|chairman|chairwoman|chair|president|secretary|general\s+secretary|boss)\b)/g, category: "party" },
  // "the company", "the news agency's chairman": the organisation named last before it.
  {
    re: /\b[Tt]he\s+(?:(?:news|parent|holding|oil|insurance|chemical|steel|retail|computer|engineering|energy|media|mining|drinks|food|airline|software|investment|state-owned)\s+)?(?:company|firm|corporation|bank|agency|carrier|airline|concern|retailer|insurer|conglomerate|carmaker|automaker|drugmaker|chipmaker|charity(?=['’]s\s+(?:[a-z-]+\s+)?(?:director|chief|head|president|chairman|chairwoman|founder|boss)\b))\b(?![-\s]+(?:of|based|owned|run)\b)/g,
    category: "company",
  },
  // "Charity boss Gordon Lishman": the organisation named last before. Not "company president P", which in
  // news often follows another organisation ("adverts in the Wall Street Journal … from company president P").
  {
    re: /\b[Cc]harity(?=\s+(?:boss|chief\s+executive|chairman|chairwoman|president)\s+(?:Sir\s+|Dame\s+|Lord\s+)?\p{Lu}\p{Ll})/gu,
    category: "company",
  },
  // "the committee", "principal of the college": the organisation named last before it whose name has that head word
  // ("the National Security and Defense Committee", "Fife College"); not "the committee of …", which names its own.
  {
    re: /\b[Tt]he\s+(?:committee|commission|council|college|university|federation|association|board|foundation|institute|society|tribunal|panel|academy)\b(?![-\s]+(?:of|for|on|based)\b)/g,
    category: "institution",
  },
  // "Iran said its forces had captured …": the actor named last before it.
  { re: /\b[Ii]ts\s+(?:own\s+)?(?:forces|troops|army|soldiers|fighters|units|navy|warplanes|aircraft|gunboats)\b/g, category: "owner" },
  // "these troops": the nearest force before.
  { re: /\b(?:[Tt]hese|[Tt]hose)\s+(?:troops|forces|fighters|soldiers)\b/g, category: "force" },
];

const GENERIC = /\b(?:[Aa]n?|[Tt]he)\s+((?:[a-z][a-z-]+\s+){1,3}?(?:contingent|forces|troops|militias?|fighters|rebels|soldiers))\b/g;
/**
 * Defenders of a place ("its defenders", "the town's Kurdish defenders"), and bare plurals after
 * "of" ("the efforts of resistance fighters"), which a modifier makes specific enough.
 */
const GENERIC_MORE = [
  /\b(?:[Ii]ts|[Tt]heir|[Tt]he\s+(?:city|town|village|base)['’]s)\s+((?:[a-z][a-z-]+\s+){0,2}?defenders)\b/g,
  /\bof\s+((?:[a-z][a-z-]+\s+){1,2}?(?:fighters|rebels|militias|militiamen|defenders))\b/g,
  // "U.S.-backed contra rebels", "Iranian-backed Shiite militias": what someone backs, named by a modifier, is an actor of its own.
  /-(?:backed|supported|funded|armed|trained|sponsored)\s+((?:[a-z][a-z-]+\s+){1,2}(?:rebels|forces|militias?|fighters|guerrillas|troops|insurgents|militants|government|regime))\b/g,
];
const NOT_MODIFIERS = lowerSet([
  "of",
  "and",
  "or",
  "that",
  "which",
  "the",
  "a",
  "these",
  "those",
  "some",
  "many",
  "all",
  "more",
  "most",
  "other",
  "same",
  "its",
  "their",
  "his",
  "her",
  "our",
  "with",
  "by",
  "for",
  "to",
  "in",
  "on",
  "from",
  "at",
  "as",
  "who",
  "were",
  "was",
  "are",
  "is",
  "been",
  "be",
  "had",
  "has",
  "have",
  "not",
  "no",
  "any",
  "such",
  "few",
  "several",
  "two",
  "three",
  "four",
  "five",
]);

/** Force phrases: extend adjective and country mentions to "Iraqi special forces". */
export function forcePhrases(text: string, names: Mention[]): Mention[] {
  const out: Mention[] = [];
  names.forEach((m, k) => {
    const isCountry = m.entry?.kind === "country" || m.entry?.kind === "group";
    if (!isCountry || (m.kind !== "adjective" && m.kind !== "name")) return;
    const tail = FORCE_TAIL.exec(text.slice(m.end, m.end + 80));
    if (!tail) return;
    const end = m.end + tail[0].length;
    const surface = text.slice(m.start, end).replace(/\s+/g, " ");
    out.push({ start: m.start, end, surface, type: "ORGANIZATION", kind: "force", key: entityKey("ORGANIZATION", surface), country: m.entry });
    // "Iraqi and Kurdish forces": the first adjective names its own force.
    const prev = names[k - 1];
    if (prev?.kind === "adjective" && /^\s*(?:,|,?\s+and)\s+$/.test(text.slice(prev.end, m.start))) {
      const name = prev.surface + tail[0].replace(/\s+/g, " ");
      out.push({ ...prev, type: "ORGANIZATION", kind: "force", name, key: entityKey("ORGANIZATION", name), country: prev.entry, entry: undefined });
    }
  });
  return out;
}

export interface PendingDescription extends Mention {
  category: Description["category"];
  /** A head's description: the role, and the state or party it names ("the Cuban president", "Russia's president"). */
  role?: string;
  of?: GazEntry;
}

/** Forms naming a state or a party, as an adjective ("Cuban", "Tory") or a possessor ("Russia's"). */
const STATE_FORMS = new Map<string, GazEntry>();
for (const e of ENTRIES) {
  if (e.kind !== "country" && e.kind !== "party") continue;
  for (const f of [e.name, ...e.aliases, ...e.adjectives]) if (/^\p{Lu}/u.test(f) && !STATE_FORMS.has(f)) STATE_FORMS.set(f, e);
}
/** The roles a head's description names ("the prime minister", "the Tory leader"); relations/leads.ts reads them back. */
export const HEAD_ROLES =
  "prime\\s+minister|president|chancellor|premier|chairman|chairwoman|chief\\s+executive|party\\s+leader|first\\s+minister|leader|king|queen";
/**
 * "the prime minister said", "the Tory leader", "the Cuban president", "Russia's president": the person last
 * named with that role, resolved in coref. A bare "the leader" or "the king" names no one.
 */
const HEAD_DESCRIPTION = new RegExp(
  `\\b(?:[Tt]he\\s+(?:(${alternation([...STATE_FORMS.keys()])})\\s+)?|(${alternation([...STATE_FORMS.keys()])})['’]s\\s+)` +
    `(${HEAD_ROLES})\\b` +
    "(?!\\s+(?:of|and|for)\\b|['’]s\\s+(?:office|wife|husband|son|daughter)\\b|-)",
  "gu",
);

function headDescriptions(text: string, out: PendingDescription[]): void {
  HEAD_DESCRIPTION.lastIndex = 0;
  for (let m = HEAD_DESCRIPTION.exec(text); m; m = HEAD_DESCRIPTION.exec(text)) {
    const of = STATE_FORMS.get(m[1] ?? m[2] ?? "");
    const role = m[3]!.toLowerCase().replace(/\s+/g, " ");
    if (!of && /^(?:leader|king|queen)$/.test(role)) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      surface: m[0],
      kind: "description",
      category: "head",
      type: "PERSON",
      key: "",
      role,
      ...(of ? { of } : {}),
    });
  }
}

export function descriptions(text: string): PendingDescription[] {
  const out: PendingDescription[] = [];
  headDescriptions(text, out);
  for (const { re, category } of DESCRIPTIONS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const base = { start: m.index, end: m.index + m[0].length, surface: m[0], kind: "description" as const, category };
      if (category === "coalition" && COALITION) {
        out.push({ ...base, type: "ORGANIZATION", entry: COALITION, key: "gaz:" + COALITION.name });
      } else {
        out.push({ ...base, type: category === "city" || category === "country" ? "LOCATION" : "ORGANIZATION", key: "" });
      }
    }
  }
  return out;
}

/** Head nouns of places taken in war that are not named: "captured strong defences", "overran an important garrison". */
const PLACE_HEAD =
  "(?:fortifications?|positions?|defen[cs]es|(?:defen[cs]e\\s+)?lines?|garrisons?|headquarters|bases?|outposts?|posts?|territory|territories|islands?|" +
  "townships?|hills?|heights|ridges?|airfields?|airstrips?|bridges?|oilfields?|(?:oil|gas)\\s+fields?|bunkers?|trenches|strongholds?|footholds?|" +
  "square\\s+(?:kilomet(?:er|re)s|miles)(?:\\s+of\\s+(?:[a-z][a-z-]*\\s+){0,2}?(?:territory|land|ground))?|" +
  // "seized at least 64 villages around Kobani": counted settlements are no description of one named place.
  "(?<=\\d\\s|\\d\\s[a-z-]{2,20}\\s)(?:villages|towns|cities|districts|provinces|neighbou?rhoods|settlements|oil\\s+fields))";
/**
 * A place-headed noun phrase right after a capture verb, when no name follows it ("captured
 * one of Iraq's strongest fortifications east of Basra", "liberated 155 square kilometers of
 * enemy-occupied territory"): a LOCATION of its own, kept only when a relation uses it. The
 * mention covers the phrase from its determiner; its name drops determiners and possessors.
 * "the town of ⟦Mosul⟧" and "areas of ⟦Syria⟧" stay with the named place.
 */
const TAKEN_PLACE = new RegExp(
  '\\b(?:captured|seized|overran|overrun|retook|retaken|recaptured|liberated|took\\s+over|taken\\s+over|occupied)["”]?\\s+' +
    "((?:(?:one|part|parts|most|much|all|some|several)\\s+of\\s+)?(?:at\\s+least\\s+|more\\s+than\\s+|nearly\\s+|almost\\s+|about\\s+|some\\s+)?(?:the\\s+|an?\\s+|its\\s+|their\\s+|his\\s+|\\p{Lu}[\\p{L}-]*['’]s\\s+)?" +
    // "several Iraqi defence posts": a count and a people's adjective may come before the head.
    "((?:(?:[\\d,.]+|several|two|three|four|five|six|many|dozens\\s+of)\\s+)?(?:(?!(?:of|in|at|on|by|from|and|or|to|with|near)\\b)(?:[a-z][a-z-]*|\\p{Lu}\\p{Ll}+(?:an|ian|ese|ish|i))\\s+){0,3}?" +
    PLACE_HEAD +
    "))\\b" +
    "(?!\\s+(?:of|in|across|near)\\s+(?:the\\s+)?\\p{Lu})",
  "gu",
);

export function takenPlaces(text: string): Mention[] {
  const out: Mention[] = [];
  TAKEN_PLACE.lastIndex = 0;
  for (let m = TAKEN_PLACE.exec(text); m; m = TAKEN_PLACE.exec(text)) {
    const phrase = m[1]!;
    const name = m[2]!.replace(/\s+/g, " ");
    const start = m.index + m[0].length - phrase.length;
    out.push({ start, end: start + phrase.length, surface: phrase, name, type: "LOCATION", kind: "generic", key: entityKey("LOCATION", name) });
  }
  return out;
}

export function genericForces(text: string): Mention[] {
  const out: Mention[] = [];
  for (const re of [GENERIC, ...GENERIC_MORE]) collectGeneric(re, text, out);
  return out;
}

function collectGeneric(re: RegExp, text: string, out: Mention[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const phrase = m[1]!;
    const words = phrase.split(/\s+/);
    if (words.slice(0, -1).some((w) => NOT_MODIFIERS.has(w) || (/(?:ed|ing)$/.test(w) && !/^(?:armed|allied|trained|refortified)$/.test(w)))) continue;
    const start = m.index + m[0].length - phrase.length;
    out.push({ start, end: start + phrase.length, surface: phrase, type: "ORGANIZATION", kind: "generic", key: entityKey("ORGANIZATION", phrase) });
  }
}
