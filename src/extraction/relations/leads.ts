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
import { ENTRIES, ENTRY_BY_NAME, LEXICON } from "../gazetteer.ts";
import type { Mention } from "../names.ts";
import { HEAD_ROLES } from "../noun-phrases.ts";
import type { Candidate } from "../relation.ts";
import { alternation } from "../regex.ts";
import { ANY_SLOT, SLOT, before, eachMatch, isType, slotAt, type SentenceView } from "../template.ts";

/** Not a head's role: "chief financial officer", "chief economist", "chief ⟦Asian⟧ strategist", "head of research" is kept (the organisation decides). */
const NOT_HEAD_AFTER =
  "(?!\\s+(?:[a-z]+\\s+)?officer\\b|\\s+(?:⟦\\d+⟧\\s+)?(?:economist|spokes\\w+|negotiator|strategist|analyst|correspondent|of\\s+staff|whip|justice|inspector|constable|scientist|engineer|prosecutor)\\b)";
const ROLE = `(?<![Vv]ice[- ]|[Dd]eputy\\s|[Aa]ssistant\\s|[Ff]ormer\\s[Vv]ice[- ])(?:[Cc]o-)?(?:${alternation(LEXICON.leaderRoles)})${NOT_HEAD_AFTER}`;
/** Modifiers of a role, after an optional age: "its 32-year-old Chairman ⟦Kazuo Nagano⟧". */
const MOD = `(?:\\d{1,3}-year-old\\s+)?(?:(?:${alternation(LEXICON.roleModifiers)})\\s+|ex-(?=[a-z])){0,3}`;
/** Roles that go with a leader role in one list but are no head's role on their own. */
const COMPANION_ROLE =
  "(?:chief\\s+(?:operating|financial|investment|technology|information)\\s+officer|treasurer|secretary|editor|publisher|chief\\s+editor|editor-in-chief|(?:senior\\s+|executive\\s+)?vice[- ](?:chairman|president))";
const LIST_JOIN = "(?:,\\s+|,?\\s+and\\s+)";
/**
 * A list of roles with at least one leader role: "chairman and chief executive officer",
 * "president and chief operating officer", "both chairman and chief executive".
 */
