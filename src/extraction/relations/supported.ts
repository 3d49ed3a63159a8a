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
 *   S6 possessed passive "⟦Assad⟧'s regime is backed by ⟦Russia⟧", "the efforts of ⟦X⟧ have
 *      been helped by ⟦Y⟧", "⟦Abadi⟧, …, whose candidacy was supported by ⟦the US⟧"
 *   S7 "with ⟦American⟧ support, ⟦Iraqi forces⟧ …", "⟦X⟧, with ⟦Y⟧'s backing, …"
 * After "by" / "of" the supporters may be listed: "backed by ⟦coalition⟧ air strikes and an
 * influx of ⟦peshmerga forces⟧". A country adjective before what a supporter sends ("⟦Russian⟧
 * warplanes", "⟦American⟧ support") names that country.
 */
import type { Mention } from "../names.ts";
import type { Candidate } from "../relation.ts";
import { ANY_SLOT, SLOT, before, eachMatch, isActor, isType, slotAt, slotsAt, type SentenceView } from "../template.ts";

/** Title words before a name ("President ⟦Habre⟧", "Prime Minister ⟦X⟧"), capitalised as news writes them. */
const TITLE_WORDS =
  "(?:(?:President|Prime\\s+Minister|Premier|Chancellor|King|Queen|Emir|General|Gen\\.|Colonel|Col\\.|Chairman|Leader|Senator|Sen\\.|Governor|Mayor)\\s+)";
const HELP_VERB = "(?:backed|supported|aided|assisted|helped|armed|trained|funded|bankrolled|equipped|sponsored)";
/** Up to two modifiers, not a noun with its preposition ("U.S.-backed rebels in ⟦Syria⟧"). */
const MODIFIERS = "(?:(?!(?:in|of|from|at|on|to|for|with|near|across|against|and|or|but|as|that|which|who)\\b)[a-z-]+\\s+){0,2}";
/** Modifiers before the one helped, never "by" (which makes the verb passive). */
const HELPED_MODIFIERS = "(?:(?!(?:in|of|from|at|on|to|for|with|near|across|against|and|or|but|as|that|which|who|by)\\b)[a-z-]+\\s+){0,2}";
const FILLER = "(?:[a-z-]+(?:,|\\s+and)?\\s+){0,4}";
const TAIL = "(?:\\s+(?:forces|fighters|militants|troops|rebels|units|militias|militiamen))?";
const BE = "(?:(?:who|which|that)\\s+)?(?:(?:are|is|were|was|being|(?:have|has|had)\\s+(?:[a-z]+ly\\s+)?been)\\s+)?";
const GIVE =
  "(?:provid\\w*|giv\\w*|gave|offer\\w*|lend\\w*|lent|sen[dt]\\w*|(?:air\\s*)?dropp(?:ed|ing)|airdrop(?:s|ped|ping)?|deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|ship(?:s|ped|ping)?)";
const AID = "(?:support|backing|help|aid|assistance|air\\s+cover|weapons|arms|training|ammunition|munitions|supplies|equipment)";
/** What is sent, possibly a list: "weapons, ammunition and medical supplies". */
const AID_LIST = `(?:(?:[a-z-]+\\s+){0,2}${AID},?\\s+(?:and\\s+)?){0,3}(?:[a-z-]+\\s+){0,2}${AID}`;
/** A supply received: "⟦Y⟧ (had) received the weapons from ⟦X⟧". */
const RECEIVED = "(?:received|receives|got|obtained|took\\s+delivery\\s+of)";
/** A few words of the same clause: no slot, no sentence punctuation. */
const CLAUSE_WORDS = "(?:[^\\s⟦⟧.;]+\\s+){0,6}?";
/** Head nouns after a people's or party's adjective that names the one helped: "the ⟦Sandinista⟧ regime". */
const HELPED_HEAD = "(?:regime|government|rebels|guerrillas|forces|army|militias?)";
/** What a supporter sends or gives: "⟦coalition⟧ air strikes", "⟦Russian⟧ warplanes", "⟦US⟧ arms drops". */
const SUPPORT_NOUN =
  "(?:air\\s*strikes|airstrikes|air\\s+(?:support|power|cover|raids)|warplanes|jets|aircraft|planes|drones|bombers|bombing(?:\\s+raids)?|" +
  "arms(?:\\s+(?:drops|supplies|shipments))?|air\\s*drops|weapons|advis[eo]rs|special\\s+forces|troops|intelligence|funding|money|support|backing|help|aid|assistance)";
