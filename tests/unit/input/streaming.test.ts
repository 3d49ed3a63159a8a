import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonArrayElements } from "../../../src/input/json-array.ts";
import { byteLines } from "../../../src/input/lines.ts";
import { readArticles, type ArticleRecord, type ReadProgress } from "../../../src/input/read-articles.ts";

// Private: `text` as chunks of `size` bytes, the way a stream hands it over.
// eslint-disable-next-line @typescript-eslint/require-await -- an async generator, like a stream, though it has nothing to wait for
async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("streaming input: the same records whatever the chunk boundaries", () => {
  const doc = JSON.stringify([{ text: 'a, "b" [c] {d}', n: [1, { x: '\\"]' }] }, "é ü 😀", 3, null, { text: "last" }]);

  it.each([1, 2, 3, 7, 64, 1 << 20])("a JSON array in chunks of %i bytes gives each element's bytes", async (size) => {
    const els = await all(jsonArrayElements(chunked(doc, size)));
    expect(els.map((e) => (e.kind === "element" ? (JSON.parse(e.bytes.toString("utf8")) as unknown) : e))).toEqual(JSON.parse(doc));
    expect(els.map((e) => (e.kind === "element" ? e.index : -1))).toEqual([0, 1, 2, 3, 4]);
  });

  it("a JSON object is one element; an unclosed array and text after one are reported", async () => {
    expect(await all(jsonArrayElements(chunked(' {"text":"x"} ', 2)))).toEqual([{ kind: "element", bytes: Buffer.from('{"text":"x"} '), index: undefined }]);
    expect((await all(jsonArrayElements(chunked('[{"text":"x"}, {"te', 4)))).at(-1)).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(/never closed/) as unknown,
    });
    expect((await all(jsonArrayElements(chunked("[1] 2", 1)))).at(-1)).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(/after the closing \]/) as unknown,
    });
    expect(await all(jsonArrayElements(chunked("  ", 1)))).toEqual([{ kind: "empty" }]);
  });

  it.each([1, 5, 1 << 20])("lines in chunks of %i bytes, a last line without a newline included", async (size) => {
    const lines = await all(byteLines(chunked("one\r\ntwo\n\nthree", size)));
    expect(lines.map((l) => l.toString())).toEqual(["one\r", "two", "", "three"]);
  });

  it("reads NDJSON, CSV and JSON-array files record by record, and counts the bytes it read", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-stream-"));
    const big = "Mosul was retaken. ".repeat(5_000);
    fs.writeFileSync(path.join(dir, "a.ndjson"), Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `n${i}`, text: big })).join("\n"));
    fs.writeFileSync(path.join(dir, "b.csv"), `id,text\n${Array.from({ length: 50 }, (_, i) => `c${i},"${big}\n""quoted"""`).join("\n")}\n`);
    fs.writeFileSync(
      path.join(dir, "c.json"),
      JSON.stringify(Array.from({ length: 50 }, (_, i) => (i === 7 ? { id: "bad", title: 3, text: "x" } : { id: `j${i}`, text: big }))),
    );
    const progress: ReadProgress = { bytesRead: 0, bytesTotal: 0 };
    const recs: ArticleRecord[] = await all(readArticles([dir], { progress }));
    expect(recs.filter((r) => r.ok)).toHaveLength(200 + 50 + 49);
    const bad = recs.filter((r) => !r.ok);
    expect(bad.map((r) => `${path.basename(r.origin.file)}:${r.origin.line}`)).toEqual(["c.json:8"]);
    const csv = recs.find((r) => r.ok && r.article.id === "c3");
    expect(csv?.ok && csv.article.text.endsWith('\n"quoted"')).toBe(true);
    const sizes = ["a.ndjson", "b.csv", "c.json"].reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    expect(progress.bytesRead).toBe(sizes);
  });
});
