/**
 * Bytes of a stream as they arrive: counted for progress, and split into lines. Our own splitter
 * rather than node:readline because readline decodes as it splits, and one invalid UTF-8 byte must
 * fail only its own line (with its number), which needs each line's raw bytes.
 */
import type { ReadProgress } from "./read-articles.ts";

/** The stream's chunks, each counted into `progress.bytesRead` as it is read. */
export async function* countingChunks(stream: AsyncIterable<unknown>, progress?: ReadProgress): AsyncGenerator<Buffer> {
  for await (const c of stream) {
    const buf = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    if (progress) progress.bytesRead += buf.length;
    yield buf;
  }
}

/**
 * The lines of a byte stream, without their "\n" (a "\r" before it is kept; a last line without a
 * newline counts, an empty last one does not). A line longer than a chunk is assembled once, not
 * copied again with every chunk; a yielded line never holds on to the rest of its chunk.
 *
 * @example for await (const line of byteLines(fs.createReadStream("feed.ndjson"))) handle(line)
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      yield parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece);
      parts = [];
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(Buffer.from(chunk.subarray(start)));
  }
  if (parts.length) yield Buffer.concat(parts);
}
