/**
 * The text the rules and the NLP backbone read, made from the article text in one linear pass:
 * - NFC: a letter and its combining marks become one character where Unicode has one;
 * - zero-width characters, the soft hyphen, "\r" and other control characters (but "\n", "\t")
 *   are dropped, so "Ha\u200bider" is one name;
 * - the angle brackets Reuters puts around company names ("<Atalanta/Sosnoff Capital Corp>") are
 *   dropped, so the name reads as in any other text, and so is a ticker inside a sentence ("<MHS> ");
 * - hard-wrapped text (Reuters wires: lines cut at ~65 columns, paragraphs indented): a line
 *   break inside a paragraph becomes a space, so sentences and names run across it.
 * `toOriginal` maps every offset back, so evidence and mention spans index the original text.
 *
 * @example
 *   const p = prepareText("Ha\u200bider al-Abadi");
 *   p.text;            // "Haider al-Abadi"
 *   p.toOriginal(2);   // 3 — "i" sits after the zero-width space in the original
 */
export interface PreparedText {
  text: string;
  /** Offset in the original text of offset `i` of `text` (`text.length` maps to the original's length). */
  toOriginal(i: number): number;
  /** True when offsets did not move (toOriginal is the identity; the text may still differ by unwrapped line breaks). */
  identity: boolean;
}

// eslint-disable-next-line no-control-regex -- dropping C0/C1 control characters is this pattern's purpose
const DROPPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
const COMBINING = /\p{M}/u;

/** Anything the character pass would change; most articles have none, and skip it. */
// eslint-disable-next-line no-control-regex -- the same control characters as DROPPED
const NEEDS_PASS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|\p{M}/u;

/** A Reuters company marker: "<" and ">" around a capitalised name on one line; a ticker ("<MONY>") is not one. */
const BRACKETED_NAME = /<(?=[\p{Lu}\p{N}])(?=(?:[^<>\n]|\n(?=\S)){0,79}\p{Ll})(?:[^<>\n]|\n(?=\S)){1,80}>/gu;

/** A ticker inside a sentence ("Marriott Corp's <MHS> Straw Hat Pizza unit"), with the space after it; one before punctuation stays. */
const TICKER_INSIDE = /<[\p{Lu}\p{N}.&-]{1,12}> (?=\p{L})/gu;

function bracketOffsets(text: string): Set<number> {
  const out = new Set<number>();
  if (!text.includes("<")) return out;
  for (const m of text.matchAll(BRACKETED_NAME)) {
    out.add(m.index);
    out.add(m.index + m[0].length - 1);
  }
  for (const m of text.matchAll(TICKER_INSIDE)) for (let i = 0; i < m[0].length; i++) out.add(m.index + i);
  return out;
}

export function prepareText(original: string): PreparedText {
  const brackets = bracketOffsets(original);
  if (brackets.size === 0 && !NEEDS_PASS.test(original)) {
    const text = unwrapHardLines(original);
    return { text, toOriginal: (i) => i, identity: true };
  }
  const out: string[] = [];
  const map: number[] = [];
  let changed = false;
  for (let i = 0; i < original.length;) {
    const c = original[i]!;
    if (DROPPED.test(c) || brackets.has(i)) {
      changed = true;
      i++;
      continue;
    }
    // A base character and the combining marks after it, composed together.
    let j = i + 1;
    if (c >= "\ud800" && c <= "\udbff" && j < original.length) j++;
    while (j < original.length && COMBINING.test(original[j]!)) j++;
    const piece = original.slice(i, j);
    const composed = j - i > 1 ? piece.normalize("NFC") : piece;
    if (composed !== piece) changed = true;
    for (let k = 0; k < composed.length; k++) {
      out.push(composed[k]!);
      map.push(composed === piece ? i + k : i);
    }
    i = j;
  }
  let text = out.join("");
  const unwrapped = unwrapHardLines(text);
  if (unwrapped !== text) {
    changed = true;
    text = unwrapped;
  }
  if (!changed) return { text: original, toOriginal: (i) => i, identity: true };
  map.push(original.length);
  return { text, toOriginal: (i) => map[Math.max(0, Math.min(i, map.length - 1))]!, identity: false };
}

/**
 * "…chairman of the Stock Exchange of\nHong Kong…": in a hard-wrapped text, a line break that is
 * neither a blank line nor followed by indentation joins two parts of one paragraph. A text counts
 * as hard-wrapped when most of its line breaks fall inside sentences; prose with one paragraph per
 * line (FNC-1, BBC) keeps every break. Same length: offsets do not move.
 */
export function unwrapHardLines(text: string): string {
  let breaks = 0;
  let inside = 0;
  const re = /([^\n])\n(?![ \t\n]|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    breaks++;
    if (!/[.!?:;"”'’)\]]/.test(m[1]!)) inside++;
  }
  if (breaks < 3 || inside * 2 < breaks) return text;
  return text.replace(/(?<=[^\n])\n(?![ \t\n]|$)/g, " ");
}