const ROLES = `(?:both\\s+)?(?:${COMPANION_ROLE}${LIST_JOIN})?${ROLE}(?:${LIST_JOIN}(?:${MOD}${ROLE}|${COMPANION_ROLE}))*`;
const POSS = "(?:['’]s?)?";
/** An honorific between a role and a name the tagger left out of the name: "chairman Sir ⟦Adam Thomson⟧". */
const HON = "(?:(?:Sir|Dame|Lord|Lady|Dr)\\.?\\s+)?";
/** "the ⟦Britain⟧-based ⟦Syrian Observatory⟧": a hyphenated slot only modifies the name after it. */
const HYPHENED = `(?:${ANY_SLOT}-[a-z]+\\s+)?`;
/** A former head: "former", "then", and "ex-" also run into the role ("ex-chief executive"). */
const FORMER = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:${alternation(LEXICON.formerMarkers)})(?:[^\\p{L}]|$)|ex-(?=(?:${alternation(LEXICON.leaderRoles)})\\b))`,
  "iu",
);

/** A person's age after the name, Reuters style: "⟦Martin⟧, 41, was named …". */
const AGE = "(?:,\\s+\\d{1,3},)?";
/** "⟦Neil Springer⟧ currently president of …", "⟦X⟧, now chairman of …". */
const NOW = "(?:(?:currently|now|also)\\s+)?";
/** Words that describe the organisation before its name: "president of the consulting firm ⟦Forrester Research⟧" (no preposition, so "head of research at ⟦X⟧" stays out). */
const DESCRIPTOR = "(?:(?!(?:of|for|at|in|on|and|or|to|with|by|from)\\b)[a-z][a-z-]*\\s+){0,3}?";
/** "chairman of P2P network ⟦Red Swoosh⟧", "of anti-piracy firm ⟦Overpeer⟧": a descriptor without an article ends in a noun for an organisation. */
const ORG_NOUN =
  "(?:firm|company|consultancy|group|network|bank|agency|charity|party|union|club|maker|retailer|carrier|airline|operator|giant|chain|publisher|broker|insurer|manufacturer|conglomerate|association|organi[sz]ation|institute|council|body|watchdog|regulator|lobby|think-tank|studio|label)";
/** Copulas before a role: "X became head of …", "X, who was the leader of …". */
const BECOME =
  "(?:(?:is|was|became|becoming|becomes|remains|remained|has\\s+been|had\\s+been|served\\s+as|serves\\s+as|(?:was|has\\s+been|had\\s+been)\\s+(?:also\\s+)?(?:named|appointed|elected)(?:\\s+as|\\s+to\\s+the\\s+(?:additional\\s+|new\\s+)?(?:post|position|title)\\s+of)?|" +
  "(?:will\\s+continue|continues|continued|remains|will\\s+remain)\\s+as|" +
  "will\\s+be|is\\s+to\\s+be|will\\s+become|" +
  // "⟦Bates⟧ stepped down as ⟦Chelsea⟧ chairman": a head who left (the role is a former one).
  "(?:has\\s+|had\\s+)?(?:resigned|retired|stepped\\s+down|quit)\\s+as)\\s+)?";
/** A head who left: the forms of BECOME that make the role a former one. */
const LEFT_ROLE = /\b(?:resigned|retired|stepped\s+down|quit)\s+as\b/;
/** Any title before the head after "headed by": "former Secretary of State ⟦Henry Kissinger⟧", "former Republican Sen. ⟦John Tower⟧". */
const BY_TITLE = "((?:(?:former|ex-)\\s*)?(?:(?:[A-Z][A-Za-z.-]+|of)\\s+){1,4})";
const FORCE_TAIL = "(?:\\s+(?:forces|fighters|militants|troops|militiamen|rebels|soldiers|army))?";
/** "P as prime minister", "P, ousted as prime minister": the role, with the gazetteer's object. */
const AS_ROLE = new RegExp(`${SLOT},?\\s+(?:[a-z]+\\s+)?as\\s+(?:the\\s+)?${MOD}(${ROLES})\\b`, "gi");

const STATE_TITLE = /^(?:former\s+|then-?\s*)?(?:president|prime\s+minister|premier|king|queen|emperor|emir|sultan|head\s+of\s+state|ruler|dictator|monarch)$/i;
/** Roles over a firm, a team or a body, which no place has ("chairman of ⟦Austria⟧'s Creditanstalt", "⟦Texaco Canada⟧ chief executive"). */
const BODY_ROLE =
  /\b(?:chairman|chairwoman|chief\s+executive|CEO|managing\s+director|director(?:[\s-]general)?|coach|manager|boss|founder|co-founder|principal|captain|skipper|head(?!\s+of\s+(?:state|government|the\s+government)))\b/i;
/** Roles a place has: its state, government or town. */
const PLACE_ROLE =
  /\b(?:president|prime\s+minister|premier|king|queen|emperor|emir|sultan|ruler|dictator|monarch|leader|chancellor|governor|mayor|minister|taoiseach|regime|government|administration|junta|strongman|ruled?|rules|governs?|state)\b/i;

const PATTERNS: {
  re: RegExp;
  person: number;
  org: number;
  org2?: number;
  org3?: number;
  orgAfterOf?: boolean;
  /** A group holding the person's other title ("former Secretary of State"), which says nothing of this role's time. */
  otherTitle?: number;
  confidence: number;
  placeOnlyForState?: boolean;
}[] = [
  // "the ⟦Islamic State⟧ (⟦Isis⟧) leader, ⟦Baghdadi⟧": an acronym in parentheses may follow the organisation.
  {
    re: new RegExp(`${SLOT}(?:['’]s)?(?:\\s*\\((?:${ANY_SLOT}|\\p{Lu}{2,6})\\))?${POSS}\\s+${MOD}(${ROLES})\\)?,?\\s+${HON}${SLOT}`, "giu"),
    org: 1,
    person: 3,
    confidence: 0.9,
  },
  {
    // "⟦Martin⟧, 41, was also named chairman of its ⟦NL Chemicals Inc⟧ unit", "⟦George Colony⟧, president of the consulting firm ⟦Forrester Research⟧"
    re: new RegExp(
      `${SLOT}${AGE}(?:,\\s+(?:who\\s+)?|\\s+)${NOW}${BECOME}${NOW}(?:(?:the|a|an|its|their)\\s+)?(?:(?:former|ex-)\\s*)?(?:${SLOT}${POSS}\\s+)?${MOD}(${ROLES})(?:,?\\s+(?:of|for)\\s+(?:(?:the\\s+)?${ANY_SLOT}\\s+${DESCRIPTOR}${ORG_NOUN}\\s+|(?:the|its|their)\\s+${DESCRIPTOR}|${DESCRIPTOR}${ORG_NOUN}\\s+)?${HYPHENED}${SLOT}(?:['’]s?\\s+${SLOT})?)?`,
      "gi",
    ),
    person: 1,
    org: 2,
    org2: 5,
    org3: 4,
    confidence: 0.85,
  },
  // "the leader of ⟦ISIS⟧, ⟦Baghdadi⟧", "the head of the ⟦ISIS⟧ jihadist group, ⟦Baghdadi⟧"
  {
    re: new RegExp(
      `\\b(${ROLES})\\s+(?:of|for)\\s+(?:the\\s+)?${HYPHENED}${SLOT}(?:\\s+(?:[a-z-]+\\s+)?(?:group|organi[sz]ation|movement|network|militia))?,?\\s+${SLOT}`,
      "gi",
    ),
    org: 2,
    person: 3,
    orgAfterOf: true,
    confidence: 0.85,
  },
  // "⟦Isis⟧'s leader in the ⟦Euphrates⟧ valley, ⟦X⟧," (a regional leader leads the organisation): possessive, a comma before
  // the name, and the name ends its phrase ("…, ⟦Obama⟧ said" is not one).
  {
    re: new RegExp(
      `${SLOT}['’]s?\\s+${MOD}(${ROLES})\\s+(?:in|for)\\s+(?:the\\s+)?(?:(?:${ANY_SLOT}|[a-z-]+)\\s+){0,3}?(?:${ANY_SLOT}|[a-z-]+),\\s+${SLOT}(?=\\s*(?:,|\\.|$|\\s+(?:who|was|is|has|had)\\b))`,
      "gi",
    ),
    org: 1,
    person: 3,
    confidence: 0.8,
  },
  // "President ⟦Hissene Habre⟧ of ⟦Chad⟧", "chairman ⟦John Smith⟧ of ⟦Acme Corp⟧"
  // ("Speaker ⟦Jim Wright⟧ of ⟦Texas⟧", "chairman ⟦X⟧ of ⟦Thailand⟧" name where one is from: a place only after a head of state's title.)
  {
    re: new RegExp(`\\b(${ROLES})\\s+${SLOT}\\s+of\\s+(?:the\\s+)?${SLOT}(?![-'’]|\\s+${ANY_SLOT})`, "gi"),
    org: 3,
    person: 2,
    orgAfterOf: true,
    confidence: 0.8,
    placeOnlyForState: true,
  },
  // "⟦ISIS⟧ fighters, led by ⟦Baghdadi⟧", "the Romans led by Emperor ⟦X⟧"
  {
    re: new RegExp(
      `${SLOT}${FORCE_TAIL},?\\s+(?:(?:which|who|that)\\s+(?:is|are|was|were)\\s+)?(?:led|headed|commanded|ruled|chaired)\\s+by\\s+(?:${MOD}(?:${ROLES})\\s+|${BY_TITLE})?${SLOT}`,
      "gi",
    ),
    org: 1,
    person: 3,
    otherTitle: 2,
    confidence: 0.8,
  },
  {
    re: new RegExp(
      `${SLOT},?\\s+(?:who\\s+(?:leads|led|heads|headed|commands|commanded|founded|rules|ruled|runs|ran)|(?:leads|heads|commands|rules|runs)|(?:who\\s+)?(?:will|would)\\s+continue\\s+to\\s+(?:run|lead|head)|(?:who\\s+)?(?:continues|continued)\\s+to\\s+(?:run|lead|head))\\s+(?:the\\s+)?${HYPHENED}${SLOT}`,
      "gi",
    ),
    person: 1,
    org: 2,
    confidence: 0.75,
  },
];

