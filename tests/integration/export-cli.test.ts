/**
 * `kg export` as a real process: exit codes and messages for bad input, NOT_FOUND for an unknown
 * entity, a file written whole, and Ctrl-C (SIGINT) leaving nothing half-written under the target name.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPathChain, type PathChain } from "../../bench/lib/path-chain.ts";
import { buildExportGraph, type ExportGraph } from "../support/export-graph.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { graphMlReader, type GraphMlReader } from "../support/graphml-reader.ts";
import { killKgProcesses, neo4jEnv, spawnKg } from "../support/kg-process.ts";

describe("kg export", () => {
  const db = testDb();
  const env = { ...neo4jEnv(), KG_NLP: "none" };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-export-cli-"));
  let g: ExportGraph;
  let chain: PathChain;
  let reader: GraphMlReader;
  beforeAll(async () => {
    reader = await graphMlReader();
    g = await buildExportGraph(db, uniquePrefix("exportcli"));
    // Enough pages that an export with --page-size 1 is still running when it is interrupted.
    chain = await buildPathChain(db, uniquePrefix("exportcli-chain"), 8, 25);
  }, 300_000);
  afterAll(async () => {
    killKgProcesses();
    await g?.remove();
    await chain?.remove();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const kg = async (args: string[]) => {
    const p = spawnKg(["export", ...args], env);
    return { code: await p.exit, stdout: p.stdout(), stderr: p.stderr() };
  };

  it("refuses an unknown format, type, option or date with the valid values, exit 2", async () => {
    const format = await kg(["--format", "xml"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('BAD_USER_INPUT: Unknown format "xml": use one of graphml, jsonl, csv, jsonld.');
    const type = await kg(["--format", "jsonl", "--type", "PLANET"]);
    expect(type.code).toBe(2);
    expect(type.stderr).toMatch(
      /Unknown type "PLANET": entity types are PERSON, ORGANIZATION, LOCATION, GROUP; relation types are LEADS, CAPTURED, SUPPORTED_BY, QUOTED_IN/,
    );
    const option = await kg(["--format", "jsonl", "--planet", "x"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--planet'.*Valid options: --format, --out/s);
    const since = await kg(["--format", "jsonl", "--since", "last week"]);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("--since must be a date YYYY-MM-DD");
    const csv = await kg(["--format", "csv"]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("give a folder with --out DIR");
  });

  it("answers an entity that does not exist with NOT_FOUND, exit 1", async () => {
    const r = await kg(["--format", "jsonl", "--entity", `${g.names.leader} Nobody`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kg export: NOT_FOUND: No entity is named/);
    expect(r.stdout).toBe("");
  });

  it("writes a neighbourhood to a file, to stdout, and CSV tables to a folder", async () => {
    const file = path.join(dir, "leader.graphml");
    const r = await kg(["--format", "graphml", "--entity", g.names.leader, "--hops", "3", "--out", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/5 entities, 4 relations/);
    expect(reader.lint(file).status).toBe(0);
    expect(reader.read(file)).toMatchObject({ ok: true });
    expect(fs.readdirSync(dir)).toEqual(["leader.graphml"]);

    const out = await kg(["--format", "jsonl", "--entity", g.names.town, "--hops", "0"]);
    expect(out.code).toBe(0);
    expect(
      out.stdout
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual([g.ids.town]);

    const tables = path.join(dir, "tables");
    const csv = await kg(["--format", "csv", "--entity", g.names.leader, "--hops", "1", "--out", tables]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(fs.readdirSync(tables).sort()).toEqual([
      "alias_of.csv",
      "aliases.csv",
      "articles.csv",
      "entities.csv",
      "mentions.csv",
      "quotes.csv",
      "relations.csv",
    ]);
  });

  it("leaves the target as it was when interrupted with Ctrl-C, and no temporary file, exit 130", async () => {
    const target = path.join(dir, "all.jsonl");
    fs.writeFileSync(target, "the previous export\n");
    const p = spawnKg(["export", "--format", "jsonl", "--page-size", "1", "--out", target], env);
    // Interrupt once it has written into its temporary file.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const tmp = fs.readdirSync(dir).find((f) => f.startsWith(".all.jsonl.") && f.endsWith(".tmp"));
      if (tmp && fs.statSync(path.join(dir, tmp), { throwIfNoEntry: false })?.size) break;
      if (Date.now() > deadline) throw new Error(`no temporary file with data; stderr: ${p.stderr()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    p.child.kill("SIGINT");
    expect(await p.exit).toBe(130);
    expect(p.stderr()).toContain("interrupted; nothing was written under the target name");
    expect(fs.readFileSync(target, "utf8")).toBe("the previous export\n");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
