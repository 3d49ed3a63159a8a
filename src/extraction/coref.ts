/**
 * Within-article coreference: turns candidate mentions into resolved ones whose `key`
 * says which entity they belong to. Rules, in order:
 * 1. overlapping candidates: the longest wins ("Iraqi special forces" over "Iraqi");
 * 2. surnames and titled single names join a full name seen in the article or the
 *    gazetteer ("al-Abadi", "Abadi", "President Trump" → "Donald Trump");
 * 3. an acronym in parentheses after a name becomes its alias ("… Levant (ISIL)");
 * 4. definite descriptions take the nearest suitable antecedent ("the terror group").
 */
import { ENTRIES, ENTRY_BY_NAME, LEXICON } from "./gazetteer.ts";
import { entityKey, type Mention } from "./names.ts";
import { nameKey } from "../graph/keys.ts";
import type { PendingDescription } from "./noun-phrases.ts";
import { lowerBound } from "./spans.ts";

const STARTERS = new Set(LEXICON.sentenceStarters);
const TITLES = new Set(LEXICON.personTitles);
/** How far back a bare "the group" may look for its antecedent, in characters. */
const NEAR = 600;
const FAR = 2500;

const surnameKey = (s: string): string =>
  (s.trim().split(/\s+/).pop() ?? "")
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^(?:al|el|ad|as|ash|an|ar|at|az)-/, "");

/**
 * Gazetteer people by surname, so "Maliki" finds Nouri al-Maliki without an alias row. A common
 * surname or given name ("Fox", "Martin", "Kennedy") is left to the article: "Mr Fox" in a British
 * story is not Vicente Fox. An alias row still names such a person explicitly.
 */
const COMMON_NAMES = new Set([...LEXICON.commonSurnames, ...LEXICON.firstNames, ...LEXICON.femaleFirstNames].map((n) => n.toLowerCase()));
const GAZ_SURNAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const e of ENTRIES) {
    if (e.type !== "PERSON" || !e.name.includes(" ")) continue;
    const k = surnameKey(e.name);
    if (COMMON_NAMES.has(k)) continue;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    map.set(k, "gaz:" + e.name);
  }
  for (const [k, n] of seen) if (n > 1) map.delete(k); // ambiguous: leave to the article
  return map;
})();

/** Corporate suffixes that do not change which organisation is meant ("Metex Corp" is "Metex"). */
const ORG_SUFFIX = /(?:\s+(?:&\s+)?(?:inc|incorporated|corp|corporation|co|cos|company|companies|ltd|limited|plc|llc|lp|sa|ag|nv|bv|spa|group|holdings?))+$/;
/** First words too common to stand for one organisation on their own. */
const GENERIC_FIRST = new Set([
  "national",
  "united",
  "american",
  "general",
  "first",
  "new",
  "international",
  "royal",
  "british",
  "federal",
  "central",
  "state",
  "world",
  "european",
  "north",
  "south",
  "east",
  "west",
  "great",
  "standard",
  "western",
  "eastern",
  "northern",
  "southern",
  "the",
]);
const orgCore = (surface: string): string => nameKey(surface).replace(ORG_SUFFIX, "");
const initials = (core: string): string =>
  core
    .split(/[\s-]+/)
    .filter((w) => !/^(?:of|the|and|for|&)$/.test(w))
    .map((w) => w[0] ?? "")
    .join("");

/**
 * Organisation names that are one organisation: "Metex Corp" / "Metex", "United Press
 * International" / "UPI", "Metropolitan Consolidated Industries Inc" / "Metropolitan". Returns the
 * key each short form, acronym or suffix variant should take (the longest name's key).
 */
