/**
 * Ingestion: records in, graph out. Per batch: validate → skip unchanged (content hash, before
 * any extraction) → extract → one write transaction. While a batch is written (Neo4j works in
 * its own process) the next one is extracted. A batch that fails for a reason other than the
 * database being away is retried article by article, so one bad article cannot sink its batch.
 */
import { articleHash, articleId } from "../extraction/article-id.ts";
import pLimit from "p-limit";
import { extractArticle, extractWith, type ArticleInput, type ExtractionResult } from "../extraction/index.ts";
import type { ExtractionPool } from "../extraction/pool.ts";
import { extractorFingerprint } from "../extraction/version.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import type { Runner } from "../db/client.ts";
import { AppError, describeError } from "../errors.ts";
import type { ArticleRecord, Origin } from "../input/read-articles.ts";
import type { PreparedArticle } from "./plan.ts";
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
  /** What to tell whoever sent the article: never the detail of an unexpected error (that is `cause`). */
  message: string;
  articleId?: string;
  /** The error behind an EXTRACTION_FAILED or a failed write, for logs; unexpected when not an AppError. */
  cause?: unknown;
}

/**
 * How a failed step is reported for one article: an expected error (AppError) by its own code and
 * message; an unexpected one by `code` and a fixed message, its detail kept in `cause` for the log.
 */
function failureOf(e: unknown, code: string, what: string): Pick<IngestFailure, "code" | "message" | "cause"> {
  if (e instanceof AppError) return { code: code === "WRITE_FAILED" ? e.code : code, message: describeError(e), cause: e };
  return { code, message: `${what} failed unexpectedly for this article (the detail is in the log)`, cause: e };
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
  /** Re-extract and rewrite articles even when their stored hash is the same (re-resolving them after a curation change). */
  force?: boolean;
  /** The NLP backbone (CoreNLP); absent: rules only (KG_NLP=none). */
  nlp?: NlpBackbone;
  /** Articles analysed by the backbone at once (default 4: keeps a 2-thread server busy). */
  nlpConcurrency?: number;
  /** Extraction off the event loop, within a budget per article (the API server's pool); default: in this thread. */
  pool?: ExtractionPool;
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
 * DATABASE_UNAVAILABLE only when Neo4j stays away longer than the driver's retry time, and
 * NLP_UNAVAILABLE when the NLP server does (the batch being extracted is then not written).
 *
 * @example const s = await ingest(db, readArticles(["news.ndjson"]), { onFailure: console.error });
 */
export async function ingest(db: Runner, records: AsyncIterable<ArticleRecord> | Iterable<ArticleRecord>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const batchSize = opts.batchSize ?? 100;
  const version = extractorFingerprint(opts.nlp?.id);
  const limit = pLimit(opts.nlpConcurrency ?? 4);
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
    for (const { article: rec } of batch) byId.set(articleId(rec.article), { rec, hash: articleHash(rec.article, version) });
    const stored = await timed(() => db.read("articleHashes", { ids: [...byId.keys()] }));
    const storedHash = new Map(stored.map((r) => [r.id as string, r.contentHash as string]));
    const pending: Pending = { prepared: [], origins: new Map() };
    const te = performance.now();
    const changed = [...byId].filter(([id, { hash }]) => {
      if (opts.force || storedHash.get(id) !== hash) return true;
      s.unchanged++;
      opts.onArticle?.(id, "unchanged");
      return false;
    });
    // With a backbone the analyses run concurrently (the server's threads); the rules stay in order.
    const extract = (input: ArticleInput & { id: string }): Promise<ExtractionResult> => {
      if (opts.pool) return limit(() => opts.pool!.extract(input, opts.nlp, opts.signal));
      if (opts.nlp) return limit(() => extractWith(opts.nlp, input, opts.signal));
      return Promise.resolve().then(() => extractArticle(input));
    };
    const results = await Promise.allSettled(changed.map(([id, { rec }]) => extract({ ...rec.article, id })));
    results.forEach((r, k) => {
      const [id, { rec, hash }] = changed[k]!;
      if (r.status === "rejected") {
        const reason: unknown = r.reason;
        // The NLP server gone for longer than its retry budget stops the run, like Neo4j: nothing of this batch is written.
        if (reason instanceof AppError && reason.code === "NLP_UNAVAILABLE") throw reason;
        if (reason instanceof AppError && reason.code === "EXTRACTION_BUDGET_EXCEEDED")
          fail({ origin: rec.origin, code: "EXTRACTION_BUDGET_EXCEEDED", message: reason.message, articleId: id });
        else fail({ origin: rec.origin, ...failureOf(reason, "EXTRACTION_FAILED", "extraction"), articleId: id });
        return;
      }
      pending.prepared.push({ input: rec.article, id, contentHash: hash, extraction: r.value, extractor: version });
      pending.origins.set(id, rec.origin);
    });
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
      count(await timed(() => writeBatch(db, p.prepared, opts.force)));
    } catch (e) {
      if (e instanceof AppError && e.code === "DATABASE_UNAVAILABLE") throw e;
      // Isolate the article that broke the batch; the others still land.
      for (const a of p.prepared) {
        try {
          count(await timed(() => writeBatch(db, [a], opts.force)));
        } catch (e2) {
          if (e2 instanceof AppError && e2.code === "DATABASE_UNAVAILABLE") throw e2;
          fail({ origin: p.origins.get(a.id)!, ...failureOf(e2, "WRITE_FAILED", "storing"), articleId: a.id });
        }
      }
    }
    s.totalMs = performance.now() - t0;
    opts.onProgress?.({ ...s });
  };

  let batch: { article: ArticleRecord & { ok: true } }[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    let pending: Pending;
    try {
      pending = await prepare(batch);
    } catch (e) {
      await inFlight.catch(() => {}); // the batch before lands (or fails) before the run stops
      throw e;
    }
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
