/**
 * CSV (RFC 4180) record by record: csv-parse splits each record into fields; this file only frames
 * records, so that one broken record is reported with its line and the rest of the file still
 * loads. We keep the framing ourselves because csv-parse, given a quote left open, reads to the end
 * of the input and fails once for everything after it; here a record's quotes must balance by
 * its last line, and a record that never balances (by the end of the file, or past `maxRecordChars`)
 * is reported and reading resumes on the line after the one where it started.
 */
import { parse } from "csv-parse/sync";

export type CsvRow = { ok: true; line: number; fields: string[] } | { ok: false; line: number; message: string };

/** Every article field together is far smaller than this many characters of one record, by default. */
const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * Frames physical lines into records and parses each. Feed lines in order with `push`, then `end`.
 *
 * @example const f = new CsvFramer(); [...f.push('a,"b', 1), ...f.push('c"', 2), ...f.end()] // [{ ok: true, line: 1, fields: ["a", "b\nc"] }]
 */
export class CsvFramer {
  private pending: { text: string; line: number }[] = [];
  private quotes = 0;
  private chars = 0;

  constructor(private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS) {}

  /** One line (without its "\n") and its 1-based number; the records it completes. */
  push(text: string, line: number): CsvRow[] {
    this.pending.push({ text, line });
    for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) this.quotes++;
    this.chars += text.length + 1;
    if (this.quotes % 2 === 0) return this.record();
    // An odd quote opens a multi-line field only at a field's start: "ab\"c" is an error at once.
    if (this.pending.length === 1) {
      const wrong = strayQuote(text);
      if (wrong) return [{ ok: false, line: this.take()[0]!.line, message: wrong }];
    }
    return this.chars > this.maxRecordChars ? this.unclosed() : [];
  }

  /** The end of the input: whatever is still open is reported, and the lines after it read again. */
  end(): CsvRow[] {
    const out: CsvRow[] = [];
    while (this.pending.length > 0) out.push(...this.unclosed());
    return out;
  }

  private take(): { text: string; line: number }[] {
    const p = this.pending;
    this.pending = [];
    this.quotes = 0;
    this.chars = 0;
    return p;
  }

  private record(): CsvRow[] {
    const lines = this.take();
    const line = lines[0]!.line;
    const text = lines
      .map((l) => l.text)
      .join("\n")
      .replace(/\r$/, "");
    if (text === "") return []; // blank line
    try {
      const [fields] = parse(text, { relax_column_count: true });
      return fields ? [{ ok: true, line, fields }] : [];
    } catch (e) {
      return [{ ok: false, line, message: csvMessage(e) }];
    }
  }

  private unclosed(): CsvRow[] {
    const [first, ...rest] = this.take();
    const out: CsvRow[] = [{ ok: false, line: first!.line, message: 'a quoted field is never closed (unbalanced ")' }];
    for (const l of rest) out.push(...this.push(l.text, l.line));
    return out;
  }
}

// Private: csv-parse's error, said the way this project says input errors (what, where, what to do).
function csvMessage(e: unknown): string {
  const err = e as { code?: string; column?: number; message?: string };
  const column = (err.column ?? 0) + 1;
  if (err.code === "INVALID_OPENING_QUOTE") return `a quote inside an unquoted field at column ${column} (quote the field and double the quote)`;
  if (err.code === "CSV_INVALID_CLOSING_QUOTE") return `unexpected character after a closing quote at column ${column}`;
  return err.message ?? String(e);
}

// Private: the error of a line whose odd quote cannot be the start of a quoted field, if it is one.
function strayQuote(line: string): string | undefined {
  try {
    parse(line, { relax_column_count: true });
  } catch (e) {
    if ((e as { code?: string }).code !== "CSV_QUOTE_NOT_CLOSED") return csvMessage(e);
  }
  return undefined;
}

/** Parse CSV text already read (tests, stdin of known size); files are read line by line instead. */
export function* parseCsv(text: string): Generator<CsvRow> {
  const f = new CsvFramer();
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (let k = 0; k < lines.length; k++) yield* f.push(lines[k]!, k + 1);
  yield* f.end();
}
