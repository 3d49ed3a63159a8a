/**
 * `npm run eval [-- --mode none|corenlp|both] [-- --strict] [-- --verbose] [-- --json FILE]`:
 * precision and recall per relation type of the extractor against the hand-made gold sets, in
 * each extraction mode (rules only, and with the CoreNLP backbone; `both` is the default).
 * Sets (texts from ../shared/corpus or $KG_CORPUS_DIR; a set whose corpus is missing is skipped):
 *   - seeds (always), the FNC-1 development sets tests/fixtures/devset*  → "fnc1 dev" combined;
 *   - the general-news development sets tests/fixtures/gen-*             → "general dev" combined;
 *   - held-out sets tests/fixtures/heldout* (FNC-1, BBC, Reuters): each reported on its own,
 *     never in a combined figure, never judged by --strict, their misses never listed.
 * Matching rules are those stated in each gold file's "about" field.
 * --strict exits 1 when a type misses the target (precision ≥ 0.90, recall ≥ 0.75) on either
 * development combination, in the default mode.
 * The corenlp mode uses CORENLP_URL, else the local CoreNLP (started when needed).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeFileSync } from "node:fs";
import { extractWith } from "../src/extraction/index.ts";
import type { NlpBackbone } from "../src/nlp/types.ts";
import { evalBackbone } from "./eval-backbone.ts";
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

interface GoldSet {
  name: string;
  gold: GoldFile;
  texts: Map<string, string>;
  role: "dev" | "general" | "heldout";
}

async function evaluateSet(set: GoldSet, backbone: NlpBackbone | undefined): Promise<SetResult> {
  const counts = emptyCounts();
  const details: SetResult["details"] = [];
  for (const [id, relations] of Object.entries(set.gold.articles)) {
    const text = set.texts.get(id);
    if (text === undefined) throw new Error(`${set.name}: no text for article "${id}"`);
    const score = scoreArticle(await extractWith(backbone, { id, text }), relations);
    addCounts(counts, score.counts);
    details.push({ id, score });
  }
  return { name: set.name, counts, details };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function table(set: SetResult): string[] {
  const lines = [`${set.name}`, "  type           precision  recall   (tp/fp, found/required)"];
  const all = { tp: 0, fp: 0, found: 0, required: 0 };
  for (const t of RELATION_TYPES) {
    const c = set.counts[t];
    for (const k of COUNT_KEYS) all[k] += c[k];
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.found, c.required);
    const flag = p < TARGET.precision || r < TARGET.recall ? "  ✗" : "";
    lines.push(`  ${t.padEnd(14)} ${p.toFixed(2).padStart(9)}  ${r.toFixed(2).padStart(6)}   (${c.tp}/${c.fp}, ${c.found}/${c.required})${flag}`);
  }
  lines.push(
    `  ${"all".padEnd(14)} ${ratio(all.tp, all.tp + all.fp)
      .toFixed(2)
      .padStart(9)}  ${ratio(all.found, all.required).toFixed(2).padStart(6)}   (${all.tp}/${all.fp}, ${all.found}/${all.required})`,
  );
  return lines;
}

const FIXTURES = path.join(ROOT, "tests/fixtures");
const number = (d: string) => Number(/\d+$/.exec(d)?.[0] ?? 1);

/** The FNC-1 development sets: every tests/fixtures/devset<N> folder, in number order. */
export const DEV_SETS = readdirSync(FIXTURES)
  .filter((d) => /^devset\d*$/.test(d))
  .sort((a, b) => number(a) - number(b));
/** General-news development sets (BBC, Reuters): tests/fixtures/gen-*. */
export const GENERAL_SETS = readdirSync(FIXTURES)
  .filter((d) => /^gen-[a-z0-9-]+$/.test(d))
  .sort();
/** Held-out sets, never tuned on: tests/fixtures/heldout (FNC-1) and heldout-* (one per domain). */
export const HELDOUT_SETS = readdirSync(FIXTURES)
  .filter((d) => /^heldout(?:-[a-z0-9-]+)?$/.test(d))
  .sort();

