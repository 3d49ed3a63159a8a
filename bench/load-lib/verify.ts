/**
 * Is an article stored completely? Compares what Neo4j holds for it with what the extractor
 * (src/extraction) says it should hold: every mention span, every relation
 * (type | subject | object, after entity resolution) and every quote. The local→global entity
 * mapping is read from the stored mentions (by span), so the comparison is exact.
 * Used by bench/load.ts and tests/integration/reliability*.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Driver } from "neo4j-driver";
import * as aid from "../../src/extraction/article-id.ts";
import { quoteIds } from "../../src/graph/keys.ts";
import { EXTRACTOR_VERSION } from "../../src/ingest/plan.ts";
import { extractArticle } from "../../src/extraction/index.ts";
import type { ArticleInput } from "../../src/extraction/types.ts";

export type ArticleCheck = { id: string; state: "absent" } | { id: string; state: "complete" } | { id: string; state: "partial"; problems: string[] };

const STORED = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
  RETURN collect({entityId: e.id, spans: m.spans, names: m.names}) AS mentions
}
CALL (a) {
  OPTIONAL MATCH (a)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  WHERE r.articleId = a.id
  RETURN collect(DISTINCT type(r) + '|' + s.id + '|' + o.id) AS relations
}
CALL (a) {
  OPTIONAL MATCH (sp:Entity)-[q:QUOTED_IN]->(a)
  RETURN collect(q.id + ' by ' + sp.id) AS quotes
}
RETURN a.id AS id, a.contentHash AS hash, a.text AS text, mentions, relations, quotes`;

interface Stored {
  id: string;
  hash: string | null;
  text: string | null;
  mentions: { entityId: string | null; spans: unknown[] | null; names: string[] | null }[];
  relations: string[];
  quotes: string[];
}

const num = (v: unknown) => (typeof v === "number" ? v : Number((v as { toNumber?: () => number }).toNumber?.() ?? v));
const sorted = (xs: string[]) => [...xs].sort();

function diff(what: string, want: string[], got: string[]): string[] {
  const w = new Map<string, number>();
  for (const x of want) w.set(x, (w.get(x) ?? 0) + 1);
  for (const x of got) w.set(x, (w.get(x) ?? 0) - 1);
  const missing = [...w].filter(([, n]) => n > 0).map(([k]) => k);
  const extra = [...w].filter(([, n]) => n < 0).map(([k]) => k);
  const out: string[] = [];
  if (missing.length) out.push(`${what}: ${missing.length} missing (e.g. ${missing.slice(0, 2).join(", ")})`);
  if (extra.length) out.push(`${what}: ${extra.length} unexpected (e.g. ${extra.slice(0, 2).join(", ")})`);
  return out;
}

function compare(article: ArticleInput, s: Stored): ArticleCheck {
  const id = s.id;
  const problems: string[] = [];
  // The pipeline stores articleHash (text, metadata and the extractor version that read it).
  const hashes = [aid.articleHash(article, EXTRACTOR_VERSION)];
  if (!hashes.includes(s.hash ?? "")) problems.push("stored hash differs from the input's");
  if (s.text !== null && s.text !== article.text) problems.push("stored text differs from the input");
  const ex = extractArticle({ ...article, id });
  // span → global entity id, from what is stored
  const bySpan = new Map<string, string>();
  const storedSpans: string[] = [];
  for (const m of s.mentions) {
    if (!m.entityId || !m.spans) continue;
    const sp = m.spans.map(num);
    for (let k = 0; k + 1 < sp.length; k += 2) {
      bySpan.set(`${sp[k]}-${sp[k + 1]}`, m.entityId);
      storedSpans.push(`${sp[k]}-${sp[k + 1]}`);
    }
  }
  const wantSpans = ex.entities.flatMap((e) => e.mentions.map((m) => `${m.start}-${m.end}`));
  problems.push(...diff("mention spans", wantSpans, storedSpans));
  const global = new Map<string, string>();
  for (const e of ex.entities) {
    // By span; an entity with no mention spans (e.g. a speaker found through a pronoun) by its names.
    const g =
      e.mentions.map((m) => bySpan.get(`${m.start}-${m.end}`)).find((x) => x !== undefined) ??
      s.mentions.find((m) => m.entityId && (m.spans ?? []).length === 0 && (m.names ?? []).includes(e.name))?.entityId ??
      undefined;
    if (g) global.set(e.id, g);
  }
  const rels = new Set<string>();
  const quoted: { speaker: string; quote: string; from: number }[] = [];
  for (const r of ex.relations) {
    const subj = global.get(r.subject);
    if (!subj) continue; // reported as missing mention spans above
    if (r.type === "QUOTED_IN") {
      quoted.push({ speaker: subj, quote: r.quote ?? "", from: r.evidence.start });
      continue;
    }
    const obj = global.get(r.object);
    if (!obj || obj === subj) continue;
    rels.add(`${r.type}|${subj}|${obj}`);
  }
  problems.push(...diff("relations", sorted([...rels]), sorted(s.relations)));
  // Quote ids as ingestion makes them (the quote's own span), each with its speaker.
  const qids = quoteIds(id, article.text, quoted);
  const quotes = quoted.map((q, i) => `${qids[i]} by ${q.speaker}`);
  problems.push(...diff("quotes", sorted(quotes), sorted(s.quotes)));
  return problems.length ? { id, state: "partial", problems } : { id, state: "complete" };
}

/** Check many articles (inputs as ingested; ids derived as ingest derives them). */
export async function checkArticles(driver: Driver, database: string, articles: ArticleInput[]): Promise<ArticleCheck[]> {
  const byId = new Map(articles.map((a) => [aid.articleId(a), a]));
  const out: ArticleCheck[] = [];
  const ids = [...byId.keys()];
  const session = driver.session({ database, defaultAccessMode: "READ" });
  try {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const res = await session.executeRead((tx) => tx.run(STORED, { ids: chunk }));
      const found = new Map(res.records.map((r) => [r.get("id") as string, r.toObject() as unknown as Stored]));
      for (const id of chunk) {
        const s = found.get(id);
        out.push(s ? compare(byId.get(id)!, s) : { id, state: "absent" });
      }
    }
  } finally {
    await session.close();
  }
  return out;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The newest modification time among the extractor's files. A check that compares stored articles
 * with a fresh extraction is only meaningful if this did not change while the articles were written.
 */
export function extractorStamp(): number {
  let newest = 0;
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  visit(path.join(REPO, "src/extraction"));
  visit(path.join(REPO, "data/gazetteer"));
  return newest;
}
