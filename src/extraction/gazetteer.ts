/**
 * The curated gazetteer (data/gazetteer/*.tsv, lexicon.json), loaded once at module
 * init. Everything the rules know about the world by name lives in those data files,
 * so extending coverage never needs a code change.
 */
import { readFileSync } from "node:fs";
import type { EntityType } from "./types.ts";

const DATA_DIR = new URL("../../data/gazetteer/", import.meta.url);

/** One known entity. `kind` refines the type: "country", "city", "armed", "media"… */
export interface GazEntry {
  name: string;
  type: EntityType;
  kind: string;
  aliases: string[];
  /** Country / group / party adjectives ("Iraqi", "Kurdish", "Tory"); they refer to the entry. */
  adjectives: string[];
  /** A country's people in the plural ("Iranians"): a name of the country when it acts. */
  people?: string[];
  /** People entries: the role words that make them a leader, and of what. */
  leaderRoles?: string[];
  leads?: string;
  former?: boolean;
  /** A capital city, whose name also stands for its government ("backed by Paris and Washington"). */
  capital?: boolean;
  /** Places: the country they are in ("Tehran" → "Iran"). */
  inCountry?: string;
}

export interface Lexicon {
  leaderRoles: string[];
  roleModifiers: string[];
  formerMarkers: string[];
  personTitles: string[];
  abbreviations: string[];
  firstNames: string[];
  orgHeads: string[];
  placeHeads: string[];
  forceNouns: string[];
  forceModifiers: string[];
  sayVerbs: string[];
  personNouns: string[];
  femaleFirstNames: string[];
  sentenceStarters: string[];
  /** Occupations written before a name ("Investor Paul Bilzerian", "Singer Sam Endicott"): a description, not part of the name. */
  occupations: string[];
  /** US states and their abbreviations: "Prescott, Arizona" names a town. */
  usStates: string[];
  /** Surnames too common to name one known person on their own ("Fox", "Martin"). */
  commonSurnames: string[];
}

function readRows(file: string): string[][] {
  const text = readFileSync(new URL(file, DATA_DIR), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split("\t").map((cell) => cell.trim()));
}

const list = (cell: string | undefined): string[] =>
  cell
    ? cell
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function loadEntries(): GazEntry[] {
  const entries: GazEntry[] = [];
  for (const [name = "", aliases, adjectives, people] of readRows("countries.tsv")) {
    entries.push({ name, type: "LOCATION", kind: "country", aliases: list(aliases), adjectives: list(adjectives), people: list(people) });
  }
  for (const [name = "", aliases, kind = "city", country, capital] of readRows("places.tsv")) {
    entries.push({
      name,
      type: "LOCATION",
      kind,
      aliases: list(aliases),
      adjectives: [],
      capital: capital === "yes",
      ...(country ? { inCountry: country } : {}),
    });
  }
  for (const [name = "", aliases, kind = "other", adjectives] of readRows("organizations.tsv")) {
    entries.push({ name, type: "ORGANIZATION", kind, aliases: list(aliases), adjectives: list(adjectives) });
  }
  for (const [name = "", aliases, roles, leads, former] of readRows("people.tsv")) {
    entries.push({
      name,
      type: "PERSON",
      kind: "person",
      aliases: list(aliases),
      adjectives: [],
      leaderRoles: list(roles),
      leads: leads || undefined,
      former: former === "yes",
    });
  }
  for (const [name = "", aliases, adjectives] of readRows("groups.tsv")) {
    entries.push({ name, type: "GROUP", kind: "group", aliases: list(aliases), adjectives: list(adjectives) });
  }
  return entries;
}

export const LEXICON: Lexicon = JSON.parse(readFileSync(new URL("lexicon.json", DATA_DIR), "utf8")) as Lexicon;
export const ENTRIES: readonly GazEntry[] = loadEntries();
export const ENTRY_BY_NAME: ReadonlyMap<string, GazEntry> = new Map(ENTRIES.map((e) => [e.name, e]));

/** The token pattern shared by the gazetteer and the text scanner (see mentions.ts). */
export const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’](?!s(?!\p{L}))\p{L}+)*/gu;

export function tokenizeForm(surface: string): string[] {
  return Array.from(surface.matchAll(TOKEN_RE), (m) => m[0].replace(/’/g, "'"));
}

/** A surface form the matcher looks for, split into tokens, pointing at its entry. */
export interface GazForm {
  tokens: string[];
  entry: GazEntry;
  /** Adjective use ("Iraqi"): refers to the entry but is not a name of it. */
  adjective: boolean;
}

/**
 * Forms indexed by their first token. Matching is case-sensitive on purpose: "US" and
 * "IS" are names only in capitals, and proper names are capitalised in news text.
 */
export const FORMS_BY_FIRST_TOKEN: ReadonlyMap<string, GazForm[]> = (() => {
  const index = new Map<string, GazForm[]>();
  const add = (surface: string, entry: GazEntry, adjective: boolean) => {
    const tokens = tokenizeForm(surface.replace(/^the /i, ""));
    const first = tokens[0];
    if (!first) return;
    const bucket = index.get(first) ?? [];
    // A name and an adjective may share a surface ("U.S."): the name wins.
    if (!bucket.some((f) => f.tokens.join(" ") === tokens.join(" ") && f.entry === entry)) {
      bucket.push({ tokens, entry, adjective });
    }
    index.set(first, bucket);
  };
  for (const entry of ENTRIES) {
    add(entry.name, entry, false);
    for (const alias of entry.aliases) add(alias, entry, false);
    // "Haider Abadi" for "Haider al-Abadi": news often drops the article of Arabic names.
    if (entry.type === "PERSON" && / (?:al|el)-/.test(entry.name)) add(entry.name.replace(/ (?:al|el)-/g, " "), entry, false);
    for (const adjective of entry.adjectives) add(adjective, entry, true);
    // "the Iranians overran …", "Iraqis retook …": a people's plural acts for its country.
    for (const people of entry.people ?? []) add(people, entry, false);
  }
  // Longest forms first, so the matcher can stop at the first hit.
  for (const bucket of index.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
})();

export const lowerSet = (words: string[]): Set<string> => new Set(words.map((w) => w.toLowerCase()));
