import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runExtract } from "../../../src/cli/commands/extract.ts";

const dir = mkdtempSync(path.join(tmpdir(), "kg-extract-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Runs the command with stdout and stderr captured. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  const code = await runExtract(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

describe("kg extract", () => {
  it("prints exactly one JSON object for a .md article, titled by its heading", async () => {
    const p = file("a.md", "# Mosul falls\n\nMosul was retaken by Iraqi forces in 2017.\n");
    const { code, out } = await run([p]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { article: { title: string }; relations: unknown[] };
    expect(result.article.title).toBe("Mosul falls");
    expect(result.relations[0]).toMatchObject({ type: "CAPTURED", time: "2017" });
  });

  it("prints one JSON line per .ndjson article and reports a bad line with its number", async () => {
    const p = file("b.ndjson", '{"id":"x1","text":"ISIS seized Mosul."}\n{oops\n{"id":"x2","text":"Nothing here."}\n');
    const { code, out, err } = await run([p, "--format", "json"]);
    expect(code).toBe(1);
    expect(
      out
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { article: { id: string } }).article.id),
    ).toEqual(["x1", "x2"]);
    expect(err).toMatch(/b\.ndjson:2: .*invalid JSON/);
  });

  it("lists entities and relations in text format", async () => {
    const p = file("c.json", JSON.stringify({ id: "c", text: "ISIS leader Abu Bakr al-Baghdadi spoke." }));
    const { code, out } = await run([p, "--format", "text"]);
    expect(code).toBe(0);
    expect(out).toContain("LEADS        Abu Bakr al-Baghdadi → Islamic State");
  });

  it("fails clearly on a missing file, an unknown extension and a bad --format", async () => {
    expect((await run([path.join(dir, "none.txt")])).err).toMatch(/no such file/);
    expect((await run([file("d.pdf", "x")])).err).toMatch(/unsupported file type/);
    const bad = await run([file("e.txt", "x"), "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown --format/);
  });
});