/** A possessed noun whose support is its possessor's: "⟦X⟧'s offensive", "the efforts of ⟦X⟧". */
const POSSESSED =
  "(?:efforts?|offensive|counter-?offensive|advance|campaign|fight|struggle|push|operations?|war|rebellion|insurgency|uprising|resistance|defen[cs]es?|" +
  "forces|troops|fighters|army|military|militias?|government|regime|candidacy|nomination|appointment|bid)";
/** What a person bids for: backing it backs them. */
const BID = "(?:bid|claims?|candidacy|campaign|nomination|appointment|re-election|leadership|challenge|case)\\b";
/** "supported, trained and armed by ⟦Paris⟧": coordinated help verbs share their "by". */
const BY_SUPPORTER = `(?:${HELP_VERB}(?:,\\s+|,?\\s+and\\s+))*${HELP_VERB}\\s+by\\s+(?:the\\s+)?${FILLER}${SLOT}`;
/** More supporters after the first one (slot numbers are read from the text). */
const MORE_SUPPORTERS = new RegExp(
  `^(?:\\s+${SUPPORT_NOUN})?\\s+and\\s+(?:(?:an?|the|some|other)\\s+)?(?:(?:influx|flow|supply|deliveries|shipments?|help|support|assistance|backing|arms|weapons)\\s+(?:of|from)\\s+)?(?:the\\s+)?⟦(\\d+)⟧(?![-'’])`,
);
const ADJECTIVE_SENDS = new RegExp(`^\\s+(?:[a-z-]+\\s+)?${SUPPORT_NOUN}\\b`);
/** "fighters battling ⟦ISIS⟧, backed by …": an object of a gerund or "against" is not who is backed. */
const GOVERNED = /\b(?:[a-z]{3,}ing|against)\s+(?:the\s+)?$/;

/**
 * Supplies that are only alleged or went astray are no support: "reports that ⟦X⟧ planes airdrop
 * weapons for ⟦ISIL⟧", "slammed ⟦the US⟧ for providing aid to ⟦ISIL⟧", "mistakenly airdropped to …".
 */
