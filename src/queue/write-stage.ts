/**
 * The write stage of a worker: the articles its concurrent jobs have extracted are written together,
 * in one transaction per batch (writeBatch: each article all-or-nothing, the batch too), one batch at a
 * time per process. Batches form by themselves: whatever was extracted while the previous batch was being
 * written (or waited for the database's write lock) goes into the next one, up to `maxBatch`.
 * A batch that fails for a reason other than the database being away is retried article by article,
 * so one bad article fails only its own job.
 */
import { AppError } from "../errors.ts";
import type { Runner } from "../db/client.ts";
import type { PreparedArticle } from "../ingest/plan.ts";
import { writeBatch, type BatchResult, type WriteStatus } from "../ingest/writer.ts";
import type { WriteLock } from "./write-lock.ts";

export interface ArticleWrite {
  status: WriteStatus;
  batchSize: number;
}

interface Waiting {
  article: PreparedArticle;
  resolve: (w: ArticleWrite) => void;
  reject: (e: unknown) => void;
}

export interface WriteStageStats {
  batches: number;
  articles: number;
  writeMs: number;
}

export class WriteStage {
  readonly stats: WriteStageStats = { batches: 0, articles: 0, writeMs: 0 };
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly db: Runner,
    private readonly opts: { maxBatch: number; lock?: WriteLock },
  ) {}

  /** Resolves once the article is committed (with what the write did), rejects if it could not be. */
  submit(article: PreparedArticle): Promise<ArticleWrite> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ article, resolve, reject });
      void this.drain();
    });
  }

  // Private: a batch takes one version of each article (two jobs of one article never share a transaction).
  private nextBatch(): Waiting[] {
    const ids = new Set<string>();
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of this.waiting) {
      if (batch.length < this.opts.maxBatch && !ids.has(w.article.id)) {
        ids.add(w.article.id);
        batch.push(w);
      } else rest.push(w);
    }
    this.waiting = rest;
    return batch;
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.writeAll(this.nextBatch());
    } finally {
      this.writing = false;
    }
  }

  private async write(articles: PreparedArticle[]): Promise<BatchResult> {
    const run = async () => {
      const t0 = performance.now();
      try {
        return await writeBatch(this.db, articles);
      } finally {
        this.stats.writeMs += performance.now() - t0;
      }
    };
    const r = await (this.opts.lock ? this.opts.lock.hold(run) : run());
    this.stats.batches++;
    this.stats.articles += articles.length;
    return r;
  }

  private async writeAll(batch: Waiting[]): Promise<void> {
    const settle = (w: Waiting, r: BatchResult, size: number) => w.resolve({ status: r.status.get(w.article.id) ?? "unchanged", batchSize: size });
    try {
      const r = await this.write(batch.map((w) => w.article));
      for (const w of batch) settle(w, r, batch.length);
    } catch (e) {
      if (batch.length === 1 || (e instanceof AppError && e.code === "DATABASE_UNAVAILABLE")) {
        for (const w of batch) w.reject(e);
        return;
      }
      for (const w of batch) {
        try {
          settle(w, await this.write([w.article]), 1);
        } catch (e2) {
          w.reject(e2);
        }
      }
    }
  }
}
