import { createHash } from "node:crypto";
import type { ArticleInput } from "./types.ts";

/** sha256 of the article text, hex. Ingestion compares it to decide "unchanged". */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * An article's stable id: its own `id` when given, else derived from its `url`,
 * else from its text. Re-reading the same input always yields the same id.
 *
 * @example articleId({ text: "…", url: "https://x/y" }) // "url-3f2a…"
 */
export function articleId(input: ArticleInput): string {
  const own = input.id?.trim();
  if (own) return own;
  const url = input.url?.trim();
  if (url) return "url-" + createHash("sha256").update(url, "utf8").digest("hex").slice(0, 20);
  return "text-" + contentHash(input.text).slice(0, 20);
}

/**
 * The change-detection hash of a whole article as the graph stores it: text, metadata and the
 * extractor that read it. A new title or date with the same text is an update (relations carry
 * the publication date), and so is the same article under a changed extractor.
 */
export function articleHash(input: ArticleInput, extractor: string): string {
  const fields = [input.text, input.title ?? null, input.url ?? null, input.source ?? null, input.publishedAt ?? null, extractor];
  return createHash("sha256").update(JSON.stringify(fields), "utf8").digest("hex");
}
