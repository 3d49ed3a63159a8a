/**
 * A fingerprint of the extractor: its source and gazetteer files. Stored with each article and
 * part of its change hash, so re-ingesting after an extractor upgrade re-extracts (an unchanged
 * article under an unchanged extractor still costs one read and no write).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [HERE, path.resolve(HERE, "../../data/gazetteer")];

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|json|tsv)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

let cached: string | undefined;

/** "rules-" and 12 hex digits; the same for the same extractor code and data. */
export function extractorVersion(): string {
  if (cached) return cached;
  const h = createHash("sha256");
  for (const dir of SOURCES) {
    for (const f of files(dir)) {
      h.update(path.relative(dir, f)).update("\0").update(fs.readFileSync(f)).update("\0");
    }
  }
  return (cached = `rules-${h.digest("hex").slice(0, 12)}`);
}

/**
 * The fingerprint stored with each article: the rules' version, plus the NLP backbone and model
 * when one is used ("rules-…+corenlp-4.5.7/conll4"), so switching backbone re-extracts on re-ingest.
 */
export function extractorFingerprint(backboneId?: string): string {
  return backboneId ? `${extractorVersion()}+${backboneId}` : extractorVersion();
}
