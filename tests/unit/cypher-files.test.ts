import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CYPHER_DIR, cypherNames, splitStatements } from "../../src/db/cypher.ts";

describe("cypher/", () => {
  it("every statement file starts with a one-line comment saying what it answers", () => {
    for (const name of cypherNames()) {
      const first = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), "utf8").split("\n")[0]!;
      expect(first, name).toMatch(/^\/\/ \S.{10,}/);
    }
  });
  it("splits schema.cypher into its statements", () => {
    const s = splitStatements(fs.readFileSync(path.join(CYPHER_DIR, "schema.cypher"), "utf8"));
    expect(s.length).toBeGreaterThan(5);
    expect(s.every((x) => !x.includes("//"))).toBe(true);
  });
});