const SECOND_ROLE = new RegExp(`^,?\\s+and\\s+(?:its\\s+)?${MOD}(?:${ROLES}),?\\s+${SLOT}`);
/** "a director of", "named a director": one of a board, not its head. */
const ONE_OF_BOARD = /\b(?:a|an|one)\s+(?:[a-z-]+\s+)?(?:director|chief|head|member|speaker)s?\b/i;
const TITLED = new RegExp(`\\b(${ROLES})\\s+${SLOT}`, "gi");
/**
 * A known head's government or leadership: "the government of ⟦Bashar al-Assad⟧", "⟦Assad⟧'s regime", "under
 * ⟦Haider al-Abadi⟧'s leadership" (the gazetteer says what the head leads; the article must name it).
 */
const HEADS_GOVERNMENT = new RegExp(
  `\\b(?:government|regime|administration|leadership)\\s+of\\s+(?:(?:President|Prime\\s+Minister|Premier|King|Queen|Emir)\\s+)?${SLOT}(?![-'’⟦]|\\s+(?:and|or)\\s)|${SLOT}['’]s?\\s+(?:own\\s+|new\\s+)?(?:government|regime|administration|leadership)\\b`,
  "g",
);
/** Titles that name the head of a state, capitalised before the name ("President Suharto"), not "Chancellor" (the UK's is a minister). */
const HEAD_OF_STATE = new RegExp(
  `(?<![\\p{L}-])((?:former\\s+|then-?\\s*)?(?:President|Prime\\s+Minister|Premier|King|Queen|Emperor|Emir|Sultan))\\s+${SLOT}(?!\\s+of\\b)`,
  "gu",
);
/**
 * "⟦Metex Corp⟧ said its chairman ⟦Alan Cohen⟧", "⟦Alan Cohen⟧, its chief executive": "its" is the
 * organisation named last before it in the sentence.
 */
const ANNOUNCE = "(?:also\\s+)?(?:said|says|announced|announces|reported|disclosed)(?:\\s+(?:on\\s+)?[A-Z][a-z]+day)?(?:\\s+that)?";
/** What an announcement says of a person and a role; the resignation forms make the role a former one. */
const APPOINTED =
  "(?:(?:has|have|had)\\s+been|was|were|is|will\\s+be)\\s+(?:re-?)?(?:elected|named|appointed|promoted|chosen)(?:\\s+(?:to\\s+the\\s+(?:post|position)\\s+of|as))?|" +
  "(?:continues|will\\s+continue|would\\s+continue|remains|will\\s+remain)\\s+as|remains|will\\s+remain|became|becomes|will\\s+become|" +
  // "… has succeeded ⟦Barker⟧ as chairman", "… has been named to replace ⟦Lambert⟧ as chairman".
  `(?:(?:has|had)\\s+)?(?:succeeded|replaced)\\s+${ANY_SLOT}\\s+as|(?:(?:has|have|had)\\s+been|was|were|is)\\s+(?:named|appointed|chosen)\\s+to\\s+(?:succeed|replace)\\s+${ANY_SLOT}\\s+as|` +
  "succeeds|succeeded|will\\s+succeed";
const RESIGNED = "(?:(?:has|had)\\s+)?(?:resigned|retired|stepped\\s+down|quit)\\s+as|(?:will|is\\s+to|plans\\s+to)\\s+(?:resign|retire|step\\s+down)\\s+as";
/**
 * "⟦Premier Industrial Corp⟧ said ⟦Morton Mandel⟧ continues as chairman", "⟦UPI⟧ announced that
 * ⟦Milton Benjamin⟧ had resigned as company president": the announcing organisation is the one led,
 * unless the role names another ("… president of ⟦Metropolitan⟧").
 */
