/** The two seed articles as ingestion records, optionally under other ids (so a test owns its copy). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ArticleRecord } from "../../src/input/read-articles.ts";

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data/samples");

export const SEED_IDS = ["us-big-win-in-iraq", "liberation-of-mosul-editorial"] as const;

export function seedRecords(idPrefix = ""): ArticleRecord[] {
  return SEED_IDS.map((id) => {
    const a = JSON.parse(fs.readFileSync(path.join(SAMPLES, `${id}.json`), "utf8")) as {
      id: string;
      text: string;
      title: string;
      publishedAt: string;
      source: string;
    };
    return { ok: true as const, article: { ...a, id: idPrefix + a.id }, origin: { file: `${id}.json` } };
  });
}
