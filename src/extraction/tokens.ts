/**
 * Word tokens with offsets, shared by the name scanner and the gazetteer matcher.
 * Apostrophes are normalised in `norm` only; offsets always index the original text.
 */
import { TOKEN_RE } from "./gazetteer.ts";

export interface Token {
  start: number;
  end: number;
  /** The token text with curly apostrophes made straight. */
  norm: string;
}

export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    tokens.push({ start: start + m.index, end: start + m.index + m[0].length, norm: m[0].replace(/’/g, "'") });
  }
  return tokens;
}

export const isCapitalized = (token: Token): boolean => /^\p{Lu}/u.test(token.norm);

/** The characters between two tokens. */
export const gapBetween = (text: string, a: Token, b: Token): string => text.slice(a.end, b.start);

/** Tokens of one name may be separated only by one space or a hyphen ("al-Abadi"). */
export const isNameGap = (gap: string): boolean => gap === " " || gap === "-" || gap === "\u00a0";
