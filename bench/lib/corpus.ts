/**
 * The benchmark corpus: ../shared/corpus/*.ndjson (KG_CORPUS_DIR overrides), read through the
 * service's own reader (`readArticles`, as `kg ingest` does). Texts are never copied into the repo.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readArticles, type ArticleRecord } from "../../src/input/read-articles.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Files in this order: the ISIS / Mosul material (fnc1) first, so small prefixes answer the API queries. */
export const CORPUS_FILES = ["fnc1-bodies.ndjson", "bbc-2005.ndjson", "reuters21578.ndjson"];

export function corpusDir(): string {
  return process.env.KG_CORPUS_DIR ?? path.resolve(REPO_ROOT, "..", "shared", "corpus");
}

/** The corpus files, or exit 1 with a clear message when the corpus is absent. */
export function corpusFiles(): string[] {
  const dir = corpusDir();
  const files = CORPUS_FILES.map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  if (files.length === 0) {
    process.stderr.write(
      `The benchmark corpus is missing: no ${CORPUS_FILES.join(", ")} in ${dir}.\n` +
        `Put the corpus there (see ../shared/corpus/README.md) or point KG_CORPUS_DIR at the folder holding the .ndjson files.\n`,
    );
    process.exit(1);
  }
  return files;
}

/** Number of records (non-empty lines) in the corpus files. */
export function corpusSize(files = corpusFiles()): number {
  let n = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    let lines = 0;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) lines++;
    if (buf.length > 0 && buf[buf.length - 1] !== 10) lines++;
    n += lines;
  }
  return n;
}

/** Records [skip, skip + limit) of the corpus, in file order. */
export async function* corpusRecords(opts: { skip?: number; limit?: number } = {}): AsyncGenerator<ArticleRecord> {
  const skip = opts.skip ?? 0;
  const end = opts.limit === undefined ? Infinity : skip + opts.limit;
  let i = 0;
  for await (const r of readArticles(corpusFiles())) {
    if (i >= end) return;
    if (i++ >= skip) yield r;
  }
}

/** The first `perSource` records of each corpus file (fnc1, bbc, reuters), for a sample that covers every kind of news. */
export async function* corpusSample(perSource: number): AsyncGenerator<ArticleRecord> {
  for (const file of corpusFiles()) {
    let i = 0;
    for await (const r of readArticles([file])) {
      if (i++ >= perSource) break;
      yield r;
    }
  }
}