const ALLEGED = /\b(?:reports?|reported|reportedly|claims?|claimed|alleg\w+|accus\w+|slamm\w+|blam\w+|rumou?rs?|purported\w*|denied|denies|deny)\b/;
/** A negation, a hypothetical or a claim of evidence around a support verb. */
const NOT_FACTUAL = /\b(?:not|never|no|if|would|could|might|whether|unless|proofs?|evidence)\b|n['’]t\b/i;
const ASTRAY = /\b(?:mistakenly|accidentally|inadvertently|wrongly|by\s+mistake|fell\s+into|ended\s+up)\b/;

const PAIRS: {
  re: RegExp;
  supported: number;
  supporter: number;
  confidence: number;
  adjectiveSupporter?: boolean;
  list?: boolean;
  notGoverned?: boolean;
  supply?: boolean;
  /** Any named place may be the one helped ("aid to ⟦Africa⟧"), not only a country. */
  anyPlace?: boolean;
  /** Vetoed by a negation or a hypothetical just before ("would not mean ⟦X⟧ had helped ⟦Y⟧"). */
  factual?: boolean;
  /** One person may back another (a bid or a candidacy); otherwise a person backs only an organisation or a state. */
  personal?: boolean;
  /** A people's or party's adjective before a regime word is the one helped ("the ⟦Sandinista⟧ regime"). */
  adjectiveSupported?: boolean;
}[] = [
  {
    re: new RegExp(`${SLOT}${TAIL},?\\s+${BE}(?:[a-z]+ly\\s+)?${BY_SUPPORTER}`, "g"),
    supported: 1,
    supporter: 2,
    confidence: 0.85,
    list: true,
    notGoverned: true,
  },
  // S6 "⟦Assad⟧'s regime is backed by ⟦Russia⟧", "the efforts of ⟦X⟧ in ⟦Kobani⟧ have been helped by ⟦Y⟧"
  {
    re: new RegExp(`${SLOT}['’]s?\\s+(?:[a-z-]+\\s+)?${POSSESSED},?\\s+${BE}(?:[a-z]+ly\\s+)?${BY_SUPPORTER}`, "g"),
    supported: 1,
    supporter: 2,
    confidence: 0.75,
    list: true,
  },
  {
    re: new RegExp(
      `\\b${POSSESSED}\\s+of\\s+(?:the\\s+)?(?:${TITLE_WORDS})?${SLOT}(?:\\s+(?:in|at|near|around|inside|of)\\s+(?:the\\s+)?${ANY_SLOT})?,?\\s+${BE}(?:[a-z]+ly\\s+)?${BY_SUPPORTER}`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.75,
    list: true,
  },
  // "⟦Abadi⟧, a member of …, whose candidacy was supported by ⟦the US⟧"
  {
    re: new RegExp(
      `${SLOT}(?:,\\s+(?:a|an|the)\\s+[^,;:⟦]{0,60}(?:${ANY_SLOT}[^,;:⟦]{0,30}){0,3})?,\\s+whose\\s+(?:[a-z-]+\\s+)?${POSSESSED}\\s+${BE}(?:[a-z]+ly\\s+)?${BY_SUPPORTER}`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.7,
    list: true,
  },
  // "⟦Moscow⟧-backed presidential candidate and Prime Minister ⟦Viktor Yanukovych⟧": a second title of the same person.
  {
    re: new RegExp(`${SLOT}-(?:backed|supported|funded|armed|trained|sponsored)\\s+${MODIFIERS}(?:(?:and\\s+)?${TITLE_WORDS})?${SLOT}`, "g"),
    supporter: 1,
    supported: 2,
    confidence: 0.85,
    adjectiveSupporter: true,
  },
  // "⟦Free Syrian Army⟧ (⟦FSA⟧), the ⟦U.S.⟧-backed rebel group"
  {
    re: new RegExp(
      `${SLOT}(?:\\s*\\(\\s*${ANY_SLOT}\\s*\\))?,\\s+(?:the|a|an)\\s+(?:[a-z]+\\s+)?${SLOT}-(?:backed|supported|funded|armed|trained|sponsored)\\s+[a-z]`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.8,
  },
  // "⟦Saudi Arabia⟧ and other countries that support ⟦Syrian opposition groups⟧"
  {
    re: new RegExp(
      `${SLOT}(?:\\s+and\\s+(?:other\\s+)?[a-z]+)?,?\\s+(?:that|which|who)\\s+(?:support|back|arm|fund|supports|backs|arms|funds|supported|backed|armed|funded)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.75,
  },
  // "⟦rebels⟧ arrived to provide ⟦the Peshmerga⟧ with support", "⟦X⟧ sent weapons to ⟦Y⟧"
  {
    re: new RegExp(`${SLOT}\\s+${CLAUSE_WORDS}${GIVE}\\s+(?:the\\s+)?${SLOT}\\s+with\\s+(?:[a-z]+\\s+){0,2}${AID}`, "g"),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
  },
  // "⟦The Soviet Union⟧ and its allies have provided the ⟦Sandinista⟧ regime military hardware": two objects, the one helped first.
  {
    re: new RegExp(
      `${SLOT}\\s+${CLAUSE_WORDS}(?:provided|provides|gave|gives|given|sent|sends|offered|offers|supplied|supplies)\\s+(?:the\\s+)?${SLOT}(?:\\s+${HELPED_HEAD})?\\s+(?:(?:military|economic|financial|humanitarian|logistical|political|covert|lethal|vital|sufficient|substantial|more|new)\\s+){1,2}(?:hardware|aid|assistance|support|weapons|arms|equipment|supplies|training)\\b`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
    adjectiveSupported: true,
  },
  {
    re: new RegExp(`${SLOT}\\s+${CLAUSE_WORDS}${GIVE}\\s+(?:[a-z-]+\\s+){0,3}${AID}\\s+(?:to|for)\\s+(?:the\\s+)?${SLOT}`, "g"),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    supply: true,
  },
  // "⟦the US military⟧ said it had air dropped weapons, ammunition and medical supplies to ⟦Kurdish forces⟧"
  {
    re: new RegExp(`${SLOT}\\s+${CLAUSE_WORDS}${GIVE}\\s+${AID_LIST}\\s+(?:[a-z]+\\s+){0,2}?to\\s+(?:the\\s+)?${SLOT}`, "g"),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    supply: true,
  },
  // "aid airdropped by ⟦US forces⟧ and meant for ⟦Kurdish forces⟧", "… that were meant to supply ⟦Y⟧"
  {
    re: new RegExp(
      `\\b${AID}\\s+(?:that\\s+(?:was|were|had\\s+been)\\s+)?(?:air\\s*)?(?:dropped|airdropped|delivered|sent|supplied|shipped|provided)\\s+by\\s+(?:the\\s+)?${SLOT}${TAIL}(?:\\s+[a-z-]+){0,3}?,?\\s+(?:and\\s+)?(?:meant|intended|destined|earmarked)\\s+(?:for|to\\s+(?:supply|resupply|arm|equip|reach))\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    supply: true,
  },
  // "⟦Kurdish fighters⟧ had received the weapons from ⟦the US⟧"
  // "a ⟦US⟧ airdrop of arms to besieged ⟦Kurds⟧", "⟦Iran⟧'s shipments of weapons to ⟦Hezbollah⟧"
  {
    re: new RegExp(
      `${SLOT}(?:['’]s?)?\\s+(?:air\\s*drops?|airdrops?|deliver(?:y|ies)|shipments?|supplies|transfers?)\\s+of\\s+${AID_LIST}\\s+(?:[a-z]+\\s+){0,2}?to\\s+(?:the\\s+)?(?:[a-z-]+\\s+){0,2}${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    supply: true,
    adjectiveSupporter: true,
  },
  {
    re: new RegExp(
      `${SLOT}${TAIL}\\s+(?:(?:have|has|had)\\s+)?(?:also\\s+)?${RECEIVED}\\s+(?:the\\s+)?${AID_LIST}\\s+(?:from|sent\\s+by|supplied\\s+by|provided\\s+by)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.7,
    supply: true,
  },
  {
    re: new RegExp(
      `${SLOT}['’]?s?\\s+(?:air\\s*strikes|airstrikes|air\\s+support|aid|support|weapons|advisers|advisors|bombing|bombardment|warplanes|aircraft)\\s+(?:(?:that|which)\\s+)?(?:have\\s+|has\\s+|had\\s+)?(?:also\\s+)?(?:helped|enabled|allowed|supported|assisted|aided)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.8,
    adjectiveSupporter: true,
  },
  // "⟦Iran⟧ has armed dissident ⟦Kurds⟧"; "helped" takes its object directly ("⟦X⟧ has helped lift ⟦Y⟧'s share" is no help to Y).
  {
    re: new RegExp(
      `${SLOT}\\s+(?:has\\s+|have\\s+|had\\s+)?(?:also\\s+)?(?:(?:backed|supported|armed|supports|backs|arms)\\s+(?:the\\s+)?${HELPED_MODIFIERS}|(?:aided|assisted|helped|aids)\\s+(?:the\\s+)?)${SLOT}(?!['’])`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
  },
  // "⟦Reagan⟧, who has made aid to the "⟦contra⟧" rebels one of his major foreign policy initiatives"
  {
    re: new RegExp(
      `${SLOT},?\\s+(?:(?:who|which)\\s+)?(?:has|had|have)\\s+(?:also\\s+)?made\\s+(?:(?:military|economic|financial)\\s+)?(?:aid|support|assistance|backing)\\s+(?:to|for)\\s+(?:the\\s+)?["“]?${SLOT}["”]?(?:\\s+(?:rebels|guerrillas|forces|government|regime))?\\s+(?:one\\s+of\\s+(?:his|her|its|their)\\s+(?:[a-z-]+\\s+){0,4}(?:priorities|initiatives|goals|aims|causes|policies)|(?:a|his|her|its|their)\\s+(?:top\\s+|main\\s+|key\\s+|chief\\s+)?(?:priority|cause|goal|aim))\\b`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
    adjectiveSupported: true,
  },
  // "⟦X⟧ has won the backing of ⟦Y⟧", "⟦X⟧ can rely on the support of ⟦Y⟧" (not "sought the support of").
  {
    re: new RegExp(
      `${SLOT}${TAIL}\\s+(?:(?:can|could|will|has|have|had|also|now|already|still)\\s+){0,2}(?:won|wins|win|enjoys?|enjoyed|received|receives|gained|gains|secured|secures|got|gets|has|have|had|rely\\s+on|relies\\s+on|relied\\s+on|count\\s+on|counts\\s+on)\\s+(?:the\\s+)?(?:(?:full|strong|firm|financial|military|political|public|unanimous|formal|official|key)\\s+)?(?:support|backing|endorsement)\\s+(?:of|from)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.7,
    factual: true,
    list: true,
  },
  // "⟦Smith⟧ already has the backing of many pundits and fans, including former ⟦Scotland⟧ manager ⟦Craig Brown⟧"
  {
    re: new RegExp(
      `${SLOT}\\s+(?:(?:can|could|will|has|have|had|also|now|already|still)\\s+){0,2}(?:won|wins|enjoys?|enjoyed|received|gained|secured|has|have|had)\\s+the\\s+(?:(?:full|strong|public|unanimous)\\s+)?(?:support|backing|endorsement)\\s+of\\s+(?:(?:many|most|several|some|leading|senior|top|other|fellow)\\s+)?[a-z]+(?:\\s+and\\s+[a-z]+)?,\\s+including\\s+(?:former\\s+|fellow\\s+)?(?:${ANY_SLOT}\\s+)?(?:[a-z]+\\s+){0,2}?(?:Sir\\s+|Lord\\s+)?${SLOT}`,
      "g",
    ),
    supported: 1,
    supporter: 2,
    confidence: 0.7,
    factual: true,
    personal: true,
  },
  // "⟦X⟧ and ⟦Y⟧ have lent their backing to the supporters' group, ⟦Z⟧", "⟦X⟧ threw his support behind ⟦Y⟧"
  {
    re: new RegExp(
      `${SLOT},?\\s+(?:(?:has|have|had)\\s+)?(?:also\\s+)?(?:lent|lend|lends|given|gave|gives|thrown|threw|throws|offered|offers|pledged|pledges)\\s+(?:their|his|her|its)\\s+(?:(?:full|strong|public|firm|financial|political)\\s+)?(?:backing|support|endorsement)\\s+(?:to|behind|for)\\s+(?:the\\s+)?(?:(?!of\\b)[a-z'’-]+,?\\s+){0,3}?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
  },
  // "the immediate aim of ⟦the strikes⟧ was to back ⟦Kurdish⟧ and ⟦Iraqi forces⟧"
  {
    re: new RegExp(
      `\\b(?:aim|goal|purpose|objective|mission)\\s+of\\s+${SLOT}\\s+(?:was|is|has\\s+been)\\s+to\\s+(?:back|support|help|aid|assist|protect)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
  },
  // "⟦Lord Sainsbury⟧ has made a £2m donation to the ⟦Labour Party⟧", "⟦X⟧ gave $1m to ⟦Y⟧'s campaign"
  {
    re: new RegExp(
      `${SLOT}\\s+(?:(?:has|have|had)\\s+)?(?:also\\s+)?(?:made|makes|gave|gives|given|pledged|pledges)\\s+(?:an?\\s+)?(?:(?:further|new|record|personal|single|one-off)\\s+)?(?:[£$€]\\s?[\\d.,]+\\s*(?:m|bn|million|billion|k)?\\s+)?(?:donations?|contributions?|gifts?|loans?)\\s+to\\s+(?:the\\s+)?${SLOT}(?!['’]s\\s+(?:opponents?|rivals?|victims?))`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.75,
    factual: true,
  },
  // "the ⟦U.S.⟧ backed rebels, also called ⟦contras⟧": a force named after what backs it, then by name.
  {
    re: new RegExp(
      `${SLOT}[-\\s]+(?:backed|supported|funded|armed|sponsored)\\s+(?:[a-z-]+\\s+){0,2}(?:rebels|guerrillas|insurgents|militias?|fighters|forces)\\s*,\\s+(?:also\\s+)?(?:called|known\\s+as|named)\\s+(?:the\\s+)?${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.8,
  },
  // "⟦X⟧ has backed ⟦Y⟧'s bid", "⟦Souness⟧ joined ⟦Ferguson⟧ in backing ⟦Smith⟧'s claims": backing a person's bid backs the person.
  {
    re: new RegExp(
      `${SLOT}\\s+(?:(?:has|have|had)\\s+)?(?:also\\s+)?(?:joined\\s+(?:the\\s+|Sir\\s+|Lord\\s+|Dame\\s+|Mr\\s+|Mrs\\s+|Ms\\s+)?${ANY_SLOT}\\s+in\\s+)?(?:backed|backs|backing|supported|supports|supporting|endorsed|endorses|endorsing)\\s+${SLOT}['’]s?\\s+(?:[a-z-]+\\s+)?${BID}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
    personal: true,
  },
  {
    re: new RegExp(
      `${ANY_SLOT}\\s+joined\\s+(?:the\\s+|Sir\\s+|Lord\\s+|Dame\\s+|Mr\\s+|Mrs\\s+|Ms\\s+)?${SLOT}\\s+in\\s+(?:backing|supporting|endorsing)\\s+${SLOT}['’]s?\\s+(?:[a-z-]+\\s+)?${BID}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    factual: true,
    personal: true,
  },
  // "⟦Kuwait⟧, a key backer of ⟦Iraq⟧", "⟦X⟧ is a major donor to ⟦Y⟧"
  {
    re: new RegExp(
      `${SLOT}(?:,\\s+|\\s+(?:is|was|has\\s+been|remains)\\s+)(?:a|an|the|its|their)\\s+(?:(?:key|main|major|chief|leading|staunch|principal|biggest|largest|important|longtime|long-time|main)\\s+)?(?:backer|supporter|sponsor|financier|funder|donor|patron|benefactor)s?\\s+(?:of|to)\\s+(?:the\\s+)?${HELPED_MODIFIERS}${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.75,
  },
  // "⟦Reagan⟧'s military aid program for ⟦Nicaraguan rebels⟧", "⟦US⟧ aid to ⟦Africa⟧"
  {
    re: new RegExp(
      `${SLOT}(?:['’]s?)?\\s+(?:(?:military|economic|financial|humanitarian|development|food|foreign|covert|emergency)\\s+){0,2}(?:aid|assistance|funding|loans?|grants?)(?:\\s+(?:program(?:me)?s?|package|plan))?\\s+(?:to|for)\\s+(?:the\\s+)?${HELPED_MODIFIERS}${SLOT}`,
      "g",
    ),
    supporter: 1,
    supported: 2,
    confidence: 0.7,
    adjectiveSupporter: true,
    anyPlace: true,
    factual: true,
  },
];

const WITH_HELP = new RegExp(
  `(?:\\b[Ww]ith\\s+(?:the\\s+)?(?:help|support|backing|assistance|aid)\\s+(?:of|from)|^(?:Aided|Backed|Supported|Assisted|Helped)\\s+by)\\s+(?:the\\s+)?${FILLER}${SLOT}`,
  "g",
);
/** S7 "with ⟦American⟧ air support", "with ⟦Turkey⟧'s backing" (not "with ⟦US⟧ support for ⟦Y⟧"). */
const WITH_SUPPORT = new RegExp(
  `\\b[Ww]ith\\s+(?:the\\s+)?${SLOT}(?:['’]s?)?\\s+(?:[a-z-]+\\s+)?(?:help|support|backing|assistance|aid|air\\s+(?:support|cover|power))\\b(?!\\s+(?:for|to|of)\\b)`,
  "g",
);
/** What follows an adjective that names the one helped. */
const REGIME_AFTER = new RegExp(`^["”’]?\\s+${HELPED_HEAD}\\b`);
const IN_SUPPORT = new RegExp(`\\bin\\s+support\\s+of\\s+(?:the\\s+)?${SLOT}`, "g");

function isParty(m: Mention | undefined): m is Mention {
  if (m === undefined) return false;
  const actor: boolean = isActor(m);
  // "supported, trained and armed by ⟦Paris⟧ and ⟦Washington⟧": a capital names its government.
  return actor || (m.kind === "name" && (m.type === "PERSON" || m.entry?.capital === true));
}

/** Every pattern needs one of these stems; most sentences have none, and skip the patterns (a speed-up only). */
const MAY_SUPPORT =
  /back|support|aid|assist|help|arm|train|fund|bankroll|equip|sponsor|donor|donat|contribut|gift|loan|grant|financ|patron|benefact|endors|weapon|suppl|deliver|ship|drop|provid|giv|gave|offer|lend|lent|sen[dt]|receiv|\bgot\b|obtain|enabl|allow|protect|munition|cover|advis|strike|warplane|jet|aircraft|plane|drone|bomb|troop|intelligence|money/i;

export function findSupported(view: SentenceView, capturers: Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const { template } = view;
  if (!MAY_SUPPORT.test(template)) return out;
  const add = (supported: Mention | undefined, supporter: Mention | undefined, confidence: number, anyPlace = false, personal = false) => {
    for (const s of supported ? [supported, ...(supported.partners ?? [])] : []) {
      const place: Mention = s;
      const helped: boolean = isParty(s) || (anyPlace && place.type === "LOCATION" && place.kind === "name");
      if (!helped || !isParty(supporter) || s.key === supporter.key) continue;
      if (s.type === "PERSON" && supporter.type === "PERSON" && !personal) continue;
      out.push({ type: "SUPPORTED_BY", subject: s, object: supporter, confidence, view });
    }
  };
  for (const p of PAIRS) {
    eachMatch(p.re, template, (m) => {
      if (p.notGoverned && GOVERNED.test(before(template, m.index))) return;
      if (p.supply && (ALLEGED.test(template.slice(0, m.index)) || ASTRAY.test(template))) return;
      if (p.factual && NOT_FACTUAL.test(before(template, m.index, 60) + m[0])) return;
      const supporters = p.list ? supporterList(view, m[p.supporter], m.index + m[0].length) : slotsAt(view, m[p.supporter]);
      for (const found of slotsAt(view, m[p.supported])) {
        const supported =
          p.adjectiveSupported &&
          found.kind === "adjective" &&
          REGIME_AFTER.test(template.slice(template.indexOf(`⟦${m[p.supported]}⟧`) + `⟦${m[p.supported]}⟧`.length))
            ? { ...found, kind: "name" as const }
            : found;
        for (const supporter of supporters) {
          // "Iranian-backed": the adjective names the supporter.
          add(
            supported,
            supporter.kind === "adjective" && p.adjectiveSupporter ? { ...supporter, kind: "name" } : supporter,
            p.confidence,
            p.anyPlace,
            p.personal,
          );
        }
      }
    });
  }
  const withSupport = (m: RegExpExecArray, supporters: Mention[]) => {
    const first = supporters[0];
    const capturer = capturers.find((c) => c.key !== first?.key);
    // "⟦Iraqi⟧ and ⟦Kurdish forces⟧, with ⟦U.S.⟧ air support, …": every conjunct is supported.
    const supported = capturer ? [capturer] : slotsBefore(view, m.index);
    if (!supported.length) supported.push(...[firstActorAfter(view, m.index + m[0].length)].filter((x) => x !== undefined));
    for (const s of supported) for (const supporter of supporters) add(s, supporter, 0.75);
  };
  eachMatch(WITH_HELP, template, (m) => withSupport(m, supporterList(view, m[1], m.index + m[0].length)));
  eachMatch(WITH_SUPPORT, template, (m) => {
    const s = slotAt(view, m[1]);
    if (s) withSupport(m, [s.kind === "adjective" && s.entry?.kind === "country" ? { ...s, kind: "name" } : s]);
  });
  eachMatch(IN_SUPPORT, template, (m) => {
    const supporter = view.slots.find((s, i) => template.indexOf(`⟦${i}⟧`) < m.index && isType(s, "ORGANIZATION", "LOCATION", "GROUP"));
    add(slotAt(view, m[1]), supporter, 0.7);
  });
  return out;
}

/**
 * The supporter at slot `group` with those listed after it up to `end` and beyond: "⟦coalition⟧ air
 * strikes and an influx of ⟦peshmerga⟧", "⟦coalition⟧ air support and ⟦US⟧ arms drops". A country
 * adjective before what it sends ("⟦Russian⟧ warplanes") stands for the country.
 */
function supporterList(view: SentenceView, group: string | undefined, end: number): Mention[] {
  if (group === undefined) return [];
  const out: Mention[] = [];
  let i = Number(group);
  let at = end;
  for (;;) {
    for (const s of slotsAt(view, String(i))) out.push(sender(view, s));
    const more = MORE_SUPPORTERS.exec(view.template.slice(at, at + 120));
    if (!more) break;
    i = Number(more[1]);
    at += more[0].length;
  }
  return out;
}

function sender(view: SentenceView, m: Mention): Mention {
  if (m.kind !== "adjective" || m.entry?.kind !== "country") return m;
  const i = view.slots.indexOf(m);
  const after = i < 0 ? "" : view.template.slice(view.marks[i]!.end, view.marks[i]!.end + 40);
  return ADJECTIVE_SENDS.test(after) ? { ...m, kind: "name" } : m;
}

/** "⟦Iraqi forces⟧, with the help of …": the slot right before the phrase, with its conjuncts. */
function slotsBefore(view: SentenceView, at: number): Mention[] {
  const m = /⟦(\d+)⟧,?\s*$/.exec(view.template.slice(0, at));
  return m ? slotsAt(view, m[1]) : [];
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
