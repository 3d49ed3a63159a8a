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
      const role = m.groups?.straight !== undefined ? straightRole(body, m.index, open >= 0) : m.groups?.open !== undefined ? "open" : "close";
      // An opening mark while a quote is open: the earlier one was never closed ("…economically.
      // "More people…", a quote continued in the same paragraph). It ends where the new one opens.
      if (role === "open") {
        if (open >= 0) push(quotes, text, open, at, at, paragraph, true);
        open = at;
      } else if (open >= 0) {
        push(quotes, text, open, at, at + 1, paragraph, false);
        open = -1;
      }
    }
    if (open >= 0) push(quotes, text, open, para.end, para.end, paragraph, true);
  });
  return quotes;
}

/**
 * A straight quote opens at a word start (after space or bracket, before a non-space)
 * and closes at a word end; when the context does not tell, it toggles.
 */
function straightRole(body: string, i: number, isOpen: boolean): "open" | "close" {
  const prev = body[i - 1];
  const next = body[i + 1];
  const opening = (prev === undefined || /[\s([—–-]/.test(prev)) && next !== undefined && !/\s/.test(next);
  const closing = prev !== undefined && !/\s/.test(prev) && (next === undefined || /[\s.,;:!?)\]—–-]/.test(next));
  if (opening !== closing) return opening ? "open" : "close";
  return isOpen ? "close" : "open";
}

/** “ opens, ” closes; straight quotes are decided by straightRole. */
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
