/**
 * Extraction off the event loop, for the API server: the rules run in worker threads (piscina),
 * each article within a time and memory budget, so one pathological article can neither block
 * /health nor exhaust the server's heap. Over budget, the worker is ended and the article fails
 * with EXTRACTION_BUDGET_EXCEEDED; the others go on. The NLP backbone's analysis (I/O) is made
 * here, before the article is handed to a worker.
 *
 * @example
 *   const pool = new ExtractionPool({ timeoutMs: 60_000, memoryMb: 512 });
 *   const r = await pool.extract({ text }, backbone);
 *   await pool.close();
 */
import pLimit, { type LimitFunction } from "p-limit";
import { Piscina } from "piscina";
import { AppError } from "../errors.ts";
import { envInt, type Env } from "../config.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import { prepareText } from "./normalize.ts";
import type { ArticleInput, ExtractionResult } from "./types.ts";

export interface ExtractionPoolOptions {
  /** Longest one article may take, analysis and rules together (ms). */
  timeoutMs: number;
  /** Heap a worker may use for one article (MiB); over it the worker is ended. */
  memoryMb: number;
  /** Worker threads (default 1: the API server shares its cores with Neo4j and CoreNLP). */
  threads?: number;
}

/** KG_EXTRACT_TIMEOUT_MS (default 60 s) and KG_EXTRACT_MEMORY_MB (default 512), validated. */
export function extractionPoolConfig(env: Env = process.env): ExtractionPoolOptions {
  return {
    timeoutMs: envInt(env, "KG_EXTRACT_TIMEOUT_MS", 60_000, 100, 3_600_000),
    memoryMb: envInt(env, "KG_EXTRACT_MEMORY_MB", 512, 64, 65_536),
  };
}

export class ExtractionPool {
  private readonly pool: Piscina;
  private readonly timeoutMs: number;
  /** One article per worker thread at a time, so an article's budget starts when it runs. */
  private readonly slots: LimitFunction;

  constructor(o: ExtractionPoolOptions) {
    this.timeoutMs = o.timeoutMs;
    this.slots = pLimit(o.threads ?? 1);
    this.pool = new Piscina({
      filename: new URL("./worker-entry.mjs", import.meta.url).href,
      minThreads: o.threads ?? 1,
      maxThreads: o.threads ?? 1,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: o.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(16, o.memoryMb / 8)) },
    });
  }

  /** The article's extraction, or EXTRACTION_BUDGET_EXCEEDED when it takes too long or too much memory. */
  async extract(input: ArticleInput, nlp?: NlpBackbone, signal?: AbortSignal): Promise<ExtractionResult> {
    const text = typeof input.text === "string" ? input.text : "";
    const over = () =>
      new AppError(
        "EXTRACTION_BUDGET_EXCEEDED",
        `Extracting this article (${text.length} characters) took longer than ${this.timeoutMs} ms; split it into smaller articles.`,
      );
    // The budget applies to each stage of this article, from when it starts: the analysis, then the
    // rules once a worker is free (waiting behind another article does not count against it).
    const stage = async <T>(run: (abort: AbortSignal) => Promise<T>): Promise<T> => {
      const budget = AbortSignal.timeout(this.timeoutMs);
      try {
        return await run(signal ? AbortSignal.any([budget, signal]) : budget);
      } catch (e) {
        if (budget.aborted) throw over();
        throw e;
      }
    };
    try {
      const analysis = nlp ? await stage((abort) => nlp.analyze(prepareText(text).text, abort)) : undefined;
      return await this.slots(async () => {
        // A worker ended for the article before is replaced, and its start (loading the rules) is not this article's cost.
        await this.pool.run({ ping: true });
        return stage((abort) => this.pool.run({ input, nlp: analysis }, { signal: abort }) as Promise<ExtractionResult>);
      });
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(e as { code?: string }).code ?? ""} ${e.message}`)) {
        throw new AppError(
          "EXTRACTION_BUDGET_EXCEEDED",
          `Extracting this article (${text.length} characters) needed more memory than its budget; split it into smaller articles.`,
        );
      }
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
