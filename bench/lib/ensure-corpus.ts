/** Make sure the bench database holds the corpus (or its first `limit` articles): reuse it if it does, else wipe and ingest. */
import type { Db } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { corpusRecords, corpusSize } from "./corpus.ts";
import { ingestPass } from "./ingest-pass.ts";
import { machineInfo } from "./machine.ts";
import { benchDb, benchNeo4j, graphCounts, wipe, type BenchNeo4j, type GraphCounts } from "./neo4j.ts";

export async function ensureCorpus(
  db: Db,
  b: BenchNeo4j,
  opts: { limit?: number; allowWipe: boolean; log: (l: string) => void },
): Promise<{ counts: GraphCounts; ingested: boolean }> {
  const want = opts.limit ?? corpusSize();
  const have = await graphCounts(db);
  // Reuse when the article count matches what this corpus (prefix) yields; a failed record or two is tolerated.
  if (have.articles >= want - 50 && have.articles <= want) {
    opts.log(`Reusing the bench database: it holds ${have.articles} articles (${have.entities} entities, ${have.relations} relations, ${have.quotes} quotes).`);
    return { counts: have, ingested: false };
  }
  opts.log(`The bench database holds ${have.articles} articles, not the ${want} wanted: wiping and ingesting…`);
  await wipe(db, b, opts.allowWipe);
  await migrate(db);
  const r = await ingestPass(db, corpusRecords({ limit: opts.limit }), { progress: opts.log });
  opts.log(`Ingested ${r.articles} articles in ${r.seconds} s (${r.articlesPerSec}/s).`);
  return { counts: await graphCounts(db), ingested: true };
}

/**
 * The start of every query benchmark: the bench Neo4j, holding the corpus (or its `limit` prefix),
 * and the machine description for the results file.
 */
export async function preparedBenchDatabase(opts: { limit?: number; allowWipe: boolean; log: (l: string) => void }): Promise<{
  b: BenchNeo4j;
  counts: GraphCounts;
  machine: Awaited<ReturnType<typeof machineInfo>>;
}> {
  const b = await benchNeo4j();
  const db = benchDb(b, { maxRetryMs: 120_000, acquireTimeoutMs: 10_000 });
  try {
    const counts = (await ensureCorpus(db, b, opts)).counts;
    return { b, counts, machine: await machineInfo(db) };
  } finally {
    await db.close();
  }
}
