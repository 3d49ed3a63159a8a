/**
 * Turn files, folders and stdin into article records. Every problem becomes a record with
 * its file and line (never an exception), so one bad record is reported and the rest goes on.
 *
 *   .txt      the whole file is the text (`title` from options)
 *   .md       the first `# ` heading is the title; the rest is the text
 *   .json     one article object, or an array of them
 *   .ndjson   one article object per line (.jsonl too)
 *   .csv      a header with a `text` column and optional id,title,url,source,publishedAt
 *
 * NDJSON, CSV and JSON arrays are read as streams, a record at a time, so a feed of any size is
 * ingested in memory bounded by its largest record; `progress` counts the bytes read.
 */
import fs from "node:fs";
import path from "node:path";
import type { ArticleInput } from "../extraction/types.ts";
import { CsvFramer, parseCsv, type CsvRow } from "./csv.ts";
import { jsonArrayElements } from "./json-array.ts";
import { byteLines, countingChunks } from "./lines.ts";
import { validateArticle } from "./validate.ts";

export interface Origin {
  file: string;
  line?: number;
}

export type ArticleRecord = { ok: true; article: ArticleInput; origin: Origin } | { ok: false; origin: Origin; code: string; message: string };

/** How far reading has got: bytes read so far, of `bytesTotal` (file sizes; 0 when unknown, as for stdin). */
export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
}

export interface ReadOptions {
  title?: string;
  /** Format of stdin ("-"): ndjson (default), json, txt, md, csv. */
  stdinFormat?: string;
  /** Updated as bytes are read (for a progress bar and an ETA). */
  progress?: ReadProgress;
}

export const ARTICLE_EXTENSIONS = [".txt", ".md", ".json", ".ndjson", ".jsonl", ".csv"];

function fail(origin: Origin, code: string, message: string): ArticleRecord {
  return { ok: false, origin, code, message };
}

