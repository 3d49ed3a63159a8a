/**
 * `kg extract FILE [--format json|text] [--title T]`: entities and relations of the
 * articles in FILE, without a database. One article prints one JSON object; .ndjson /
 * .jsonl input (or a JSON array) prints one JSON object per line. Bad records are
 * reported on stderr with file and line, and the rest goes on; exit code 1 if any failed.
 */
import path from "node:path";
import { extractWith, type ExtractionResult } from "../../extraction/index.ts";
import { resolveBackbone } from "../../nlp/backbone.ts";
import { formatText } from "../../extraction/format-text.ts";
import { readArticleFile } from "../../input/read-articles.ts";
import { parseCommandArgs } from "../args.ts";

const USAGE = `Usage: kg extract FILE [--format json|text] [--title T]
FILE: .txt (whole file is the text), .md (first "# " heading is the title), .json (one article
object {id?, title?, text, url?, source?, publishedAt?}) or .ndjson (one article per line).`;

export async function runExtract(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg extract", argv, { flags: ["help"], values: ["format", "title"] });
  if (args.flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const format = args.values.get("format") ?? "json";
  const [file, ...extra] = args.positionals;
  if (format !== "json" && format !== "text") return usageError(`unknown --format "${format}" (use json or text)`);
  if (!file) return usageError("missing FILE");
  if (extra.length) return usageError(`one FILE at a time (got also: ${extra.join(" ")})`);

  const perLine = /\.(?:ndjson|jsonl)$/i.test(file);
  const results: ExtractionResult[] = [];
  const nlp = await resolveBackbone({ log: (l) => process.stderr.write(l + "\n") });
  let failed = 0;
  for await (const record of readArticleFile(file, { title: args.values.get("title") })) {
    if (!record.ok) {
      failed++;
      const where = record.origin.line !== undefined ? `${record.origin.file}:${record.origin.line}` : record.origin.file;
      process.stderr.write(`kg extract: ${where}: ${record.code}: ${record.message}\n`);
      continue;
    }
    const result = await extractWith(nlp, record.article);
    if (format === "text") process.stdout.write(formatText(result) + "\n\n");
    else if (perLine) process.stdout.write(JSON.stringify(result) + "\n");
    else results.push(result);
  }
  // A single-article file prints one pretty object; a JSON array prints one object per line.
  if (results.length === 1) process.stdout.write(JSON.stringify(results[0], null, 2) + "\n");
  else if (results.length > 1) process.stdout.write(results.map((r) => JSON.stringify(r)).join("\n") + "\n");
  if (failed) process.stderr.write(`kg extract: ${failed} record(s) of ${path.basename(file)} failed.\n`);
  return failed ? 1 : 0;
}

function usageError(message: string): number {
  process.stderr.write(`kg extract: ${message}\n${USAGE}\n`);
  return 2;
}