const ANNOUNCED_ROLE = new RegExp(
  `${SLOT}\\s+${ANNOUNCE}\\s+(?:(?:its|the)\\s+)?(?:${ANY_SLOT}${POSS}\\s+)?(?:(?:${MOD}(?:${ROLES})|${COMPANION_ROLE})\\s+)?${SLOT}(?:\\s+(?:Jr|Sr|II|III|IV))?\\.?(?:\\s+[a-z]+){0,2}?(?:,[^,⟦⟧]{1,60},)?\\s+(?:(${RESIGNED})|${APPOINTED})\\s+(?:(?:the|its|a)\\s+)?(?:(?:new|company|group|bank)\\s+)?${MOD}(${ROLES})(?:\\s+(?:of|for)\\s+(?:the\\s+)?${SLOT})?`,
  "g",
);
/**
 * "⟦Data Access Systems Inc⟧ said chairman ⟦David Cohen⟧ …", "the ⟦Jardine⟧ statement quoted chairman
 * ⟦Simon Keswick⟧": the announcing organisation's own officer, unless the role names another ("of ⟦Y⟧").
 */
const ANNOUNCER_OFFICER = new RegExp(
  `${SLOT}(?:\\s+(?:statement|announcement|release))?\\s+(?:said|says|announced|quoted|reported|added)(?:\\s+(?:on\\s+)?[A-Z][a-z]+day)?(?:\\s+that)?\\s+(?:its\\s+)?${MOD}(${ROLES})\\s+${HON}${SLOT}(?!\\s+of\\b|['’-])`,
  "g",
);
/**
 * "⟦Wang Laboratories Inc⟧ expects revenues … to increase, President ⟦Frederick Wang⟧ said": an officer
 * who speaks for the organisation the sentence opens with.
 */
const SUBJECT_OFFICER_SAID = new RegExp(
  `^(?:The\\s+)?${SLOT}[\\s,][\\s\\S]*,["”]?\\s+(?:its\\s+)?${MOD}(${ROLES})\\s+${HON}${SLOT}\\s+(?:said|says|told|added)\\b`,
  "i",
);
const ITS_ROLE = [
  { re: new RegExp(`\\b[Ii]ts\\s+${MOD}(${ROLES}),?\\s+${SLOT}`, "g"), person: 2 },
  { re: new RegExp(`${SLOT},\\s+(?:who\\s+(?:is|was)\\s+)?its\\s+${MOD}(${ROLES})\\b`, "g"), person: 1 },
];

/** A company officer's title right before the name: "chairman ⟦X⟧", "President ⟦X⟧", "its chief executive ⟦X⟧". */
const OFFICER_TITLED = new RegExp(
  `(?<![Vv]ice[- ]|[Dd]eputy\\s|[Aa]ssistant\\s)\\b((?:former\\s+)?(?:chairman|chairwoman|president|chief\\s+executive(?:\\s+officer)?|managing\\s+director|CEO)(?:\\s+and\\s+(?:chief\\s+executive(?:\\s+officer)?|chief\\s+operating\\s+officer|president))?)\\s+${SLOT}(?!\\s+of\\b|['’-])`,
  "gi",
);