function checked(raw: unknown, origin: Origin): ArticleRecord {
  const v = validateArticle(raw);
  return v.ok ? { ok: true, article: v.article, origin } : fail(origin, "BAD_USER_INPUT", v.message);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

// Private: strict UTF-8 decoding; a binary file named .txt fails here with a clear message.
function decode(buf: Buffer, file: string): string | ArticleRecord {
  if (buf.length === 0) return fail({ file }, "BAD_USER_INPUT", "the file is empty");
  if (buf.includes(0)) return fail({ file }, "BAD_USER_INPUT", "the file contains NUL bytes: it looks binary, not text");
  try {
    return UTF8.decode(buf).replace(/^\uFEFF/, "");
  } catch {
    return fail({ file }, "BAD_USER_INPUT", "the file is not valid UTF-8 (re-save it as UTF-8)");
  }
}

/** An ATX heading's text: without surrounding blanks and an optional closing run of "#". */
function headingText(line: string): string {
  const t = line.trimEnd();
  const closing = /(?:^|[ \t])#+$/.exec(t);
  return (closing ? t.slice(0, closing.index) : t).trim();
}

// Private: one NDJSON line (already decoded) as a record.
function ndjsonRecord(line: string, file: string, lineNo: number): ArticleRecord | undefined {
  const l = line.trim();
  if (l === "") return undefined;
  let data: unknown;
  try {
    data = JSON.parse(l);
  } catch (e) {
    return fail({ file, line: lineNo }, "BAD_USER_INPUT", `invalid JSON: ${(e as Error).message}`);
  }
  return checked(data, { file, line: lineNo });
}

// Private: one line's bytes, strictly decoded; a NUL or an invalid UTF-8 byte is that line's error.
function decodeLine(bytes: Buffer, file: string, lineNo: number): string | ArticleRecord {
  if (bytes.includes(0)) return fail({ file, line: lineNo }, "BAD_USER_INPUT", "the line contains a NUL byte");
  try {
    const line = UTF8.decode(bytes);
    return lineNo === 1 ? line.replace(/^\uFEFF/, "") : line;
  } catch {
    return fail({ file, line: lineNo }, "BAD_USER_INPUT", "the line is not valid UTF-8 (re-save the file as UTF-8)");
  }
}

/**
 * NDJSON straight from bytes, decoded line by line: a line with an invalid UTF-8 byte or a NUL is
 * that line's error (with its number), and the other lines load. (Decoding the whole file first
 * rejected all of it for one bad byte.)
 */
async function* streamNdjson(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<ArticleRecord> {
  let lineNo = 0;
  for await (const bytes of byteLines(chunks)) {
    lineNo++;
    const line = decodeLine(bytes, file, lineNo);
    const r = typeof line === "string" ? ndjsonRecord(line, file, lineNo) : line;
    if (r) yield r;
  }
  if (lineNo === 0) yield fail({ file }, "BAD_USER_INPUT", "the file is empty");
}

/** CSV rows to articles: the first row is the header, which must have a `text` column. */
class CsvArticles {
  private header: string[] | undefined;
  /** Set when the header has no text column: the rest of the file cannot be read as articles. */
  stopped = false;

  constructor(private readonly file: string) {}

  row(row: CsvRow): ArticleRecord[] {
    const file = this.file;
    if (!row.ok) return [fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV: ${row.message}`)];
    if (!this.header) {
      this.header = row.fields.map((h) => h.trim());
      if (this.header.includes("text")) return [];
      this.stopped = true;
      return [fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV header has no "text" column (found: ${this.header.join(", ")})`)];
    }
    if (row.fields.length !== this.header.length) {
      return [fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV: ${row.fields.length} fields where the header has ${this.header.length}`)];
    }
    const obj: Record<string, string> = {};
    this.header.forEach((h, k) => {
      if (row.fields[k] !== "") obj[h] = row.fields[k]!;
    });
    return [checked(obj, { file, line: row.line })];
  }

  end(): ArticleRecord[] {
    return this.header ? [] : [fail({ file: this.file }, "BAD_USER_INPUT", "the CSV file is empty")];
  }
}

// Private: CSV from bytes, line by line; a NUL or invalid UTF-8 makes the rest of the file unreadable as text.
async function* streamCsv(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<ArticleRecord> {
  const framer = new CsvFramer();
  const articles = new CsvArticles(file);
  let lineNo = 0;
  for await (const bytes of byteLines(chunks)) {
    lineNo++;
    const line = decodeLine(bytes, file, lineNo);
    if (typeof line !== "string") {
      yield fail(
        { file, line: lineNo },
        "BAD_USER_INPUT",
        bytes.includes(0) ? "the file contains NUL bytes: it looks binary, not text" : "the file is not valid UTF-8 (re-save it as UTF-8)",
      );
      return;
    }
    for (const row of framer.push(line, lineNo)) {
      yield* articles.row(row);
      if (articles.stopped) return;
    }
  }
  for (const row of framer.end()) {
    yield* articles.row(row);
    if (articles.stopped) return;
  }
  yield* articles.end();
}

// Private: a JSON file: an array is read element by element; one object is read whole (it is one article).
async function* streamJson(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<ArticleRecord> {
  for await (const el of jsonArrayElements(chunks)) {
    if (el.kind === "empty") {
      yield fail({ file }, "BAD_USER_INPUT", "the file is empty");
    } else if (el.kind === "invalid") {
      yield fail(el.index === undefined ? { file } : { file, line: el.index + 1 }, "BAD_USER_INPUT", `invalid JSON: ${el.message}`);
    } else {
      const text = decode(el.bytes, file);
      if (typeof text !== "string") {
        yield el.index === undefined ? text : { ...text, origin: { file, line: el.index + 1 } };
        continue;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        yield fail(el.index === undefined ? { file } : { file, line: el.index + 1 }, "BAD_USER_INPUT", `invalid JSON: ${(e as Error).message}`);
        continue;
      }
      yield checked(data, el.index === undefined ? { file } : { file, line: el.index + 1 });
    }
  }
}

/** Parse text already read, by format (extension without the dot). */
export function* parseArticles(text: string, format: string, file: string, opts: ReadOptions = {}): Generator<ArticleRecord> {
  switch (format) {
    case "txt":
      yield checked({ text, title: opts.title }, { file });
      return;
    case "md": {
      // One pass over the line, then trimming in code: the old single regex backtracked
      // cubically on "# a" followed by thousands of spaces.
      const m = /^[ \t]*#[ \t]+([^\n]*)/m.exec(text);
      const heading = m ? headingText(m[1]!) : "";
      if (!m || !heading) {
        yield checked({ text, title: opts.title }, { file });
        return;
      }
      const body = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/^\s*\n/, "");
      yield checked({ text: body, title: opts.title ?? heading }, { file });
      return;
    }
    case "json": {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        yield fail({ file }, "BAD_USER_INPUT", `invalid JSON: ${(e as Error).message}`);
        return;
      }
      const items = Array.isArray(data) ? data : [data];
      for (let k = 0; k < items.length; k++) yield checked(items[k], Array.isArray(data) ? { file, line: k + 1 } : { file });
      return;
    }
    case "ndjson":
    case "jsonl": {
      const lines = text.split("\n");
      for (let k = 0; k < lines.length; k++) {
        const r = ndjsonRecord(lines[k]!, file, k + 1);
        if (r) yield r;
      }
      return;
    }
    case "csv": {
      const articles = new CsvArticles(file);
      for (const row of parseCsv(text)) {
        yield* articles.row(row);
        if (articles.stopped) return;
      }
      yield* articles.end();
      return;
    }
    default:
      yield fail({ file }, "BAD_USER_INPUT", `unsupported file type "${format}": use one of ${ARTICLE_EXTENSIONS.join(", ")}`);
  }
}

/**
 * Read one file: NDJSON, CSV and JSON as streams, a text or Markdown article whole.
 *
 * @example for await (const r of readArticleFile("news.ndjson")) if (r.ok) use(r.article); else report(r);
 */
export async function* readArticleFile(file: string, opts: ReadOptions = {}): AsyncGenerator<ArticleRecord> {
  const ext = path.extname(file).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext)) {
    yield fail({ file }, "BAD_USER_INPUT", `unsupported file type "${ext || "(none)"}": use one of ${ARTICLE_EXTENSIONS.join(", ")}`);
    return;
  }
  // Opened first, so an unreadable file is reported before any record of it.
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (e) {
    yield fail({ file }, "INPUT_UNREADABLE", `cannot read the file: ${unreadable(e)}`);
    return;
  }
  const stream = handle.createReadStream({ highWaterMark: 1 << 20 });
  try {
    yield* parseStream(countingChunks(stream, opts.progress), ext.slice(1), file, opts);
  } catch (e) {
    yield fail({ file }, "INPUT_UNREADABLE", `cannot read the file: ${unreadable(e)}`);
  } finally {
    stream.destroy();
    await handle.close().catch(() => {});
  }
}

function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a folder" : (e as Error).message;
}

// Private: one file or stdin, by format; a text or Markdown article is one record, read whole.
async function* parseStream(chunks: AsyncIterable<Buffer>, format: string, file: string, opts: ReadOptions): AsyncGenerator<ArticleRecord> {
  if (format === "ndjson" || format === "jsonl") {
    yield* streamNdjson(chunks, file);
    return;
  }
  if (format === "csv") {
    yield* streamCsv(chunks, file);
    return;
  }
  if (format === "json") {
    yield* streamJson(chunks, file);
    return;
  }
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  const text = decode(Buffer.concat(parts), file);
  if (typeof text !== "string") yield text;
  else yield* parseArticles(text, format, file, opts);
}

// Private: files under a folder with a known extension, depth first, in name order (stable runs).
async function* walk(dir: string): AsyncGenerator<string | ArticleRecord> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield fail({ file: dir }, "INPUT_UNREADABLE", `cannot read the folder: ${(e as Error).message}`);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) yield p;
  }
}

/** Read files, folders (recursively) and "-" (stdin), in order. */
export async function* readArticles(inputs: string[], opts: ReadOptions = {}): AsyncGenerator<ArticleRecord> {
  for (const input of inputs) {
    if (input === "-") {
      yield* parseStream(countingChunks(process.stdin, opts.progress), opts.stdinFormat ?? "ndjson", "<stdin>", opts);
      continue;
    }
    const st = await fs.promises.stat(input).catch(() => undefined);
    if (!st) {
      yield fail({ file: input }, "INPUT_UNREADABLE", "no such file or folder");
    } else if (st.isDirectory()) {
      for await (const f of walk(input)) {
        if (typeof f === "string") yield* readArticleFile(f, opts);
        else yield f;
      }
    } else {
      yield* readArticleFile(input, opts);
    }
  }
}

/**
 * The total size in bytes of what `readArticles(inputs)` will read (files by their size, folders
 * walked, nothing read); 0 when stdin is among them. For a progress bar and ETA.
 */
export async function inputBytes(inputs: string[]): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-") return 0;
    const st = await fs.promises.stat(input).catch(() => undefined);
    if (st?.isFile()) total += st.size;
    else if (st?.isDirectory()) {
      for await (const f of walk(input)) if (typeof f === "string") total += (await fs.promises.stat(f).catch(() => undefined))?.size ?? 0;
    }
  }
  return total;
}
