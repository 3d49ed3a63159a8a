import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/input/csv.ts";

const rows = (t: string) => [...parseCsv(t)];

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, and CRLF line ends", () => {
    expect(rows('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      { ok: true, line: 1, fields: ["a", "b"] },
      { ok: true, line: 2, fields: ["x, y", 'say "hi"\nthere'] },
    ]);
  });
  it("reports an unclosed quote at the record's first line and resumes on the next line", () => {
    const r = rows('h\n"open\nok\n');
    expect(r[1]).toMatchObject({ ok: false, line: 2 });
    expect(r[2]).toEqual({ ok: true, line: 3, fields: ["ok"] });
  });
  it("reports a stray quote inside an unquoted field", () => {
    expect(rows('h\nab"c\nfine\n')[1]).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/quote inside an unquoted field/) as unknown });
  });
  it("skips blank lines and handles a last line without a newline", () => {
    expect(rows("a\n\nb")).toEqual([
      { ok: true, line: 1, fields: ["a"] },
      { ok: true, line: 3, fields: ["b"] },
    ]);
  });
});