/** "⟦P⟧ will become chairman", "⟦P⟧ was named vice chairman and chief executive officer", "⟦P⟧ assumed the position of chairman". */
const OFFICER_NAMED = new RegExp(
  `${SLOT}(?:\\s+(?:Jr|Sr|II|III|IV)\\.?)?(?:,\\s+\\d{1,3},|,\\s+[^,⟦⟧]{3,70},)?\\s+(?:(?:has|had|have)\\s+been\\s+|was\\s+|were\\s+|will\\s+be\\s+)?(?:also\\s+)?(?:named|appointed|elected|promoted\\s+to|will\\s+become|became|becomes|assumed\\s+the\\s+(?:post|position|title)\\s+of|will\\s+remain|remains|will\\s+continue\\s+as|continues\\s+as|(?:has\\s+)?(?:resigned|retired|stepped\\s+down)\\s+as)\\s+(?:its\\s+|the\\s+company's\\s+|the\\s+)?(?:new\\s+)?(?:${ROLES})(?:\\s+of\\s+the\\s+(?:corporation|company|group|firm|bank|concern)\\b)?(?!\\s+(?:of|at|for)\\b|['’-])`,
  "g",
);
/** "⟦Nippon Steel Corp⟧ nominated ⟦P⟧ as president": an organisation names its own officer. */
const ORG_NAMES_OFFICER = new RegExp(
  `${SLOT}\\s+(?:(?:also\\s+)?said\\s+(?:that\\s+)?it\\s+)?(?:(?:has|have|had)\\s+)?(?:also\\s+)?(?:named|appointed|elected|nominated|chose|picked|hired)\\s+${SLOT}(?:\\s+(?:Jr|Sr|II|III|IV)\\.?)?(?:,\\s+\\d{1,3},)?\\s+(?:as\\s+)?(?:its\\s+|the\\s+)?(?:new\\s+)?${MOD}(?:${ROLES})(?:\\s+(?:of|at)\\s+the\\s+(?:company|corporation|group|firm|bank|concern)\\b|(?!\\s+(?:of|at|for)\\b|\\s+and\\s+\\p{Ll}|['’-]))`,
  "gu",
);
/** "delegates elected ⟦Tom Miller⟧ of ⟦Maricopa⟧, Ariz as the new president of the ⟦National Pork Producers Council⟧". */
const NAMED_AS_ROLE_OF = new RegExp(
  `\\b(?:named|appointed|elected|nominated|chose|picked|hired)\\s+${SLOT}(?:\\s+(?:Jr|Sr|II|III|IV)\\.?)?(?:\\s+of\\s+(?:${ANY_SLOT}|\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?)(?:,\\s+(?:${ANY_SLOT}|\\p{Lu}\\p{Ll}+\\.?))?)?(?:,\\s+\\d{1,3},)?\\s+as\\s+(?:its\\s+|the\\s+)?(?:new\\s+)?${MOD}(?:${ROLES})\\s+(?:of|at)\\s+(?:the\\s+)?${SLOT}(?!['’-])`,
  "gu",
);
/** "As chairman of the ⟦CME⟧ in 1969-71, ⟦Melamed⟧ was …": a role that opens the sentence is its subject's. */
const AS_ROLE_OPENING = new RegExp(
  `^\\s*(?:As|While)\\s+(?:the\\s+)?${MOD}(${ROLES})\\s+(?:of|at)\\s+(?:the\\s+)?${SLOT}(?!['’-])[^,⟦⟧]{0,40},\\s+${SLOT}(?!['’-])`,
  "u",
);
/** "⟦Rick Parry⟧ joined ⟦Liverpool⟧ as chief executive". */
const JOINED_AS = new RegExp(
  `${SLOT}\\s+(?:(?:has|had|have)\\s+)?(?:re)?joined\\s+(?:the\\s+)?${SLOT}\\s+as\\s+(?:its\\s+|the\\s+|a\\s+)?(?:new\\s+)?${MOD}(?:${ROLES})(?!\\s+(?:of|at|for)\\b|\\s+and\\s+\\p{Ll}|['’-])`,
  "gu",
);
/** A head's next post: "… to become chairman and co-chief executive officer of ⟦Y⟧". */
const TO_BECOME = new RegExp(
  `\\b(?:to\\s+become|and\\s+(?:will\\s+)?become|becoming|will\\s+become|would\\s+become)\\s+(?:the\\s+)?(?:new\\s+)?(?:co-)?${MOD}(${ROLES})\\s+(?:of|at)\\s+(?:the\\s+)?${SLOT}(?!['’-])`,
  "g",
);

/**
 * The company a wire story is about: it opens the article ("⟦Metex Corp⟧ said …") and is named again.
 * Not a news agency, a government body or a country.
 */
function storyCompany(mentions: Mention[]): Mention | undefined {
  const first = mentions[0];
  if (!first || first.start > 4 || first.type !== "ORGANIZATION" || first.kind !== "name") return undefined;
  if (first.entry && first.entry.kind !== "company") return undefined;
  return mentions.some((m, i) => i > 0 && m.key === first.key) ? first : undefined;
}

/** A unit noun right after an organisation's name: the role is over that unit, not the organisation. */
const CORPORATE = /\b(?:Corp|Corporation|Inc|Co|Ltd|Plc|PLC|AG|SA|NV|Group|Holdings)\.?$/;
const UNIT_AFTER =
  /^\s+(?:[a-z-]+\s+){0,2}(?:council|committee|unions?|association|office|subsidiary|division|unit|branch|delegation|department|federation|chamber|operations|affiliate|arm|bureau)\b/;

