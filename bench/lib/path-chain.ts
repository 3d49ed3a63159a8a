/**
 * The adversarial path graph of issue 11: a chain of `hops` steps between `hops + 1` entities,
 * every step asserted by `perHop` articles of its own (one SUPPORTED_BY relationship per article,
 * so each step is `perHop` parallel relationships). A path search that walks relationships rather
 * than entity pairs meets perHop^hops paths (11^8 ≈ 214 million for the probe's chain).
 *
 * Written through the service's own write path (writeBatch), so deleteArticles removes it all.
 */
import type { Db } from "../../src/db/client.ts";
import type { EntityType, ExtractionResult } from "../../src/extraction/types.ts";
import { entityId } from "../../src/graph/keys.ts";
import type { PreparedArticle } from "../../src/ingest/plan.ts";
import { writeBatch, deleteArticles } from "../../src/ingest/writer.ts";

export interface PathChain {
  /** Entity ids from the first to the last. */
  entityIds: string[];
  /** Entity names, in the same order (what `connections(from:, to:)` takes). */
  names: string[];
  articleIds: string[];
  remove(): Promise<void>;
}

/** Syllable words, so each run's names are its own and look like names. */
export function word(seed: string, i: number): string {
  const syl = ["ka", "lo", "mi", "ru", "te", "vo", "na", "si", "de", "ba", "go", "pu", "ze", "ri", "fa", "no"];
  const n = [...`${seed}${i}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const w = [0, 4, 8, 12].map((s) => syl[(n >>> s) & 15]!).join("") + syl[i % 16]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

/** `relations: false` writes the articles' mentions only: a chain of co-mentions, with no relation path. */
export async function buildPathChain(db: Db, prefix: string, hops = 8, perHop = 11, opts: { relations?: boolean } = {}): Promise<PathChain> {
  const type: EntityType = "GROUP";
  const names = Array.from({ length: hops + 1 }, (_, i) => `${word(prefix, i)} Brigade ${i}`);
  const entityIds = names.map((n) => entityId(type, n));
  const articles: PreparedArticle[] = [];
  for (let h = 0; h < hops; h++) {
    for (let k = 0; k < perHop; k++) {
      const id = `${prefix}-h${h}-a${k}`;
      const text = `${names[h]} was supported by ${names[h + 1]}.`;
      const objectAt = text.indexOf(names[h + 1]!);
      const extraction: ExtractionResult = {
        article: { id },
        entities: [
          { id: "e1", name: names[h]!, type, aliases: [], mentions: [{ start: 0, end: names[h]!.length }] },
          { id: "e2", name: names[h + 1]!, type, aliases: [], mentions: [{ start: objectAt, end: objectAt + names[h + 1]!.length }] },
        ],
        relations:
          opts.relations === false
            ? []
            : [{ type: "SUPPORTED_BY", subject: "e1", object: "e2", confidence: 0.9, evidence: { start: 0, end: text.length, text } }],
      };
      articles.push({ input: { id, text, source: "path-chain" }, id, contentHash: `${id}-hash`, extraction, extractor: "path-chain" });
    }
  }
  for (let i = 0; i < articles.length; i += 50) await writeBatch(db, articles.slice(i, i + 50));
  const articleIds = articles.map((a) => a.id);
  return { entityIds, names, articleIds, remove: async () => void (await deleteArticles(db, articleIds)) };
}
