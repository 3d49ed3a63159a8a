/**
 * Splits a long text into pieces of at most `max` characters for the NLP server, cutting at a
 * paragraph break, else a sentence end, else whitespace, else anywhere. Offsets are kept, so the
 * pieces' annotations map back onto the whole text. Deterministic: the same text, the same pieces.
 */
export interface Chunk {
  start: number;
  text: string;
}

const CUTS = [/\n\s*\n/g, /[.!?]["”’)]?\s+/g, /\s+/g];

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function chunkText(text: string, max: number): Chunk[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`chunkText: max must be a whole number of at least 2, got ${max}`);
  const out: Chunk[] = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    let cut = -1;
    for (const re of CUTS) {
      re.lastIndex = Math.floor(max / 2);
      // The last match in the second half of the window: pieces stay large, and the scan is linear.
      let m: RegExpExecArray | null;
      while ((m = re.exec(window)) !== null) {
        cut = m.index + m[0].length;
        if (m[0].length === 0) re.lastIndex++;
      }
      if (cut > 0) break;
    }
    if (cut <= 0) cut = max;
    // A cut anywhere must not split a surrogate pair: each piece is sent as UTF-8 on its own.
    if (isHighSurrogate(text.charCodeAt(start + cut - 1)) && isLowSurrogate(text.charCodeAt(start + cut))) cut--;
    out.push({ start, text: text.slice(start, start + cut) });
    start += cut;
  }
  if (start < text.length || out.length === 0) out.push({ start, text: text.slice(start) });
  return out;
}
