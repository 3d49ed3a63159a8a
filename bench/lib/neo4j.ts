/**
 * The benchmark's Neo4j: a dedicated local instance ("bench", Bolt 7689 unless KG_BENCH_BOLT_PORT)
 * so benchmarks never touch the "default" (7687) or "test" (7688) data; or NEO4J_URI when set
 * (then wiping needs an explicit --wipe). Every Cypher statement the benchmarks themselves run
 * lives in bench/cypher/*.cypher; the service's own statements stay in cypher/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { explicitNeo4jConfig, type Neo4jConfig } from "../../src/config.ts";
import { Db, type DbOptions } from "../../src/db/client.ts";
import { startLocalNeo4j, stopLocalNeo4j, localNeo4jStatus, type LocalNeo4jOptions } from "../../src/db/local-neo4j.ts";

const BENCH_CYPHER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cypher");

/** Text of bench/cypher/<name>.cypher. */
export function benchCypher(name: string): string {
  return fs
    .readFileSync(path.join(BENCH_CYPHER_DIR, `${name}.cypher`), "utf8")
    .replace(/^\s*\/\/.*$/gm, "")
    .trim();
}

export function benchLocalOptions(): LocalNeo4jOptions {
  return {
    instance: "bench",
    boltPort: Number(process.env.KG_BENCH_BOLT_PORT ?? 7689),
    heap: process.env.KG_BENCH_HEAP ?? "1g",
    pageCache: process.env.KG_BENCH_PAGECACHE ?? "1g",
    log: (l) => process.stderr.write(l + "\n"),
  };
}

export interface BenchNeo4j {
  cfg: Neo4jConfig;
  /** True for the dedicated local bench instance (safe to wipe). */
  dedicated: boolean;
}

/** NEO4J_URI if set, else the bench instance (started if needed). */
export async function benchNeo4j(): Promise<BenchNeo4j> {
  const explicit = explicitNeo4jConfig();
  if (explicit) return { cfg: explicit, dedicated: false };
  const creds = await startLocalNeo4j(benchLocalOptions());
  return { cfg: { ...creds, database: process.env.NEO4J_DATABASE ?? "neo4j", local: true }, dedicated: true };
}

export function benchDb(b: BenchNeo4j, opts: DbOptions = {}): Db {
  return new Db(b.cfg, opts);
}

/** Stop the bench instance if it runs (never any other instance). */
export async function stopBenchNeo4j(): Promise<boolean> {
  return stopLocalNeo4j(benchLocalOptions());
}

export function benchNeo4jStatus() {
  return localNeo4jStatus(benchLocalOptions());
}

/** Run one bench/cypher statement in an auto-commit session (needed for CALL … IN TRANSACTIONS). */
export async function runBench(db: Db, name: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const session = db.driver.session({ database: db.database });
  try {
    const res = await session.run(benchCypher(name), params);
    return res.records.map((r) => {
      const o: Record<string, unknown> = {};
      for (const k of r.keys) {
        const v: unknown = r.get(k);
        o[k as string] = typeof v === "object" && v !== null && "toNumber" in v ? (v as { toNumber(): number }).toNumber() : v;
      }
      return o;
    });
  } finally {
    await session.close();
  }
}

/**
 * Empty the database with batched deletes. Only on the dedicated bench instance, or with NEO4J_URI
 * when the user passed --wipe; anything else throws.
 */
export async function wipe(db: Db, b: BenchNeo4j, allowExplicit: boolean): Promise<void> {
  if (!b.dedicated && !allowExplicit) {
    throw new Error("Refusing to wipe the database at NEO4J_URI: pass --wipe to allow it (all its data will be deleted).");
  }
  await runBench(db, "wipe");
}

export interface GraphCounts {
  articles: number;
  entities: number;
  relations: number;
  quotes: number;
  mentions: number;
}

export async function graphCounts(db: Db): Promise<GraphCounts> {
  const [r] = await runBench(db, "counts");
  return r as unknown as GraphCounts;
}

export interface SourceCoverage {
  source: string;
  articles: number;
  relations: number;
  quotes: number;
  relationsPerArticle: number;
  quotesPerArticle: number;
}

/** Relations and quotes per article by corpus source (fnc1 / bbc / reuters), from the graph. */
export async function coverageBySource(db: Db): Promise<SourceCoverage[]> {
  return (await runBench(db, "coverageBySource")).map((r) => {
    const articles = Number(r.articles);
    return {
      source: String(r.source),
      articles,
      relations: Number(r.relations),
      quotes: Number(r.quotes),
      relationsPerArticle: Math.round((Number(r.relations) / Math.max(articles, 1)) * 1000) / 1000,
      quotesPerArticle: Math.round((Number(r.quotes) / Math.max(articles, 1)) * 1000) / 1000,
    };
  });
}

export async function neo4jVersion(db: Db): Promise<string> {
  try {
    const [r] = await runBench(db, "version");
    return `${String(r?.name)} ${String(r?.version)} ${String(r?.edition)}`;
  } catch {
    return "unknown";
  }
}
