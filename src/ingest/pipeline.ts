/**
 * Ingestion: records in, graph out. Per batch: validate → skip unchanged (content hash, before
 * any extraction) → extract → one write transaction. While a batch is written (Neo4j works in
 * its own process) the next one is extracted. A batch that fails for a reason other than the
 * database being away is retried article by article, so one bad article cannot sink its batch.
 */
import { articleHash, articleId } from "../extraction/article-id.ts";
import { extractArticle } from "../extraction/index.ts";
import type { Db } from "../db/client.ts";
import { AppError, describeError } from "../errors.ts";
import type { ArticleRecord, Origin } from "../input/read-articles.ts";
import { EXTRACTOR_VERSION, type PreparedArticle } from "./plan.ts";
import { writeBatch, type BatchResult } from "./writer.ts";

export interface IngestSummary {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  entitiesCreated: number;
  relations: number;
  quotes: number;
  /** Wall time during which a Neo4j read or write was in flight, ms (overlaps counted once). */
  neo4jMs: number;
  extractMs: number;
  totalMs: number;
}

export interface IngestFailure {
  origin: Origin;
  code: string;
  message: string;
  articleId?: string;
}

export interface IngestOptions {
  batchSize?: number;
  onFailure?: (f: IngestFailure) => void;
  /** Called after each batch with the running summary. */
  onProgress?: (s: IngestSummary) => void;
  /** Told each stored or skipped article's outcome. */
  onArticle?: (articleId: string, status: "new" | "updated" | "unchanged") => void;
  /** Stop taking new records (SIGTERM): the batch in flight finishes or rolls back. */
  signal?: AbortSignal;
}

interface Pending {
  prepared: PreparedArticle[];
  origins: Map<string, Origin>;
}

export function emptySummary(): IngestSummary {
  return { new: 0, updated: 0, unchanged: 0, failed: 0, entitiesCreated: 0, relations: 0, quotes: 0, neo4jMs: 0, extractMs: 0, totalMs: 0 };
}

/**
 * Ingest every record; never throws for a bad record (reported through `onFailure`), throws
 * DATABASE_UNAVAILABLE only when Neo4j stays away longer than the driver's retry time.
 *
 * @example const s = await ingest(db, readArticles(["news.ndjson"]), { onFailure: console.error });
 */
export async function ingest(db: Db, records: AsyncIterable<ArticleRecord> | Iterable<ArticleRecord>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const batchSize = opts.batchSize ?? 100;
  const s = emptySummary();
  const t0 = performance.now();
  const fail = (f: IngestFailure) => {
    s.failed++;
    opts.onFailure?.(f);
  };

  // Wall time during which at least one Neo4j call is in flight: a hash read overlapping a write
  // counts once, so neo4jMs / totalMs is a true share.
  let inNeo4j = 0;
  let busySince = 0;
  const timed = async <T>(p: () => Promise<T>): Promise<T> => {
    if (inNeo4j++ === 0) busySince = performance.now();
    try {
      return await p();
    } finally {
      if (--inNeo4j === 0) s.neo4jMs += performance.now() - busySince;
    }
  };

  // Private: hash check and extraction for one batch of valid records.
  const prepare = async (batch: { article: ArticleRecord & { ok: true } }[]): Promise<Pending> => {
    const byId = new Map<string, { rec: ArticleRecord & { ok: true }; hash: string }>();
    for (const { article: rec } of batch) byId.set(articleId(rec.article), { rec, hash: articleHash(rec.article, EXTRACTOR_VERSION) });
    const stored = await timed(() => db.read("articleHashes", { ids: [...byId.keys()] }));
    const storedHash = new Map(stored.map((r) => [r.id as string, r.contentHash as string]));
    const pending: Pending = { prepared: [], origins: new Map() };
    const te = performance.now();
    for (const [id, { rec, hash }] of byId) {
      const old = storedHash.get(id);
      if (old === hash) {
        s.unchanged++;
        opts.onArticle?.(id, "unchanged");
        continue;
      }
      try {
        const extraction = extractArticle({ ...rec.article, id });
        pending.prepared.push({ input: rec.article, id, contentHash: hash, extraction });
        pending.origins.set(id, rec.origin);
      } catch (e) {
        fail({ origin: rec.origin, code: "EXTRACTION_FAILED", message: describeError(e), articleId: id });
      }
    }
    s.extractMs += performance.now() - te;
    return pending;
  };

  // The status is the write's (decided under the article's lock), not the hash check's: another
  // writer may have stored the article between the two.
  const count = (r: BatchResult) => {
    for (const [id, status] of r.status) {
      s[status]++;
      opts.onArticle?.(id, status);
    }
    s.entitiesCreated += r.entitiesCreated;
    s.relations += r.relations;
    s.quotes += r.quotes;
  };

  const write = async (p: Pending): Promise<void> => {
    if (p.prepared.length === 0) return;
    try {
      count(await timed(() => writeBatch(db, p.prepared)));
    } catch (e) {
      if (e instanceof AppError && e.code === "DATABASE_UNAVAILABLE") throw e;
      // Isolate the article that broke the batch; the others still land.
      for (const a of p.prepared) {
        try {
          count(await timed(() => writeBatch(db, [a])));
        } catch (e2) {
          if (e2 instanceof AppError && e2.code === "DATABASE_UNAVAILABLE") throw e2;
          fail({ origin: p.origins.get(a.id)!, code: "WRITE_FAILED", message: describeError(e2), articleId: a.id });
        }
      }
    }
    s.totalMs = performance.now() - t0;
    opts.onProgress?.({ ...s });
  };

  let batch: { article: ArticleRecord & { ok: true } }[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const pending = await prepare(batch);
    batch = [];
    await inFlight; // the previous write overlapped with this batch's extraction
    inFlight = write(pending);
    inFlight.catch(() => {}); // observed at the next await
  };
  for await (const rec of records) {
    if (opts.signal?.aborted) break;
    if (!rec.ok) {
      fail({ origin: rec.origin, code: rec.code, message: rec.message });
      continue;
    }
    batch.push({ article: rec });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0 && !opts.signal?.aborted) await flush();
  await inFlight;
  s.totalMs = performance.now() - t0;
  return s;
}
