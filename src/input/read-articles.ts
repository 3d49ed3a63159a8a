/**
 * Turn files, folders and stdin into article records. Every problem becomes a record with
 * its file and line (never an exception), so one bad record is reported and the rest goes on.
 *
 *   .txt      the whole file is the text (`title` from options)
 *   .md       the first `# ` heading is the title; the rest is the text
 *   .json     one article object, or an array of them
 *   .ndjson   one article object per line (.jsonl too)
 *   .csv      a header with a `text` column and optional id,title,url,source,publishedAt
 */
import fs from "node:fs";
import path from "node:path";
import type { ArticleInput } from "../extraction/types.ts";
import { parseCsv } from "./csv.ts";
import { validateArticle } from "./validate.ts";

export interface Origin {
  file: string;
  line?: number;
}

export type ArticleRecord =
  | { ok: true; article: ArticleInput; origin: Origin }
  | { ok: false; origin: Origin; code: string; message: string };

export interface ReadOptions {
  title?: string;
  /** Format of stdin ("-"): ndjson (default), json, txt, md, csv. */
  stdinFormat?: string;
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

/**
 * NDJSON straight from bytes, decoded line by line: a line with an invalid UTF-8 byte or a NUL is
 * that line's error (with its number), and the other lines load. (Decoding the whole file first
 * rejected all of it for one bad byte.)
 */
function* parseNdjsonBytes(buf: Buffer, file: string): Generator<ArticleRecord> {
  if (buf.length === 0) {
    yield fail({ file }, "BAD_USER_INPUT", "the file is empty");
    return;
  }
  let start = 0;
  for (let lineNo = 1; start <= buf.length; lineNo++) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl < 0 ? buf.length : nl;
    const bytes = buf.subarray(start, end);
    start = end + 1;
    if (bytes.includes(0)) {
      yield fail({ file, line: lineNo }, "BAD_USER_INPUT", "the line contains a NUL byte");
      continue;
    }
    let line: string;
    try {
      line = UTF8.decode(bytes);
    } catch {
      yield fail({ file, line: lineNo }, "BAD_USER_INPUT", "the line is not valid UTF-8 (re-save the file as UTF-8)");
      continue;
    }
    const r = ndjsonRecord(lineNo === 1 ? line.replace(/^\uFEFF/, "") : line, file, lineNo);
    if (r) yield r;
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
      let header: string[] | undefined;
      for (const row of parseCsv(text)) {
        if (!row.ok) {
          yield fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV: ${row.message}`);
          continue;
        }
        if (!header) {
          header = row.fields.map((h) => h.trim());
          if (!header.includes("text")) {
            yield fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV header has no "text" column (found: ${header.join(", ")})`);
            return;
          }
          continue;
        }
        if (row.fields.length !== header.length) {
          yield fail({ file, line: row.line }, "BAD_USER_INPUT", `CSV: ${row.fields.length} fields where the header has ${header.length}`);
          continue;
        }
        const obj: Record<string, string> = {};
        header.forEach((h, k) => {
          if (row.fields[k] !== "") obj[h] = row.fields[k]!;
        });
        yield checked(obj, { file, line: row.line });
      }
      if (!header) yield fail({ file }, "BAD_USER_INPUT", "the CSV file is empty");
      return;
    }
    default:
      yield fail({ file }, "BAD_USER_INPUT", `unsupported file type "${format}": use one of ${ARTICLE_EXTENSIONS.join(", ")}`);
  }
}

/**
 * Read one file.
 *
 * @example for await (const r of readArticleFile("news.ndjson")) if (r.ok) use(r.article); else report(r);
 */
export async function* readArticleFile(file: string, opts: ReadOptions = {}): AsyncGenerator<ArticleRecord> {
  const ext = path.extname(file).toLowerCase();
  if (!ARTICLE_EXTENSIONS.includes(ext)) {
    yield fail({ file }, "BAD_USER_INPUT", `unsupported file type "${ext || "(none)"}": use one of ${ARTICLE_EXTENSIONS.join(", ")}`);
    return;
  }
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a folder" : (e as Error).message;
    yield fail({ file }, "INPUT_UNREADABLE", `cannot read the file: ${why}`);
    return;
  }
  yield* parseBytes(buf, ext.slice(1), file, opts);
}

// Private: bytes of one file or stdin, by format; NDJSON is decoded line by line, the rest whole.
function* parseBytes(buf: Buffer, format: string, file: string, opts: ReadOptions): Generator<ArticleRecord> {
  if (format === "ndjson" || format === "jsonl") {
    yield* parseNdjsonBytes(buf, file);
    return;
  }
  const text = decode(buf, file);
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

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Read files, folders (recursively) and "-" (stdin), in order. */
export async function* readArticles(inputs: string[], opts: ReadOptions = {}): AsyncGenerator<ArticleRecord> {
  for (const input of inputs) {
    if (input === "-") {
      yield* parseBytes(await readStdin(), opts.stdinFormat ?? "ndjson", "<stdin>", opts);
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