function organisationAliases(mentions: Mention[]): Map<string, string> {
  const full = mentions.filter((m) => m.kind === "name" && m.type === "ORGANIZATION" && !m.entry && m.key.startsWith("np:"));
  const byCore = new Map<string, Mention>();
  for (const m of full) {
    const core = orgCore(m.surface);
    const best = byCore.get(core);
    if (core && (!best || m.surface.length > best.surface.length)) byCore.set(core, m);
  }
  const alias = new Map<string, string>();
  const claims = new Map<string, Set<string>>();
  const claim = (form: string, key: string) => {
    const set = claims.get(form) ?? new Set();
    set.add(key);
    claims.set(form, set);
  };
  for (const [core, m] of byCore) {
    const words = core.split(/\s+/);
    if (words.length < 2) continue;
    if (!GENERIC_FIRST.has(words[0]!) && words[0]!.length > 2) claim("w:" + words[0], m.key);
    const acr = initials(core);
    if (acr.length >= 2) claim("a:" + acr, m.key);
  }
  for (const m of full) {
    const core = orgCore(m.surface);
    const target = byCore.get(core);
    if (target && target.key !== m.key) alias.set(m.key, target.key);
  }
  // A short form or acronym shared by two organisations names neither.
  for (const [form, keys] of claims) if (keys.size === 1) alias.set(form, [...keys][0]!);
  return alias;
}

/** The key a single-word or variant organisation name takes from `organisationAliases`, if any. */
function aliasOf(m: Mention, aliases: Map<string, string>): string | undefined {
  const direct = aliases.get(m.key);
  if (direct) return direct;
  if (/\s/.test(m.surface.trim())) return undefined;
  const word = nameKey(m.surface);
  if (/^\p{Lu}{2,6}$/u.test(m.surface)) return aliases.get("a:" + word);
  return /^\p{Lu}\p{Ll}/u.test(m.surface) ? aliases.get("w:" + word) : undefined;
}

/**
 * One sense per article: a multi-word name the tagger typed two ways ("⟨Diamond Shamrock⟩ executives"
 * as a person, "⟨Diamond Shamrock⟩ said it" as a company) takes the type most of its mentions have
 * (a tie goes to the organisation), or the organisation's when it opens an organisation's longer name;
 * a title ("Mr", "Senator") makes it a person.
 */
