/** One timed pass of the real ingestion pipeline over corpus records, with per-window throughput and peak RSS. */
import type { Db } from "../../src/db/client.ts";
import { articleId } from "../../src/extraction/article-id.ts";
import { ingest, type IngestSummary } from "../../src/ingest/pipeline.ts";
import type { ArticleRecord } from "../../src/input/read-articles.ts";
import type { NlpBackbone } from "../../src/nlp/types.ts";
import { round } from "./stats.ts";

export interface WindowRate {
  /** Articles processed in this pass when the window closed (and, with `offset`, in the database). */
  upTo: number;
  articlesPerSec: number;
  /** Article text ingested per second in this window (KiB/s): the corpus mixes long and short articles. */
  textKiBPerSec: number;
}

export interface PassResult {
  articles: number;
  seconds: number;
  articlesPerSec: number;
  /** neo4jMs / totalMs as the pipeline reports it (since 98c3a40: wall time with a Neo4j call in flight). */
  neo4jShare: number;
  /** extractMs / totalMs: extraction runs in this process, overlapping the write in flight. */
  extractShare: number;
  textMiB: number;
  peakRssMiB: number;
  summary: IngestSummary;
  windows: WindowRate[];
  failures: { code: string; message: string }[];
  /** Per service statement: how many times it ran and its total wall time (ms), slowest first. */
  statements: { name: string; count: number; totalMs: number }[];
}

/** Samples process RSS every `ms` until stopped; returns the peak in MiB. */
export function rssSampler(ms = 200): { stop(): number; peak(): number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, ms);
  t.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    stop() {
      clearInterval(t);
      return this.peak();
    },
  };
}

export async function ingestPass(
  db: Db,
  records: AsyncIterable<ArticleRecord>,
  opts: { window?: number; offset?: number; progress?: (line: string) => void; nlp?: NlpBackbone } = {},
): Promise<PassResult> {
  const window = opts.window ?? 1000;
  const offset = opts.offset ?? 0;
  const windows: WindowRate[] = [];
  const failures: { code: string; message: string }[] = [];
  let done = 0;
  let t0 = performance.now();
  let lastT = t0;
  let lastN = 0;
  // Text length by article id, taken as records stream past (the pipeline reports ids only).
  const textLen = new Map<string, number>();
  let chars = 0;
  let lastChars = 0;
  let totalChars = 0;
  async function* measured(): AsyncGenerator<ArticleRecord> {
    for await (const r of records) {
      if (r.ok) {
        textLen.set(articleId(r.article), r.article.text.length);
        totalChars += r.article.text.length;
      }
      yield r;
    }
  }
  const tick = (id?: string) => {
    done++;
    if (id !== undefined) {
      chars += textLen.get(id) ?? 0;
      textLen.delete(id);
    }
    if (done % window === 0) {
      const now = performance.now();
      windows.push({
        upTo: offset + done,
        articlesPerSec: round(((done - lastN) / (now - lastT)) * 1000, 1),
        textKiBPerSec: round(((chars - lastChars) / 1024 / (now - lastT)) * 1000, 1),
      });
      lastChars = chars;
      opts.progress?.(`  ${offset + done} articles, last ${window}: ${windows.at(-1)!.articlesPerSec}/s, RSS ${Math.round(rss.peak())} MiB peak`);
      lastT = now;
      lastN = done;
    }
  };
  const stmts = new Map<string, { count: number; totalMs: number }>();
  const unobserve = db.observe((ev) => {
    const s = stmts.get(ev.name) ?? { count: 0, totalMs: 0 };
    s.count++;
    s.totalMs += ev.ms;
    stmts.set(ev.name, s);
  });
  const rss = rssSampler(200);
  t0 = performance.now();
  lastT = t0;
  const summary = await ingest(db, measured(), {
    nlp: opts.nlp,
    onArticle: (id) => tick(id),
    onFailure: (f) => {
      failures.push({ code: f.code, message: f.message.slice(0, 200) });
      tick(f.articleId);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  unobserve();
  const peakRssMiB = rss.stop();
  const articles = summary.new + summary.updated + summary.unchanged + summary.failed;
  return {
    articles,
    seconds: round(seconds, 2),
    articlesPerSec: round(articles / seconds, 1),
    neo4jShare: round(summary.neo4jMs / Math.max(summary.totalMs, 1), 3),
    extractShare: round(summary.extractMs / Math.max(summary.totalMs, 1), 3),
    textMiB: round(totalChars / 2 ** 20, 1),
    peakRssMiB: round(peakRssMiB, 1),
    summary,
    windows,
    failures: failures.slice(0, 20),
    statements: [...stmts].map(([name, v]) => ({ name, count: v.count, totalMs: round(v.totalMs, 0) })).sort((a, b) => b.totalMs - a.totalMs),
  };
}
