/**
 * `npm run eval [-- --strict] [-- --verbose]`: precision and recall per relation type of
 * the extractor against the hand-made gold sets — the seeds (always) and the FNC-1
 * development sets tests/fixtures/devset* (when the corpus is available: ../shared/corpus or
 * $KG_CORPUS_DIR); together they form "combined", which --strict judges.
 * Matching rules are those stated in each gold file's "about" field.
 * --strict exits 1 when a type misses the target (precision ≥ 0.90, recall ≥ 0.75).
 * The held-out FNC-1 set (tests/fixtures/heldout) is scored and reported on its own: it is not
 * part of "combined", not judged by --strict, and its misses are not listed by --verbose.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extractArticle } from "../src/extraction/index.ts";
import { RELATION_TYPES, type ExtractionResult, type RelationType } from "../src/extraction/types.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const TARGET = { precision: 0.9, recall: 0.75 };

export interface GoldRelation {
  type: RelationType;
  required: boolean;
  subject: string[];
  object?: string[];
  time?: string;
  cue?: string;
}

export interface GoldFile {
  about: string;
  corpus?: string;
  articles: Record<string, GoldRelation[]>;
}

export interface Counts {
  tp: number;
  fp: number;
  found: number;
  required: number;
}

export interface ArticleScore {
  counts: Record<RelationType, Counts>;
  misses: GoldRelation[];
  falsePositives: string[];
}

/** Case, diacritics, apostrophes, acronym dots, a leading "the" and a trailing possessive are ignored. */
export function normalizeName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`]s$/, "")
    .replace(/['’`.]/g, "")
    .replace(/^the\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

const COUNT_KEYS = ["tp", "fp", "found", "required"] as const;

function addCounts(into: Record<RelationType, Counts>, from: Record<RelationType, Counts>): void {
  for (const t of RELATION_TYPES) for (const k of COUNT_KEYS) into[t][k] += from[t][k];
}

const emptyCounts = (): Record<RelationType, Counts> =>
  Object.fromEntries(RELATION_TYPES.map((t) => [t, { tp: 0, fp: 0, found: 0, required: 0 }])) as Record<RelationType, Counts>;

/** Scores one article's extraction against its gold relations. */
export function scoreArticle(result: ExtractionResult, gold: GoldRelation[]): ArticleScore {
  const names = new Map(result.entities.map((e) => [e.id, new Set([e.name, ...e.aliases].map(normalizeName))]));
  const hits = (id: string, listed: string[] | undefined) => listed !== undefined && listed.some((n) => names.get(id)?.has(normalizeName(n)));
  const matches = (r: ExtractionResult["relations"][number], g: GoldRelation) =>
    r.type === g.type && hits(r.subject, g.subject) && (g.type === "QUOTED_IN" || hits(r.object, g.object));
  const counts = emptyCounts();
  const falsePositives: string[] = [];
  const label = (id: string) => result.entities.find((e) => e.id === id)?.name ?? id;
  for (const r of result.relations) {
    const matched = gold.filter((g) => matches(r, g));
    if (matched.some((g) => g.required)) counts[r.type].tp++;
    else if (matched.length === 0) {
      counts[r.type].fp++;
      falsePositives.push(`${r.type} ${label(r.subject)} -> ${r.type === "QUOTED_IN" ? "(article)" : label(r.object)} | ${r.evidence.text.slice(0, 160)}`);
    }
  }
  const misses: GoldRelation[] = [];
  for (const g of gold.filter((x) => x.required)) {
    counts[g.type].required++;
    if (result.relations.some((r) => matches(r, g))) counts[g.type].found++;
    else misses.push(g);
  }
  return { counts, misses, falsePositives };
}

export function loadGold(file: string): GoldFile {
  return JSON.parse(readFileSync(file, "utf8")) as GoldFile;
}

/** The corpus directory: $KG_CORPUS_DIR, else ../shared/corpus next to the repository. */
export function corpusDir(): string {
  return process.env.KG_CORPUS_DIR ?? path.resolve(ROOT, "../shared/corpus");
}

/** Texts of the wanted ids from an ndjson corpus file. */
export function readCorpusTexts(file: string, ids: Set<string>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; text: string };
    if (ids.has(row.id)) texts.set(row.id, row.text);
  }
  return texts;
}

interface SetResult {
  name: string;
  counts: Record<RelationType, Counts>;
  details: { id: string; score: ArticleScore }[];
}

