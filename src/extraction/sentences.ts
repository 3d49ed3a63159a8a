/**
 * Sentence and paragraph boundaries as spans into the original text (offsets are the
 * contract, so nothing is normalised). Rules, not a model: a line break always ends a
 * sentence; ". ! ?" end one when followed by a capital, digit or opening quote, unless
 * the word before is a known abbreviation or a single initial.
 */
import { LEXICON } from "./gazetteer.ts";
import type { Span } from "./types.ts";

/** Sentences longer than this are cut, which bounds the work of every later regex. */
export const MAX_SENTENCE = 1000;

const ABBREVIATIONS = new Set(LEXICON.abbreviations.map((a) => a.toLowerCase()));
// Words that commonly start a sentence right after a dotted acronym ("… in the U.S. The …").
const STARTERS_AFTER_ACRONYM = new Set(LEXICON.sentenceStarters);

// Only from the start of a run of marks ("!!!!…" is tried once, not at every "!"): linear.
const CANDIDATE_END = /(?<![.!?])[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{N}])/gu;

export interface Sentence extends Span {
  /** Index of the paragraph (line group) the sentence belongs to. */
  paragraph: number;
}

export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].trimEnd().length;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  splitParagraphs(text).forEach((para, paragraph) => {
    const line = text.slice(para.start, para.end);
    let from = 0;
    CANDIDATE_END.lastIndex = 0;
    for (let m = CANDIDATE_END.exec(line); m; m = CANDIDATE_END.exec(line)) {
      const end = m.index + m[0].length;
      if (isAbbreviationEnd(line, m.index)) continue;
      pushBounded(sentences, text, para.start + from, para.start + end, paragraph);
      from = end;
    }
    pushBounded(sentences, text, para.start + from, para.end, paragraph);
  });
  return sentences;
}

/** True when the period at `dot` ends an abbreviation or initial rather than a sentence. */
function isAbbreviationEnd(line: string, dot: number): boolean {
  if (line[dot] !== ".") return false;
  const word = /(\S+)$/.exec(line.slice(Math.max(0, dot - 30), dot))?.[1] ?? "";
  const bare = word.replace(/^["'“‘(]+/, "");
  if (ABBREVIATIONS.has(bare.toLowerCase())) return true;
  if (/^\p{Lu}$/u.test(bare)) return true; // "George W. Bush"
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(bare)) {
    // "U.S. forces" vs "… in the U.S. The": decide by the next word.
    const next = /^\s+["'“‘]?(\p{L}+)/u.exec(line.slice(dot + 1))?.[1] ?? "";
    return !STARTERS_AFTER_ACRONYM.has(next);
  }
  return false;
}

function pushBounded(out: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  for (let s = start; s < end;) {
    let e = Math.min(end, s + MAX_SENTENCE);
    if (e < end) {
      // Look back only within this piece, so a text without spaces stays linear.
      const space = text.slice(s + MAX_SENTENCE / 2, e).lastIndexOf(" ");
      if (space > 0) e = s + MAX_SENTENCE / 2 + space;
    }
    out.push({ start: s, end: e, paragraph });
    s = e;
    while (s < end && /\s/.test(text[s]!)) s++;
  }
}
