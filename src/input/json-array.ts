/**
 * A JSON file as a stream of top-level array elements, each handed over as its own bytes, so a
 * multi-gigabyte array is read one article at a time; each element is then parsed with JSON.parse
 * (its errors and messages are the same as for any JSON). A file that is not an array is one
 * element, read whole. We keep this small scanner rather than a streaming JSON library because it
 * only has to find element boundaries (strings, escapes, nesting): the parsing stays JSON.parse.
 */

export type JsonElement =
  { kind: "element"; bytes: Buffer; index: number | undefined } | { kind: "invalid"; message: string; index: number | undefined } | { kind: "empty" };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * The elements of a top-level JSON array (index = position), or the whole document as one element
 * (index undefined). Structural breaks (an unclosed array, text after it) are `invalid`.
 *
 * @example for await (const e of jsonArrayElements(stream)) if (e.kind === "element") JSON.parse(e.bytes.toString())
 */
export async function* jsonArrayElements(chunks: AsyncIterable<Buffer>): AsyncGenerator<JsonElement> {
  let mode: "start" | "array" | "whole" | "after" = "start";
  let parts: Buffer[] = []; // the current element's bytes from earlier chunks
  let inElement = false;
  let elStart = 0; // where the current element's bytes start in this chunk
  let depth = 0; // nesting inside the current element
  let inString = false;
  let escaped = false;
  let index = 0;
  let first = true;
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3); // a UTF-8 BOM
    }
    elStart = 0;
    const done = (end: number): JsonElement => {
      const piece = chunk.subarray(elStart, end);
      const bytes = parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece);
      parts = [];
      inElement = false;
      return { kind: "element", bytes, index: index++ };
    };
    for (let i = 0; i < chunk.length && mode !== "whole"; i++) {
      const b = chunk[i]!;
      if (mode === "start") {
        if (isSpace(b)) continue;
        if (b === 0x5b /* [ */) mode = "array";
        else {
          mode = "whole";
          elStart = i;
        }
        continue;
      }
      if (mode === "after") {
        if (isSpace(b)) continue;
        yield { kind: "invalid", message: "unexpected text after the closing ] of the array", index: undefined };
        return;
      }
      if (!inElement) {
        if (isSpace(b) || b === 0x2c /* , between elements */) continue;
        if (b === 0x5d /* ] */) {
          mode = "after";
          continue;
        }
        inElement = true;
        elStart = i;
        depth = 0;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
      } else if (b === QUOTE) inString = true;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if ((b === 0x7d || b === 0x5d) && depth > 0) depth--;
      else if (b === 0x2c && depth === 0) yield done(i);
      else if (b === 0x5d && depth === 0) {
        yield done(i);
        mode = "after";
      }
    }
    if (mode === "whole" || inElement) parts.push(Buffer.from(chunk.subarray(elStart)));
  }
  if (mode === "start") yield { kind: "empty" };
  else if (mode === "whole") yield { kind: "element", bytes: Buffer.concat(parts), index: undefined };
  else if (mode === "array") yield { kind: "invalid", message: "the array is never closed (no ])", index: undefined };
}