function evaluateSet(name: string, gold: GoldFile, texts: Map<string, string>): SetResult {
  const counts = emptyCounts();
  const details: SetResult["details"] = [];
  for (const [id, relations] of Object.entries(gold.articles)) {
    const text = texts.get(id);
    if (text === undefined) throw new Error(`${name}: no text for article "${id}"`);
    const score = scoreArticle(extractArticle({ id, text }), relations);
    addCounts(counts, score.counts);
    details.push({ id, score });
  }
  return { name, counts, details };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function table(set: SetResult): string[] {
  const lines = [`${set.name}`, "  type           precision  recall   (tp/fp, found/required)"];
  for (const t of RELATION_TYPES) {
    const c = set.counts[t];
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.found, c.required);
    const flag = p < TARGET.precision || r < TARGET.recall ? "  ✗" : "";
    lines.push(`  ${t.padEnd(14)} ${p.toFixed(2).padStart(9)}  ${r.toFixed(2).padStart(6)}   (${c.tp}/${c.fp}, ${c.found}/${c.required})${flag}`);
  }
  return lines;
}

/** The development sets: every tests/fixtures/devset<N> folder, in number order. */
export const DEV_SETS = readdirSync(path.join(ROOT, "tests/fixtures"))
  .filter((d) => /^devset\d*$/.test(d))
  .sort((a, b) => Number(a.slice(6) || 1) - Number(b.slice(6) || 1));

function main(argv: string[]): number {
  const strict = argv.includes("--strict");
  const verbose = argv.includes("--verbose");
  const sets: SetResult[] = [];
  const seedDir = path.join(ROOT, "tests/fixtures/seeds");
  const seeds = loadGold(path.join(seedDir, "gold.json"));
  const seedTexts = new Map(Object.keys(seeds.articles).map((f) => [f, readFileSync(path.join(seedDir, f), "utf8")]));
  sets.push(evaluateSet("seeds", seeds, seedTexts));

  for (const devName of DEV_SETS) {
    const devGold = path.join(ROOT, `tests/fixtures/${devName}/gold.json`);
    if (existsSync(devGold)) {
      const dev = loadGold(devGold);
      const corpusFile = path.join(corpusDir(), dev.corpus ?? "fnc1-bodies.ndjson");
      if (existsSync(corpusFile)) sets.push(evaluateSet(devName, dev, readCorpusTexts(corpusFile, new Set(Object.keys(dev.articles)))));
      else console.log(`${devName}: corpus not found at ${corpusFile} (set KG_CORPUS_DIR); not evaluated.\n`);
    } else console.log(`${devName}: tests/fixtures/${devName}/gold.json is absent; not evaluated.\n`);
  }

  const combined: SetResult = { name: "combined", counts: emptyCounts(), details: sets.flatMap((s) => s.details) };
  for (const s of sets) addCounts(combined.counts, s.counts);
  for (const s of sets.length > 1 ? [...sets, combined] : sets) console.log(table(s).join("\n") + "\n");

  if (verbose) {
    for (const { id, score } of combined.details) {
      for (const m of score.misses) console.log(`MISS ${id} ${m.type} ${m.subject[0]} -> ${m.object?.[0] ?? "(article)"} | ${m.cue ?? ""}`);
      for (const f of score.falsePositives) console.log(`FP   ${id} ${f}`);
    }
  }
  const final = sets.length > 1 ? combined : sets[0]!;
  const failed = RELATION_TYPES.filter((t) => {
    const c = final.counts[t];
    return ratio(c.tp, c.tp + c.fp) < TARGET.precision || ratio(c.found, c.required) < TARGET.recall;
  });
  console.log(failed.length ? `Below target (P ≥ ${TARGET.precision}, R ≥ ${TARGET.recall}): ${failed.join(", ")}` : "All types meet the target.");

  // Held-out set: reported separately, never part of "combined" or --strict.
  const heldGold = path.join(ROOT, "tests/fixtures/heldout/gold.json");
  if (existsSync(heldGold)) {
    const held = loadGold(heldGold);
    const corpusFile = path.join(corpusDir(), held.corpus ?? "fnc1-bodies.ndjson");
    if (existsSync(corpusFile)) {
      const heldout = evaluateSet("heldout", held, readCorpusTexts(corpusFile, new Set(Object.keys(held.articles))));
      console.log("\n" + table(heldout).join("\n") + "\n  (held out: reported separately; not in combined, not judged by --strict)");
    } else console.log(`\nheldout: corpus not found at ${corpusFile} (set KG_CORPUS_DIR); not evaluated.`);
  }
  return strict && failed.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
