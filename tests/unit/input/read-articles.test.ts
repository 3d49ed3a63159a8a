import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticles, readArticles, type ArticleRecord } from "../../../src/input/read-articles.ts";
import { validateArticle } from "../../../src/input/validate.ts";

async function all(it: AsyncIterable<ArticleRecord>) {
  const out: ArticleRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe("article formats", () => {
  it("md: the first # heading is the title and is removed from the text", () => {
    const [r] = [...parseArticles("# Mosul falls\n\nISIS seized Mosul.\n", "md", "x.md")];
    expect(r).toMatchObject({ ok: true, article: { title: "Mosul falls", text: "ISIS seized Mosul.\n" } });
  });
  it("json: one object or an array", () => {
    expect([...parseArticles('{"text":"a b"}', "json", "x.json")]).toHaveLength(1);
    expect([...parseArticles('[{"text":"a"},{"text":"b"}]', "json", "x.json")].map((r) => r.ok)).toEqual([true, true]);
  });
  it("ndjson: a bad line is reported with its line number; the others are read", () => {
    const r = [...parseArticles('{"text":"a"}\n{oops\n\n{"text":"c"}', "ndjson", "x.ndjson")];
    expect(r.map((x) => (x.ok ? "ok" : `${x.origin.line}`))).toEqual(["ok", "2", "ok"]);
  });
  it("csv: needs a text column", () => {
    const [r] = [...parseArticles("id,body\n1,x\n", "csv", "x.csv")];
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/no "text" column/) as unknown });
  });
});

describe("ndjson files with a bad byte", () => {
  it("one invalid UTF-8 byte or NUL rejects that line, with its number; the other lines load", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-ndjson-"));
    const file = path.join(dir, "feed.ndjson");
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('\uFEFF{"id":"a","text":"Kurdish forces retook Kobani."}\n'),
        Buffer.from('{"id":"b","text":"Caf'),
        Buffer.from([0xe9]),
        Buffer.from(' in Mosul reopened."}\r\n\n{"id":"c","text":"NUL '),
        Buffer.from([0x00]),
        Buffer.from('here"}\n{"id":"d","text":"Iraqi forces retook Mosul."}'),
      ]),
    );
    const recs = await all(readArticles([file]));
    expect(recs.map((r) => (r.ok ? `ok ${r.article.id}` : `${r.origin.line} ${r.message}`))).toEqual([
      "ok a",
      "2 the line is not valid UTF-8 (re-save the file as UTF-8)",
      "4 the line contains a NUL byte",
      "ok d",
    ]);
  });
});

describe("files and folders", () => {
  it("walks folders, reports empty, binary, non-UTF-8 and unsupported files, reads the rest", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-read-"));
    fs.mkdirSync(path.join(dir, "sub"));
    fs.writeFileSync(path.join(dir, "sub", "good.txt"), "Kurdish forces retook Kobani.");
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    fs.writeFileSync(path.join(dir, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    fs.writeFileSync(path.join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    fs.writeFileSync(path.join(dir, "notes.docx"), "ignored: not an article extension");
    const r = await all(readArticles([dir, path.join(dir, "missing.json")]));
    const summary = r.map((x) => `${path.basename(x.origin.file)}:${x.ok ? "ok" : x.message}`);
    expect(summary).toEqual([
      expect.stringMatching(/^binary.txt:.*NUL bytes/),
      expect.stringMatching(/^empty.txt:.*empty/),
      expect.stringMatching(/^latin1.txt:.*not valid UTF-8/),
      "good.txt:ok",
      expect.stringMatching(/^missing.json:.*no such file/),
    ]);
  });
});

describe("validateArticle", () => {
  it("accepts a minimal article and normalises publishedAt to ISO 8601", () => {
    expect(validateArticle({ text: "x", publishedAt: "2017-07-10" })).toEqual({ ok: true, article: { text: "x", publishedAt: "2017-07-10T00:00:00.000Z" } });
  });
  it("takes a parseable publishedRaw as the publication date and ignores one that does not parse", () => {
    expect(validateArticle({ text: "x", publishedRaw: "26-FEB-1987 15:01:01.79" })).toEqual({
      ok: true,
      article: { text: "x", publishedAt: "1987-02-26T15:01:01.790Z" },
    });
    expect(validateArticle({ text: "x", publishedRaw: "sometime in spring" })).toEqual({ ok: true, article: { text: "x" } });
  });
  it.each([
    [{}, /missing required field "text"/],
    [{ text: "   " }, /empty/],
    [{ text: 5 }, /"text" must be a string/],
    [{ text: "x", title: ["a"] }, /"title" must be a string, got an array/],
    [{ text: "x", url: "javascript:alert(1)" }, /not an http/],
    [{ text: "x", publishedAt: "yesterday" }, /not a date/],
    [{ text: "a\u0000b" }, /NUL/],
    [[], /got an array/],
  ])("rejects %j with a message saying what is wrong", (input, msg) => {
    const v = validateArticle(input);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(msg);
  });
  it("rejects text over the size limit and says how to raise it", () => {
    const v = validateArticle({ text: "x".repeat(2 * 1024 * 1024 + 1) });
    expect(v.ok ? "" : v.message).toMatch(/KG_MAX_ARTICLE_BYTES/);
  });
});
