/**
 * Validation of one article record, wherever it came from (file, stdin, GraphQL mutation).
 * Returns the cleaned article or a message that says what is wrong and what to do.
 */
import { settings } from "../config.ts";
import type { ArticleInput } from "../extraction/types.ts";

/** The limit on an article's text: 2 MB of UTF-8 unless KG_MAX_ARTICLE_BYTES says otherwise (read once, src/config.ts). */
export function maxArticleBytes(): number {
  return settings().maxArticleBytes;
}

const FIELDS = ["id", "title", "text", "url", "source", "publishedAt"] as const;

export type Validated = { ok: true; article: ArticleInput } | { ok: false; message: string };

export function validateArticle(raw: unknown): Validated {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return {
      ok: false,
      message: `expected an article object {text, id?, title?, url?, source?, publishedAt?}, got ${Array.isArray(raw) ? "an array" : raw === null ? "null" : typeof raw}`,
    };
  }
  const o = raw as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) continue;
    if (typeof v === "number" && (f === "id" || f === "publishedAt")) out[f] = String(v);
    else if (typeof v !== "string") return { ok: false, message: `field "${f}" must be a string, got ${Array.isArray(v) ? "an array" : typeof v}` };
    else out[f] = v;
  }
  // Data sets often carry the date as free text ("26-FEB-1987 15:01:01.79"): use it when it parses.
  if (out.publishedAt === undefined && typeof o.publishedRaw === "string" && !Number.isNaN(Date.parse(o.publishedRaw))) {
    out.publishedAt = o.publishedRaw;
  }
  const text = out.text;
  if (text === undefined) return { ok: false, message: 'missing required field "text" (the article body)' };
  if (text.trim() === "") return { ok: false, message: 'field "text" is empty' };
  if (text.includes("\u0000")) return { ok: false, message: 'field "text" contains NUL bytes: is this a binary file?' };
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxArticleBytes()) {
    return { ok: false, message: `text is ${bytes} bytes, over the limit of ${maxArticleBytes()} (set KG_MAX_ARTICLE_BYTES to raise it)` };
  }
  if (out.id !== undefined && (out.id.trim() === "" || out.id.length > 512)) return { ok: false, message: 'field "id" must be 1 to 512 characters' };
  if (out.url !== undefined && !/^https?:\/\/\S+$/i.test(out.url))
    return { ok: false, message: `field "url" is not an http(s) URL: "${out.url.slice(0, 80)}"` };
  if (out.publishedAt !== undefined) {
    const t = Date.parse(out.publishedAt);
    if (Number.isNaN(t)) return { ok: false, message: `field "publishedAt" is not a date: "${out.publishedAt.slice(0, 40)}" (use ISO 8601, e.g. 2017-07-10)` };
    out.publishedAt = new Date(t).toISOString();
  }
  const article: ArticleInput = { text };
  for (const f of FIELDS) if (f !== "text" && out[f] !== undefined) article[f] = out[f];
  return { ok: true, article };
}
