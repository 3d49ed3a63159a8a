/**
 * Finds quoted passages. Curly quotes pair by direction; straight quotes alternate.
 * A quote still open at the end of a paragraph runs to the paragraph end and is marked
 * `open`: by news convention the next paragraph, if it starts with a quote mark,
 * continues the same speaker's words.
 */
import { splitParagraphs } from "./sentences.ts";
import type { Span } from "./types.ts";

export interface QuoteSpan extends Span {
  /** Position of the opening mark; the content starts right after it. */
  open: number;
  /** Position just after the closing mark (equals `end` when unclosed). */
  close: number;
  paragraph: number;
  unclosed: boolean;
}

/** Quotes shorter than this are scare quotes or titles, not speech. */
const MIN_WORDS = 2;

export function findQuotes(text: string): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  splitParagraphs(text).forEach((para, paragraph) => {
    const body = text.slice(para.start, para.end);
    // British style uses single quotes; only trust them in paragraphs without double ones.
    const marks = /["“”]/.test(body) ? DOUBLE : SINGLE;
    let open = -1;
    marks.lastIndex = 0;
    for (let m = marks.exec(body); m; m = marks.exec(body)) {
      const at = para.start + m.index;
      const straight = m.groups?.straight !== undefined;
      if (open < 0 && (m.groups?.open !== undefined || straight)) open = at;
      else if (open >= 0 && (m.groups?.close !== undefined || straight)) {
        push(quotes, text, open, at, at + 1, paragraph, false);
        open = -1;
      }
    }
    if (open >= 0) push(quotes, text, open, para.end, para.end, paragraph, true);
  });
  return quotes;
}

/** “ opens, ” closes; a straight " opens when none is open, else closes. */
const DOUBLE = /(?<open>“)|(?<close>”)|(?<straight>")/g;
/** ‘ or ' opens at a word start; ’ or ' closes at a word end — so apostrophes (it's) are neither. */
const SINGLE = /(?<open>(?<![\p{L}\p{N}])['‘](?=[\p{L}\p{N}]))|(?<close>(?<=[\p{L}\p{N}.,!?])['’](?![\p{L}\p{N}]))/gu;

function push(out: QuoteSpan[], text: string, open: number, contentEnd: number, close: number, paragraph: number, unclosed: boolean): void {
  let start = open + 1;
  let end = contentEnd;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  const words = text.slice(start, end).split(/\s+/).filter(Boolean).length;
  if (words >= MIN_WORDS) out.push({ start, end, open, close, paragraph, unclosed });
}