function harmoniseTypes(kept: Mention[]): Mention[] {
  const groups = new Map<string, Mention[]>();
  for (const m of kept) {
    if (m.kind !== "name" || m.entry || !/\s/.test(m.surface.trim())) continue;
    const k = nameKey(m.surface);
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const orgPrefixes = new Set<string>();
  for (const m of kept) {
    if (m.type !== "ORGANIZATION" || m.kind !== "name") continue;
    const words = nameKey(m.surface).split(" ");
    for (let n = 2; n < words.length; n++) orgPrefixes.add(words.slice(0, n).join(" "));
  }
  // "the seat of ⟨Erewash⟩" (a place) and "31% of the vote in ⟨Erewash⟩" (tagged a person): a one-word name typed
  // a place and a person, with no title, no pronoun gender and no longer person's name it could be the surname of, is the place.
  const personWords = new Set<string>();
  for (const m of kept) {
    if (m.type === "PERSON" && /\s/.test(m.surface.trim())) for (const w of nameKey(m.surface).split(" ")) personWords.add(w);
  }
  for (const m of kept) {
    if (m.kind !== "name" || m.entry || /\s/.test(m.surface.trim()) || (m.type !== "PERSON" && m.type !== "LOCATION")) continue;
    const k = nameKey(m.surface);
    if (personWords.has(k)) continue;
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const typeOf = new Map<string, Mention["type"]>();
  for (const [k, g] of groups) {
    const votes = new Map<Mention["type"], number>();
    for (const m of g) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
    if (votes.size < 2) continue;
    if (g.some((m) => m.title !== undefined || m.gender !== undefined)) {
      typeOf.set(k, "PERSON");
      continue;
    }
    if (!k.includes(" ")) {
      if (votes.size === 2 && votes.has("LOCATION") && votes.has("PERSON")) typeOf.set(k, "LOCATION");
      continue;
    }
    // "⟨Diamond Shamrock⟩ … ⟨Diamond Shamrock Refining and Marketing Co⟩": a name that opens an organisation's name is that organisation's.
    if (orgPrefixes.has(k)) {
      typeOf.set(k, "ORGANIZATION");
      continue;
    }
    const rank = (t: Mention["type"]) => (votes.get(t) ?? 0) * 4 + (t === "ORGANIZATION" ? 2 : t === "LOCATION" ? 1 : 0);
    typeOf.set(k, [...votes.keys()].sort((a, b) => rank(b) - rank(a))[0]!);
  }
  if (typeOf.size === 0) return kept;
  return kept.map((m) => {
    const t = m.kind === "name" && !m.entry ? typeOf.get(nameKey(m.surface)) : undefined;
    return t && t !== m.type ? { ...m, type: t, key: entityKey(t, m.surface) } : m;
  });
}

/** "the East Midlands MEP", "the Tory MP for Sleaford": a member described by seat or party, not a name. */
const MEMBER_ROLE = /\s(?:MPs?|MEPs?|MSPs?)(?:\s+for\s.*)?$/;
/** "MP for ⟨Erewash⟩", "the Tory MP for Sleaford and ⟨North Hykeham⟩", "the seat of ⟨Erewash⟩": a constituency. */
const SEAT_BEFORE = /\b(?:MPs?|MEPs?|MSPs?|[Mm]ember|seat|constituency)\s+(?:for|of)\s+(?:(?:\p{Lu}[\p{L}'’-]*\s+){1,3}and\s+)?$/u;

/** "⟨Sonaptic⟩'s managing director", "⟨Balco⟩ boss Victor Conte", "the chairman of ⟨Preventon⟩": only an organisation has that officer. */
const ORG_OFFICER_AFTER =
  /^(?:['’]s?\s+(?:[a-z-]+\s+)?(?:chairman|chairwoman|chief\s+executive|managing\s+director|founder|co-founder|boss|CEO)\b|\s+(?:chairman|chairwoman|chief\s+executive|managing\s+director|boss|CEO)\s+(?:Sir\s+|Dr\s+)?\p{Lu}\p{Ll})/u;
const ORG_OFFICER_BEFORE =
  /\b(?:chairman|chairwoman|chief\s+executive(?:\s+officer)?|managing\s+director|founder|co-founder|president|head|boss|CEO)\s+(?:of|at)\s+(?:[a-z-]+\s+){0,2}$/;

/**
 * Handles and members described, not named, are dropped; a constituency tagged as a person is a place; a
 * one-word "person" with a company officer is an organisation.
 */
function typesFromContext(text: string, candidates: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of candidates) {
    if (m.kind !== "name") {
      out.push(m);
      continue;
    }
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    // "@RashadAbdlQader", "#Rehana": a handle or a hashtag is no name of its own (a known one, "#ISIS", still names it).
    if (/@$/.test(before) || (/#$/.test(before) && !m.entry)) continue;
    if (m.entry) {
      out.push(m);
      continue;
    }
    if (MEMBER_ROLE.test(m.surface) && /\b[Tt]he\s+(?:\p{L}+\s+)?$/u.test(before.slice(-20))) continue;
    out.push(m.type === "PERSON" && m.title === undefined ? { ...m, ...retype(text, m, before) } : m);
  }
  return out;
}

// Private: the type an untitled person mention takes from the words around it, with its key.
function retype(text: string, m: Mention, before: string): Pick<Mention, "type" | "key"> {
  const after = text.slice(m.end, m.end + 40);
  const oneWord = !/\s/.test(m.surface.trim());
  if (oneWord && (ORG_OFFICER_AFTER.test(after) || (ORG_OFFICER_BEFORE.test(before) && !/^['’]s?\s/.test(after)))) {
    return { type: "ORGANIZATION", key: entityKey("ORGANIZATION", m.surface) };
  }
  if (SEAT_BEFORE.test(before)) return { type: "LOCATION", key: entityKey("LOCATION", m.surface) };
  return { type: m.type, key: m.key };
}

export function resolveMentions(text: string, candidates: Mention[], descs: PendingDescription[]): Mention[] {
  const kept = unifyNames(text, harmoniseTypes(removeOverlaps(typesFromContext(text, candidates))));
  const surnames = new Map<string, string>();
  const acronyms = new Map<string, string>();
  for (const m of kept) {
    if (m.kind !== "name") continue;
    if (m.type === "PERSON" && m.key.startsWith("PERSON:") && /\s/.test(m.surface)) surnames.set(surnameKey(m.surface), m.key);
    const acr = /^\s*\(\s*(\p{Lu}[\p{L}.]{1,9})\s*\)/u.exec(text.slice(m.end, m.end + 16));
    if (acr && m.type !== "PERSON") acronyms.set(acr[1]!, m.key);
  }
  const resolved: Mention[] = [];
  for (const m of kept) {
    if (m.kind === "pending" || (m.kind === "name" && m.type === "PERSON" && !/\s/.test(m.surface) && m.key.startsWith("PERSON:"))) {
      const r = resolveSingle(m, surnames, acronyms);
      if (r) resolved.push(r);
    } else {
      resolved.push(m);
    }
  }
  const withDescs = removeOverlaps([...resolved, ...resolveDescriptions(text, resolved, descs)]);
  return withDescs;
}

/**
 * Organisation variants take one key; a one-word organisation or place the tagger typed is a
 * person when it is the surname of a person named in the article ("Vazquez-Rana, who is …").
 */
function unifyNames(text: string, kept: Mention[]): Mention[] {
  const aliases = organisationAliases(kept);
  const personSurnames = new Set(kept.filter((m) => m.kind === "name" && m.type === "PERSON" && /\s/.test(m.surface)).map((m) => surnameKey(m.surface)));
  const knights = knightsByFirstName(kept);
  // Companies by their name without a corporate suffix, only when the suffix was there ("Metex Corp" → "metex").
  const cores = new Map<string, string>();
  for (const m of kept) {
    if (m.kind !== "name" || m.type !== "ORGANIZATION" || m.entry) continue;
    const core = orgCore(m.surface);
    if (core !== nameKey(m.surface) && core.includes(" ")) cores.set(core, aliases.get(m.key) ?? m.key);
  }
  return kept.map((m) => {
    if (m.entry || (m.kind !== "name" && m.kind !== "pending")) return m;
    // "Sir John said": British usage names a knight by his first name.
    const knight = !/\s/.test(m.surface) && /\b(?:Sir|Dame)\s+$/.test(text.slice(Math.max(0, m.start - 6), m.start)) ? knights.get(m.surface) : undefined;
    if (knight) return { ...m, kind: "name", type: "PERSON", key: knight };
    if (m.type !== "PERSON" && !/\s/.test(m.surface) && personSurnames.has(surnameKey(m.surface))) {
      return { ...m, kind: "name", type: "PERSON", key: "PERSON:" + nameKey(m.surface) };
    }
    if (m.type === "ORGANIZATION" || m.kind === "pending") {
      const key = aliasOf(m, aliases);
      if (key) return { ...m, kind: "name", type: "ORGANIZATION", key };
    }
    // "⟨Dayton Hudson Corp⟩ said … A ⟨Dayton Hudson⟩ spokeswoman": the tagger's place or person that is a
    // company's name without its suffix is that company.
    const company = m.kind === "name" && m.type !== "ORGANIZATION" && /\s/.test(m.surface.trim()) ? cores.get(nameKey(m.surface)) : undefined;
    if (company) return { ...m, type: "ORGANIZATION", key: company };
    return m;
  });
}

/** Full names of people by first name, when that first name is one person's only. */
function knightsByFirstName(kept: Mention[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const m of kept) {
    if (m.kind !== "name" || m.type !== "PERSON" || !/\s/.test(m.surface)) continue;
    const first = m.surface.split(/\s+/)[0]!;
    if (out.has(first) && out.get(first) !== m.key) taken.add(first);
    out.set(first, m.key);
  }
  for (const f of taken) out.delete(f);
  return out;
}

function resolveSingle(m: Mention, surnames: Map<string, string>, acronyms: Map<string, string>): Mention | undefined {
  const acr = acronyms.get(m.surface);
  if (acr) return { ...m, kind: "name", key: acr, type: m.type === "PERSON" ? "ORGANIZATION" : m.type };
  const sk = surnameKey(m.surface);
  const person = surnames.get(sk) ?? GAZ_SURNAMES.get(sk);
  if (person) return { ...m, kind: "name", type: "PERSON", key: person };
  if (m.kind === "name") return m; // titled single name: keep on its own
  // An unknown single word that speaks ("Smith said") is taken as a person.
  if (m.type === "PERSON" && !STARTERS.has(m.surface) && !TITLES.has(m.surface) && /^\p{Lu}\p{Ll}+$/u.test(m.surface)) {
    return { ...m, kind: "name", key: "PERSON:" + m.surface.toLowerCase() };
  }
  return undefined;
}

/** "US air strikes", "coalition warplanes": the mention names who strikes. */
const STRIKER_TAIL = /^[\s-]*(?:led\s+)?(?:air\s*strikes|airstrikes|strikes|warplanes|jets|aircraft|bombing|drones)\b/;
/** "President ⟨Obama⟩ ordered an intensifying series of air strikes": whoever orders or launches them strikes. */
const ORDERS_STRIKES =
  /^[\s,]*(?:(?:has|had|have|is|was)\s+)?(?:[a-z]+\s+){0,4}?(?:ordered|order|orders|launched|launch|authori[sz]ed|authori[sz]e|began|begun|conducted|carried\s+out|stepped\s+up|expanded|intensified)\s+(?:an?\s+|the\s+|new\s+|more\s+|its\s+)?(?:[a-z-]+\s+){0,3}?(?:series\s+of\s+|wave\s+of\s+|campaign\s+of\s+)?(?:air\s*strikes|airstrikes|strikes|bombing)\b/;

/** A striker: the mention itself, or the state a known head leads ("Obama ordered air strikes" → the United States). */
function striker(text: string, a: Mention, byKey: ReadonlyMap<string, Mention>): Mention | undefined {
  if (a.kind === "description") return undefined;
  if (STRIKER_TAIL.test(text.slice(a.end, a.end + 24))) return a;
  if (!ORDERS_STRIKES.test(text.slice(a.end, a.end + 120))) return undefined;
  if (a.type !== "PERSON") return a;
  const led = a.entry?.leads === undefined ? undefined : byKey.get("gaz:" + a.entry.leads);
  return led;
}

function resolveDescriptions(text: string, mentions: Mention[], descs: PendingDescription[]): Mention[] {
  const out: Mention[] = [];
  const byStart = [...mentions].sort((a, b) => a.start - b.start);
  // A state that a known head leads, by key, when the article names it (the entity must exist).
  const byKey = new Map(mentions.filter((m) => m.key.startsWith("gaz:")).map((m) => [m.key, m] as const));
  for (const d of descs) {
    if (d.key) {
      out.push(d);
      continue;
    }
    const topic =
      d.category === "armed" && /^the\s+group$/i.test(d.surface)
        ? previousSubject(text, byStart, d.start)
        : d.category === "party"
          ? sentenceParty(text, byStart, d.start)
          : undefined;
    if (topic) {
      out.push({ ...d, key: topic.key, type: topic.type, entry: topic.entry });
      continue;
    }
    if (d.category === "pair") {
      const pair = lastTwoArmed(byStart, d.start);
      if (pair) out.push({ ...d, key: pair[0].key, type: pair[0].type, entry: pair[0].entry, partners: [pair[1]] });
      continue;
    }
    const limit =
      d.category === "city" ||
      d.category === "force" ||
      d.category === "owner" ||
      d.category === "striker" ||
      /^the\s+(?:group|militants|jihadists|extremists|insurgents)$/i.test(d.surface)
        ? NEAR
        : FAR;
    for (let i = lowerBound(byStart, d.start) - 1; i >= 0; i--) {
      const a = byStart[i]!;
      if (d.start - a.end > limit) break;
      // "⟨Tehran⟩ announced that its forces …": a capital speaks for its state, whose forces they are.
      const state = d.category === "owner" && a.entry?.capital && a.entry.inCountry ? ENTRY_BY_NAME.get(a.entry.inCountry) : undefined;
      if (state && a.start >= d.start - NEAR) {
        out.push({ ...d, key: "gaz:" + state.name, type: "LOCATION", entry: state });
        break;
      }
      if (d.category === "country" && a.country?.kind === "country") {
        out.push({ ...d, key: "gaz:" + a.country.name, type: "LOCATION", entry: a.country });
        break;
      }
      if (d.category === "striker") {
        const who = striker(text, a, byKey);
        if (!who) continue;
        out.push({ ...d, key: who.key, type: who.type, entry: who.entry });
        break;
      }
      const fits = d.category === "head" ? holdsRole(a, d) : d.category === "institution" ? namesInstitution(a, d) : fitsCategory(a, d.category);
      if (fits) {
        const partners = d.category === "force" ? conjunctsBefore(text, byStart, i) : undefined;
        out.push({ ...d, key: a.key, type: a.type, entry: a.entry, ...(partners?.length ? { partners } : {}) });
        break;
      }
    }
  }
  return out;
}

/**
 * "Tory co-chairman Liam Fox attacked Labour's record, and party leader Michael Howard …": "party"
 * is the first party of its own sentence, which the sentence is about; else the one named last before.
 */
function sentenceParty(text: string, sorted: Mention[], at: number): Mention | undefined {
  const start = Math.max(text.lastIndexOf(". ", at), text.lastIndexOf("\n", at)) + 1;
  for (let i = lowerBound(sorted, start); i < sorted.length && sorted[i]!.start < at; i++) if (fitsCategory(sorted[i]!, "party")) return sorted[i];
  return undefined;
}

/** A short introductory phrase before a sentence's subject: "Last week, ", "On Friday, ". */
const INTRO = /^\s*(?:[\w’'-]+(?:\s+[\w’'-]+){0,3},\s+)?$/;

/**
 * "Last week, ⟨Kurdish gunmen⟩ stormed … ⟨The group⟩, aided by …": a sentence-initial "the group"
 * continues the subject of the sentence before when that subject is an armed group or a
 * militia (a force named after a people, not a state's army) — not the nearest group named.
 */
function previousSubject(text: string, sorted: Mention[], at: number): Mention | undefined {
  const lead = text.slice(Math.max(0, at - 4), at);
  if (!/(?:^|[.!?]["”’)]?\s+)$/.test(lead) && at > 0) return undefined;
  const end = text.slice(0, at).trimEnd().length;
  const window = text.slice(Math.max(0, end - 400), end - 1);
  const boundary = /[.!?]["”’)]?\s+(?=\S)/g;
  let start = Math.max(0, end - 400);
  for (let m = boundary.exec(window); m; m = boundary.exec(window)) start = Math.max(0, end - 400) + m.index + m[0].length;
  const first = sorted[lowerBound(sorted, start)];
  if (!first || first.end > end || !INTRO.test(text.slice(start, first.start))) return undefined;
  const armed = first.entry?.kind === "armed" && first.entry.name !== "Global Coalition";
  const militia = first.kind === "force" && first.country?.kind === "group";
  return armed || militia ? first : undefined;
}

/** "the two groups": the last two armed groups named (distinct entities) shortly before, or none. */
function lastTwoArmed(sorted: Mention[], at: number): [Mention, Mention] | undefined {
  const found: Mention[] = [];
  for (let i = lowerBound(sorted, at) - 1; i >= 0 && at - sorted[i]!.end <= NEAR && found.length < 2; i--) {
    const a = sorted[i]!;
    if (a.kind !== "description" && fitsCategory(a, "armed") && !found.some((f) => f.key === a.key)) found.push(a);
  }
  return found.length === 2 ? [found[1]!, found[0]!] : undefined;
}

/** Mentions joined to sorted[i] by "and" or a comma just before it ("Iraqi and ⟨Kurdish forces⟩"). */
function conjunctsBefore(text: string, sorted: Mention[], i: number): Mention[] {
  const out: Mention[] = [];
  for (let j = i - 1; j >= 0 && sorted[j]!.kind === "force" && /^\s*(?:,|,?\s+and)\s+$/.test(text.slice(sorted[j]!.end, sorted[j + 1]!.start)); j--) {
    out.push(sorted[j]!);
  }
  return out;
}

/**
 * "the prime minister" is the person last named with that title ("Prime Minister Tony Blair"), or a
 * known head whose gazetteer role it is ("Mr Blair" … "the prime minister").
 */
function holdsRole(a: Mention, d: PendingDescription): boolean {
  if (a.type !== "PERSON" || a.kind !== "name" || !d.role) return false;
  // "the Cuban president" is only a head of Cuba.
  if (d.of && a.entry?.leads !== d.of.name) return false;
  const title = a.title
    ?.toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(?:former|then|new)\s+/, "");
  return title === d.role || (a.entry?.leaderRoles ?? []).includes(d.role);
}

function fitsCategory(a: Mention, category: PendingDescription["category"]): boolean {
  const kind = a.entry?.kind;
  if (category === "armed") return kind === "armed" && a.entry?.name !== "Global Coalition";
  if (category === "city") return kind === "city";
  if (category === "striker") return false;
  if (category === "party") return a.kind !== "description" && (kind === "party" || (a.type === "ORGANIZATION" && /\bPart(?:y|i)\b/.test(a.surface)));
  if (category === "owner")
    return a.kind !== "description" && a.kind !== "adjective" && (a.type === "ORGANIZATION" || a.type === "GROUP" || kind === "country");
  if (category === "company") return a.kind === "name" && a.type === "ORGANIZATION" && kind !== "armed" && kind !== "country";
  if (category === "force") return a.kind === "force" || (kind === "armed" && a.entry?.name !== "Global Coalition");
  return kind === "country";
}

/** "the committee" → the organisation named last whose own name holds the same head word ("… Defense Committee"). */
function namesInstitution(a: Mention, d: PendingDescription): boolean {
  if (a.type !== "ORGANIZATION" || a.kind !== "name") return false;
  const head = /(\S+)$/.exec(d.surface)?.[1]?.toLowerCase();
  return head !== undefined && new RegExp(`\\b${head}\\b`, "i").test(a.entry?.name ?? a.surface);
}

/** Which candidate wins a tie on length: a force phrase over the adjective it extends. */
const RANK: Record<Mention["kind"], number> = { force: 3, name: 2, description: 2, adjective: 1, generic: 0, pending: 0 };

/** Sweep by start; among overlapping candidates keep the longest (ties: the higher rank, then the first listed). */
export function removeOverlaps(mentions: Mention[]): Mention[] {
  const sorted = mentions.map((m, i) => ({ m, i })).sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end || RANK[b.m.kind] - RANK[a.m.kind] || a.i - b.i);
  const out: Mention[] = [];
  for (const { m } of sorted) {
    const last = out[out.length - 1];
    if (!last || m.start >= last.end) out.push(m);
    else if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
  }
  return out;
}
