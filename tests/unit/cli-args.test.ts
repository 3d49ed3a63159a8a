import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandArgs, UsageError } from "../../src/cli/args.ts";

const KG = path.resolve(import.meta.dirname, "../../bin/kg.js");

describe("command-line options (node:util parseArgs, strict)", () => {
  const spec = { flags: ["json", "help"], values: ["batch", "title"] };

  it("parses flags, values (both spellings) and positionals, stdin's '-' included", () => {
    const a = parseCommandArgs("kg ingest", ["a.ndjson", "--batch", "10", "--title=T", "-", "--json"], spec);
    expect(a.positionals).toEqual(["a.ndjson", "-"]);
    expect([...a.flags]).toEqual(["json"]);
    expect(Object.fromEntries(a.values)).toEqual({ batch: "10", title: "T" });
  });

  it.each([
    [["--bacth", "10"], /Unknown option '--bacth'/],
    [["--batch"], /'--batch <value>' argument missing/],
    [["--json=yes"], /'--json' does not take an argument/],
  ])("%j is refused, listing the valid options", (argv, why) => {
    const call = () => parseCommandArgs("kg ingest", argv, spec);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(why);
    expect(call).toThrow(/Valid options: --batch VALUE, --title VALUE, --json, --help\.$/);
  });

  it("`kg ingest --bacth 10` exits 2 before touching a database, saying which options exist", () => {
    const r = spawnSync(process.execPath, [KG, "ingest", "--bacth", "10", "feed.ndjson"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^kg ingest: Unknown option '--bacth'\. Valid options: --batch VALUE, --stdin-format VALUE, --title VALUE, --job-id VALUE, --json, --help, --queue\./,
    );
    expect(r.stdout).toBe("");
  });
});
