/**
 * Extraction: from raw news text to entities and the four relations (LEADS, CAPTURED,
 * SUPPORTED_BY, QUOTED_IN), each with the sentence that proves it. Patterns over the
 * mentions that a statistical NER backbone (CoreNLP, passed in as its analysis) and a curated
 * gazetteer (data/gazetteer) find; `extractArticle` is pure, synchronous and deterministic,
 * `extractWith` adds the backbone's I/O.
 *
 * @example
 *   const r = extractArticle({ text: "Mosul was retaken by Iraqi forces in 2017." });
 *   r.relations[0]; // { type: "CAPTURED", subject: "e2", object: "e1", time: "2017", … }
 */
import { articleId } from "./article-id.ts";
import { buildEntities } from "./entities.ts";
import { findMentions } from "./mentions.ts";
import { nerSpans } from "./ner.ts";
import { prepareText, type PreparedText } from "./normalize.ts";
import type { NlpAnalysis, NlpBackbone } from "../nlp/types.ts";
import { findQuoted } from "./quotes.ts";
import type { Candidate } from "./relation.ts";
import { findCaptured } from "./relations/captured.ts";
import { findLeads } from "./relations/leads.ts";
import { findSupported } from "./relations/supported.ts";
import { splitSentences } from "./sentences.ts";
import { buildView } from "./template.ts";
import type { ArticleInput, ExtractedRelation, ExtractionResult } from "./types.ts";

export * from "./types.ts";

/**
 * Extraction with an NLP backbone: the backbone's analysis (I/O), then the same pure rules.
 * Without a backbone it is `extractArticle` (rules only, `KG_NLP=none`).
 *
 * @example const r = await extractWith(new CoreNlpClient({ url }), { text });
 */
export async function extractWith(backbone: NlpBackbone | undefined, input: ArticleInput, signal?: AbortSignal): Promise<ExtractionResult> {
  if (!backbone) return extractArticle(input);
  const text = typeof input.text === "string" ? input.text : "";
  return extractArticle(input, { nlp: await backbone.analyze(prepareText(text).text, signal) });
}
export { articleId } from "./article-id.ts";

export interface ExtractOptions {
  /** The NLP backbone's analysis of `prepareText(input.text).text` (src/nlp); without it, rules and gazetteer only. */
  nlp?: NlpAnalysis;
}

export function extractArticle(input: ArticleInput, options: ExtractOptions = {}): ExtractionResult {
  const original = typeof input.text === "string" ? input.text : "";
  const id = articleId({ ...input, text: original });
  const article = input.title === undefined ? { id } : { id, title: input.title };
  const prepared = prepareText(original);
  const text = prepared.text;
  const sentences = splitSentences(text);
  const mentions = findMentions(text, sentences, options.nlp ? nerSpans(options.nlp, text) : []);

  const candidates: Candidate[] = [];
  let cursor = 0;
  for (const sentence of sentences) {
    const slots = [];
    while (cursor < mentions.length && mentions[cursor]!.start < sentence.end) {
      if (mentions[cursor]!.start >= sentence.start) slots.push(mentions[cursor]!);
      cursor++;
    }
    if (slots.length < 1) continue;
    const view = buildView(text, sentence, slots);
    const captured = findCaptured(view, mentions);
    candidates.push(
      ...findLeads(view, mentions),
      ...captured,
      ...findSupported(
        view,
        captured.map((c) => c.subject),
      ),
    );
  }
  candidates.push(...findQuoted(text, mentions, sentences));

  const table = buildEntities(mentions, new Set(candidates.flatMap((c) => [c.subject.key, c.object?.key ?? ""])));
  const relations = dedupe(candidates.map((c) => toRelation(c, id, (m) => table.idOf(m))));
  return toOriginalOffsets({ article, entities: table.entities, relations }, original, prepared);
}

/** Spans found in the prepared text, moved back onto the original; evidence is re-cut from it. */
function toOriginalOffsets(r: ExtractionResult, original: string, p: PreparedText): ExtractionResult {
  const span = (s: { start: number; end: number }) => (p.identity ? s : { start: p.toOriginal(s.start), end: p.toOriginal(s.end) });
  for (const e of r.entities) e.mentions = e.mentions.map(span);
  for (const rel of r.relations) {
    const { start, end } = span(rel.evidence);
    rel.evidence = { start, end, text: original.slice(start, end) };
  }
  return r;
}

function toRelation(c: Candidate, article: string, idOf: (m: Candidate["subject"]) => string): ExtractedRelation {
  const r: ExtractedRelation = {
    type: c.type,
    subject: idOf(c.subject),
    object: c.object ? idOf(c.object) : article,
    confidence: c.confidence,
    evidence: c.view.evidence,
  };
  if (c.time) r.time = c.time;
  if (c.quote !== undefined) r.quote = c.quote;
  return r;
}

/**
 * One relation per (type, subject, object, evidence) — and per quote for QUOTED_IN —
 * keeping the most confident; output ordered by evidence position.
 */
function dedupe(relations: ExtractedRelation[]): ExtractedRelation[] {
  const best = new Map<string, ExtractedRelation>();
  for (const r of relations) {
    const key = [r.type, r.subject, r.object, r.evidence.start, r.quote ?? ""].join("\u0000");
    const old = best.get(key);
    if (!old || r.confidence > old.confidence || (!old.time && r.time)) best.set(key, old && !r.time ? { ...r, time: old.time } : r);
  }
  return [...best.values()].sort((a, b) => a.evidence.start - b.evidence.start);
}
