/**
 * RFC 4180 CSV, record by record, so one broken record is reported with its line and the
 * rest of the file still loads. A quote left open would swallow the whole file; instead the
 * record is reported and reading resumes on the line after the one where it started.
 */
export type CsvRow = { ok: true; line: number; fields: string[] } | { ok: false; line: number; message: string };

export function* parseCsv(text: string): Generator<CsvRow> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const startIdx = i;
    const fields: string[] = [];
    let field = "";
    let error: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text[i] === '"') {
        // Quoted field: "" is an escaped quote; it must close before the record ends.
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (!closed) {
          error = "a quoted field is never closed (unbalanced \")";
          break;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          error = `unexpected character after a closing quote at column ${fields.length + 1}`;
          break;
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"') {
            error = `a quote inside an unquoted field at column ${fields.length + 1} (quote the field and double the quote)`;
            break;
          }
          field += text[i];
          i++;
        }
        if (error) break;
      }
      fields.push(field);
      field = "";
      if (i >= n) endOfRecord = true;
      else if (text[i] === ",") i++;
      else {
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        endOfRecord = true;
      }
    }
    if (error) {
      yield { ok: false, line: startLine, message: error };
      // Resume on the line after the record's first line.
      const nl = text.indexOf("\n", startIdx);
      if (nl < 0) return;
      i = nl + 1;
      line = startLine + 1;
      continue;
    }
    if (fields.length === 1 && fields[0] === "") continue; // blank line
    yield { ok: true, line: startLine, fields };
  }
}
