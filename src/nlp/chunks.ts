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

export function chunkText(text: string, max: number): Chunk[] {
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
    out.push({ start, text: text.slice(start, start + cut) });
    start += cut;
  }
  if (start < text.length || out.length === 0) out.push({ start, text: text.slice(start) });
  return out;
}