function loadSets(): GoldSet[] {
  const sets: GoldSet[] = [];
  const seedDir = path.join(FIXTURES, "seeds");
  const seeds = loadGold(path.join(seedDir, "gold.json"));
  sets.push({
    name: "seeds",
    gold: seeds,
    role: "dev",
    texts: new Map(Object.keys(seeds.articles).map((f) => [f, readFileSync(path.join(seedDir, f), "utf8")])),
  });
  const families: [string[], GoldSet["role"]][] = [
    [DEV_SETS, "dev"],
    [GENERAL_SETS, "general"],
    [HELDOUT_SETS, "heldout"],
  ];
  for (const [names, role] of families) {
    for (const name of names) {
      const file = path.join(FIXTURES, name, "gold.json");
      if (!existsSync(file)) {
        console.log(`${name}: tests/fixtures/${name}/gold.json is absent; not evaluated.\n`);
        continue;
      }
      const gold = loadGold(file);
      const corpusFile = path.join(corpusDir(), gold.corpus ?? "fnc1-bodies.ndjson");
      if (!existsSync(corpusFile)) {
        console.log(`${name}: corpus not found at ${corpusFile} (set KG_CORPUS_DIR); not evaluated.\n`);
        continue;
      }
      sets.push({ name, gold, role, texts: readCorpusTexts(corpusFile, new Set(Object.keys(gold.articles))) });
    }
  }
  return sets;
}

function combine(name: string, results: SetResult[]): SetResult {
  const out: SetResult = { name, counts: emptyCounts(), details: results.flatMap((s) => s.details) };
  for (const s of results) addCounts(out.counts, s.counts);
  return out;
}

const below = (set: SetResult): RelationType[] =>
  RELATION_TYPES.filter((t) => {
    const c = set.counts[t];
    return ratio(c.tp, c.tp + c.fp) < TARGET.precision || ratio(c.found, c.required) < TARGET.recall;
  });

type Mode = "none" | "corenlp";

async function runMode(mode: Mode, sets: GoldSet[], verbose: boolean): Promise<{ results: SetResult[]; failed: RelationType[] }> {
  const backbone = mode === "corenlp" ? await evalBackbone() : undefined;
  console.log(`\n=== mode: ${mode === "none" ? "rules only (KG_NLP=none)" : `CoreNLP backbone (${backbone!.id})`} ===\n`);
  const results: SetResult[] = [];
  for (const s of sets) results.push(await evaluateSet(s, backbone));
  const byRole = (role: GoldSet["role"]) => results.filter((_, i) => sets[i]!.role === role);
  const dev = combine("fnc1 dev combined (seeds + devset*)", byRole("dev"));
  const general = combine("general dev combined (gen-*)", byRole("general"));
  for (const r of [...byRole("dev"), dev, ...byRole("general"), ...(byRole("general").length ? [general] : [])]) console.log(table(r).join("\n") + "\n");
  for (const r of byRole("heldout")) console.log(table(r).join("\n") + "\n  (held out: never tuned on; not in a combined figure, not judged by --strict)\n");
  if (verbose) {
    for (const { id, score } of [...dev.details, ...general.details]) {
      for (const m of score.misses) console.log(`MISS ${id} ${m.type} ${m.subject[0]} -> ${m.object?.[0] ?? "(article)"} | ${m.cue ?? ""}`);
      for (const f of score.falsePositives) console.log(`FP   ${id} ${f}`);
    }
  }
  const failed = [...new Set([...below(dev), ...(byRole("general").length ? below(general) : [])])];
  console.log(
    failed.length
      ? `Below target (P ≥ ${TARGET.precision}, R ≥ ${TARGET.recall}) on a development combination: ${failed.join(", ")}`
      : "All types meet the target on the development sets.",
  );
  return { results: [...results, dev, general], failed };
}

async function main(argv: string[]): Promise<number> {
  const strict = argv.includes("--strict");
  const verbose = argv.includes("--verbose");
  const modeArg = argv[argv.indexOf("--mode") + 1];
  const modes: Mode[] = !argv.includes("--mode") || modeArg === "both" ? ["none", "corenlp"] : modeArg === "none" || modeArg === "corenlp" ? [modeArg] : [];
  if (modes.length === 0) {
    console.error(`--mode must be none, corenlp or both; got "${modeArg ?? ""}".`);
    return 2;
  }
  const jsonFile = argv.includes("--json") ? argv[argv.indexOf("--json") + 1] : undefined;
  const sets = loadSets();
  const report: Record<string, unknown> = {};
  let failed: RelationType[] = [];
  for (const mode of modes) {
    const r = await runMode(mode, sets, verbose);
    report[mode] = Object.fromEntries(r.results.map((s) => [s.name, s.counts]));
    if (mode === modes[modes.length - 1]) failed = r.failed;
  }
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 1) + "\n");
  return strict && failed.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
