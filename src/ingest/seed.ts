import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import { readArticles } from "../input/read-articles.ts";
import { ingest } from "./pipeline.ts";

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data/samples");

/** On an empty database, ingest the sample articles so a newcomer sees data at once. */
export async function seedIfEmpty(db: Db, log: Logger, nlp?: NlpBackbone): Promise<void> {
  const [row] = await db.read("stats");
  if (Number(row?.articles ?? 0) > 0) return;
  const summary = await ingest(db, readArticles([SAMPLES_DIR]), {
    nlp,
    onFailure: (f) => log.warn({ failure: f }, "a sample article failed to ingest"),
  });
  log.info({ summary }, `seeded the empty database with ${summary.new} sample articles from data/samples`);
}