/** Professions that a nationality adjective may precede: the adjective names no organisation. */
const NATIONALITY_ROLE = /⟧\s+(?:[a-z-]+\s+)?(?:director|manager|coach|editor|producer|executive|chief\s+executive|founder|owner|boss)\s+⟦/i;
/** A place's unit after its name: "⟦Costa Rica⟧'s central bank", "⟦Cosenza⟧ police investigation section". */
const PLACE_UNIT_AFTER =
  /^(?:['’]s?)?\s+(?:[a-z-]+\s+){0,2}(?:bank|police|army|navy|forces|section|unit|office|branch|chapter|council|committee|authority|board|agency|service|club|chamber|university|school|hospital|federation|association|union|desk|bureau|division|department|ministry|directorate|command|firm|company|consultancy|group|network|maker|retailer|carrier|airline|operator|giant|chain|publisher|broker|insurer|manufacturer|conglomerate|studio|label)\b/;

/** The role word ending a head's description ("the Tory leader" → leader). */
const HEAD_ROLE = new RegExp(`(?:${HEAD_ROLES})$`, "i");

/** "the prime minister said": a description resolved to a known head names that head's role. */
function headsByDescription(view: SentenceView, mentions: Mention[], out: Candidate[]): void {
  for (const person of view.slots) {
    if (person.kind !== "description" || person.type !== "PERSON" || !person.entry?.leads) continue;
    const role = HEAD_ROLE.exec(person.surface)?.[0].toLowerCase().replace(/\s+/g, " ") ?? "";
    if (!(person.entry.leaderRoles ?? []).includes(role)) continue;
    const led = ENTRY_BY_NAME.get(person.entry.leads);
    const org = mentions.find((x) => x.entry === led && x.kind !== "description") ?? mentions.find((x) => x.kind === "force" && x.country === led);
    if (org) out.push({ type: "LEADS", subject: person, object: org, confidence: 0.7, view });
  }
}

const isLeadable = (m: Mention | undefined): m is Mention => isType(m, "ORGANIZATION", "LOCATION", "GROUP");

/** Every pattern but the role descriptions needs a role word or a verb of leading (a speed-up only). */
const MAY_LEAD = new RegExp(
  `${alternation([...LEXICON.leaderRoles, ...ENTRIES.flatMap((e) => e.leaderRoles ?? [])])}|led|head|command|rule|\\bru[nn]s?\\b|\\bran\\b|found|lead|president|premier|king|queen|emperor|emir|sultan|minister|govern|regime|administration`,
  "i",
);

export function findLeads(view: SentenceView, mentions: Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  if (!MAY_LEAD.test(template)) {
    headsByDescription(view, mentions, out);
    return out;
  }
  for (const p of PATTERNS) {
    eachMatch(p.re, template, (m) => {
      const person = slotAt(view, m[p.person]);
      // "head of ⟦U.S. military⟧'s ⟦Central Command⟧": the last possessed name is the organisation.
      const org = [p.org2, p.org3, p.org].map((g) => (g === undefined ? undefined : slotAt(view, m[g]))).find((x) => x !== undefined);
      if (!isType(person, "PERSON") || !isLeadable(org) || org.key === person.key) return;
      if (p.placeOnlyForState && org.type === "LOCATION" && !(org.entry?.kind === "country" && STATE_TITLE.test(m[1]!.trim()))) return;
      // A known place is led by its state's or town's heads only: a firm's, team's or body's role with it is over something of that
      // place (an unknown "place" after such a role is mostly an organisation the tagger typed as one: "chief executive of ⟦Wippit⟧").
      if (org.type === "LOCATION" && org.entry !== undefined && BODY_ROLE.test(m[0].replace(/⟦\d+⟧/g, " ")) && !PLACE_ROLE.test(m[0].replace(/⟦\d+⟧/g, " ")))
        return;
      // "⟦British⟧ director ⟦Sean McAllister⟧", "⟦French⟧ coach ⟦X⟧": a nationality before a profession, not a state's head.
      if (org.kind === "adjective" && org.entry?.kind === "country" && NATIONALITY_ROLE.test(m[0])) return;
      // "president of ⟦Costa Rica⟧'s central bank", "head of ⟦Cosenza⟧ police": a place's unit, named by a lowercase noun, is led.
      const orgEnd = view.marks[view.slots.indexOf(org)]?.end;
      if (org.type === "LOCATION" && orgEnd !== undefined && PLACE_UNIT_AFTER.test(template.slice(orgEnd))) return;
      // "chairman of the ⟦London⟧ Marathon": a capitalised word right after the place continues a name the tagger cut.
      const orgStart = view.marks[view.slots.indexOf(org)]?.start;
      if (
        org.type === "LOCATION" &&
        orgEnd !== undefined &&
        orgStart !== undefined &&
        /\bof\s+(?:the\s+)?$/.test(template.slice(Math.max(0, orgStart - 8), orgStart)) &&
        /^\s+\p{Lu}\p{Ll}/u.test(template.slice(orgEnd))
      )
        return;
      // "⟦X⟧, who runs the ⟦British⟧-based group": a hyphenated modifier, not the organisation led.
      const after = template.slice(m.index + m[0].length);
      if (/^-[a-z]/.test(after)) return;
      // "head of the ⟦U.S.⟧ subsidiary of …", "president of the ⟦Belgrade⟧ trade unions council": the name modifies a unit
      // (not a named subsidiary: "of CSX's ⟦Sea-Land Corp⟧ unit").
      const ofOrg = p.org3 !== undefined ? slotAt(view, m[p.org3]) : undefined;
      const unitOf = (p.org2 !== undefined ? slotAt(view, m[p.org2]) : undefined) ?? ofOrg;
      if (unitOf && UNIT_AFTER.test(after) && !CORPORATE.test(unitOf.surface)) return;
      // "Treasury Secretary ⟦Baker⟧, ⟦Fed⟧ chairman ⟦Volcker⟧": in a list, the role is the next person's.
      const next = /^,?\s+⟦(\d+)⟧/.exec(after);
      if (p.org3 !== undefined && ofOrg === undefined && next && isType(slotAt(view, next[1]), "PERSON")) return;
      // "⟦X⟧, ⟦WHO⟧'s director of communications", "the group's head of media": a role over a function
      // (a lowercase word after "of"), not over the organisation.
      if (p.org2 !== undefined && m[p.org2] === undefined && /^\s+(?:of|for)\s+(?!(?:the|a|an|its|their)\b)[a-z]/.test(after)) return;
      // "⟦X⟧, a director of ⟦Salomon Inc⟧": one of a board, not its head.
      if (ONE_OF_BOARD.test(m[0])) return;
      // "director of ⟦Christian⟧ outreach": after "of", an adjective names no organisation.
      if (org.kind === "adjective" && (p.orgAfterOf || org !== slotAt(view, m[p.org]))) return;
      const otherTitle = p.otherTitle === undefined ? undefined : m[p.otherTitle];
      const context = before(template, m.index, 25) + (otherTitle ? m[0].replace(otherTitle, " ") : m[0]);
      // "Former" is read from the text only: the gazetteer's former leaders led at the time of older news.
      const former = FORMER.test(context) || LEFT_ROLE.test(m[0]);
      out.push({ type: "LEADS", subject: person, object: org, confidence: p.confidence, view, time: former ? "former" : undefined });
      // "⟦Deutsche⟧'s chairman ⟦Rolf Breuer⟧ and chief executive ⟦Werner Seifert⟧": a second role of the same organisation.
      if (p.person === 3 && p.org === 1) {
        const next = SECOND_ROLE.exec(after);
        const second = next ? slotAt(view, next[1]) : undefined;
        if (isType(second, "PERSON") && second.key !== org.key) {
          out.push({ type: "LEADS", subject: second, object: org, confidence: p.confidence - 0.1, view, time: FORMER.test(next![0]) ? "former" : undefined });
        }
      }
    });
  }
  eachMatch(ANNOUNCED_ROLE, template, (m) => {
    const person = slotAt(view, m[2]);
    // "⟦Metex⟧ said ⟦P⟧ was elected president of the company": the company is the one announcing.
    const named = slotAt(view, m[5]);
    const org = named && named.kind !== "description" ? named : slotAt(view, m[1]);
    if (!isType(person, "PERSON") || !isLeadable(org) || org.kind === "adjective" || org.key === person.key) return;
    if (ONE_OF_BOARD.test(m[0])) return;
    const former = m[3] !== undefined || FORMER.test(m[0]);
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.8, view, time: former ? "former" : undefined });
  });
  const opening = SUBJECT_OFFICER_SAID.exec(template);
  if (opening) {
    const org = slotAt(view, opening[1]);
    const person = slotAt(view, opening[3]);
    if (isType(person, "PERSON") && isType(org, "ORGANIZATION") && org.kind === "name" && !ONE_OF_BOARD.test(opening[0].slice(-80))) {
      out.push({ type: "LEADS", subject: person, object: org, confidence: 0.7, view, time: FORMER.test(opening[0].slice(-60)) ? "former" : undefined });
    }
  }
  eachMatch(ANNOUNCER_OFFICER, template, (m) => {
    const org = slotAt(view, m[1]);
    const person = slotAt(view, m[3]);
    if (!isType(person, "PERSON") || !isType(org, "ORGANIZATION") || org.kind === "adjective" || org.kind === "description") return;
    if (ONE_OF_BOARD.test(m[0])) return;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view, time: FORMER.test(m[0]) ? "former" : undefined });
  });
  for (const p of ITS_ROLE) {
    eachMatch(p.re, template, (m) => {
      const person = slotAt(view, m[p.person]);
      if (!isType(person, "PERSON")) return;
      const org = view.slots
        .slice(0, view.slots.indexOf(person))
        .filter((x, k) => view.marks[k]!.end <= m.index && isType(x, "ORGANIZATION", "GROUP") && x.kind !== "adjective")
        .pop();
      if (!org) return;
      const former = FORMER.test(before(template, m.index, 25) + m[0]);
      out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view, time: former ? "former" : undefined });
    });
  }
  // "President ⟦Mathieu Kerekou⟧ … ⟦Benin⟧": a head of state's title, and one country in the sentence.
  eachMatch(HEAD_OF_STATE, template, (m) => {
    const person = slotAt(view, m[2]);
    if (!isType(person, "PERSON") || person.entry !== undefined) return;
    // "The ⟦Commissioners⟧, led by President ⟦Jacques Delors⟧, … the ⟦West German⟧ cabinet": already the head of what leads him here.
    if (out.some((c) => c.subject.key === person.key)) return;
    // "⟦World Bank⟧ President ⟦X⟧", "U.S. President X": the title belongs to what precedes it (other patterns).
    if (/(?:⟧['’]?s?|\p{Lu}[\p{L}.]*)\s+$/u.test(before(template, m.index, 30))) return;
    // The country must be named as the state: "of / in ⟦Chad⟧", "⟦Indonesian⟧ ministers", not "his ⟦U.S.⟧ trip".
    const stateUse = (x: Mention, k: number): boolean => {
      const around = template.slice(Math.max(0, view.marks[k]!.start - 12), view.marks[k]!.end + 40);
      // "… said ⟦Ecuador⟧ would honour its debt": the country as the subject of a finite verb acts as the state.
      return new RegExp(
        `(?:\\b(?:of|in)\\s+(?:the\\s+)?⟦${k}⟧(?![-'’]|\\s+(?:⟦|\\p{Lu})))|⟦${k}⟧\\s+(?:government|ministers?|officials|cabinet|authorities|people|parliament|(?:too\\s+|also\\s+)?(?:would|will|must|should|could|can|has|had|needed|needs|wanted|wants|agreed|agrees))\\b`,
        "u",
      ).test(around);
    };
    const countries = new Map(view.slots.flatMap((x, k) => (x.entry?.kind === "country" && stateUse(x, k) ? [[x.entry.name, x] as const] : [])));
    if (countries.size !== 1) return;
    const country = [...countries.values()][0]!;
    const org =
      country.kind === "adjective" ? (mentions.find((x) => x.entry === country.entry && x.kind === "name") ?? { ...country, kind: "name" as const }) : country;
    out.push({
      type: "LEADS",
      subject: person,
      object: org,
      confidence: 0.7,
      view,
      time: FORMER.test(before(template, m.index, 25) + m[0]) ? "former" : undefined,
    });
  });
  // "chairman ⟦Kenneth Macke⟧ said …" in a wire that opens with "⟦Dayton Hudson Corp⟧ said …": a company officer
  // named with no organisation in the sentence is the officer of the company the story is about.
  const storyOrg = storyCompany(mentions);
  if (storyOrg) {
    // Only when no organisation or state is named before the title ("Current chairman ⟦Saito⟧, who is also chairman of the ⟦Keidanren⟧").
    const namedBefore = (at: number) =>
      view.slots.some((x, k) => view.marks[k]!.end <= at && ((isType(x, "ORGANIZATION", "GROUP") && x.kind === "name") || x.entry?.kind === "country"));
    for (const [re, group] of [
      [OFFICER_TITLED, 2],
      [OFFICER_NAMED, 1],
    ] as const) {
      eachMatch(re, template, (m) => {
        if (namedBefore(m.index + m[0].length)) return;
        const person = slotAt(view, m[group]);
        if (!isType(person, "PERSON") || person.kind !== "name" || person.entry !== undefined) return;
        const former = FORMER.test(before(template, m.index, 25) + m[0]) || LEFT_ROLE.test(m[0]);
        out.push({ type: "LEADS", subject: person, object: storyOrg, confidence: 0.6, view, time: former ? "former" : undefined });
      });
    }
  }
  // "⟦Nippon Steel Corp⟧ nominated ⟦Hiroshi Saito⟧ as president", "⟦X⟧ has named ⟦P⟧ its chief executive"
  eachMatch(ORG_NAMES_OFFICER, template, (m) => {
    const org = slotAt(view, m[1]);
    const person = slotAt(view, m[2]);
    if (!isType(person, "PERSON") || !isType(org, "ORGANIZATION") || org.kind !== "name") return;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view });
  });
  // "⟦Gordon Macklin⟧ has resigned as president of ⟦NASD⟧ to become chairman of ⟦Hambrecht and Quist⟧"
  const asRole = AS_ROLE_OPENING.exec(template);
  if (asRole) {
    const org = slotAt(view, asRole[2]);
    const person = slotAt(view, asRole[3]);
    if (isType(person, "PERSON") && isLeadable(org) && org.kind !== "adjective" && org.key !== person.key) {
      out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view, time: FORMER.test(asRole[0]) ? "former" : undefined });
    }
  }
  eachMatch(JOINED_AS, template, (m) => {
    const person = slotAt(view, m[1]);
    const org = slotAt(view, m[2]);
    if (!isType(person, "PERSON") || !isType(org, "ORGANIZATION") || org.kind === "adjective" || ONE_OF_BOARD.test(m[0])) return;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view });
  });
  eachMatch(NAMED_AS_ROLE_OF, template, (m) => {
    const person = slotAt(view, m[1]);
    const org = slotAt(view, m[2]);
    if (!isType(person, "PERSON") || !isLeadable(org) || org.kind === "adjective" || org.key === person.key) return;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.75, view });
  });
  eachMatch(TO_BECOME, template, (m) => {
    const org = slotAt(view, m[2]);
    const person = view.slots
      .slice(
        0,
        view.slots.findIndex((x) => x === org),
      )
      .filter((x) => isType(x, "PERSON"))
      .pop();
    if (!person || !isLeadable(org) || org.kind === "adjective" || org.kind === "description") return;
    out.push({ type: "LEADS", subject: person, object: org, confidence: 0.7, view });
  });
  headsByDescription(view, mentions, out);
  eachMatch(HEADS_GOVERNMENT, template, (m) => {
    const person = slotAt(view, m[1] ?? m[2]);
    if (!isType(person, "PERSON") || person.kind !== "name" || !person.entry?.leads) return;
    const led = ENTRY_BY_NAME.get(person.entry.leads);
    const org = mentions.find((x) => x.entry === led && x.kind !== "description" && x.kind !== "adjective");
    if (!org) return;
    out.push({
      type: "LEADS",
      subject: person,
      object: org,
      confidence: 0.75,
      view,
      time: FORMER.test(before(template, m.index, 25) + m[0]) ? "former" : undefined,
    });
  });
  for (const re of [TITLED, AS_ROLE]) {
    eachMatch(re, template, (m) => {
      const [person, role] = re === TITLED ? [slotAt(view, m[2]), m[1]] : [slotAt(view, m[1]), m[2]];
      const entry = person?.entry;
      if (!person || !entry?.leads || !role) return;
      const led = ENTRY_BY_NAME.get(entry.leads);
      // "⟦LDP⟧ secretary general ⟦Noboru Takeshita⟧", "opposition leader ⟦John Howard⟧": the title is the party's or the
      // opposition's, not the state's a known head leads at another time.
      if (re === TITLED) {
        const lead = /(?:⟦(\d+)⟧\)?|\b(?:opposition|shadow))\s+$/i.exec(before(template, m.index, 30));
        const owner = lead?.[1] !== undefined ? slotAt(view, lead[1]) : undefined;
        const party =
          owner !== undefined && owner.entry !== led && (owner.entry?.kind === "party" || /\bPart(?:y|i)\b/.test(owner.surface) || lead![0].includes(")"));
        if (lead && (lead[1] === undefined || party)) return;
      }
      // "the ⟦West German government⟧ …, Chancellor ⟦Kohl⟧ said": a government phrase names the state too.
      const org = mentions.find((x) => x.entry === led && x.kind !== "description") ?? mentions.find((x) => x.kind === "force" && x.country === led);
      if (!org) return;
      const former = FORMER.test(before(template, m.index, 25) + m[0]);
      out.push({ type: "LEADS", subject: person, object: org, confidence: 0.8, view, time: former ? "former" : undefined });
    });
  }
  return out;
}
