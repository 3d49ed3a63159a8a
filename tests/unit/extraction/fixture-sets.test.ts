import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The held-out set only means something while no development set shares an article with it
// (fnc1-train-281 once sat in both, and was replaced in the held-out set).
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures");
const ids = (set: string) => Object.keys((JSON.parse(readFileSync(path.join(FIXTURES, set, "gold.json"), "utf8")) as { articles: object }).articles);
const devSets = readdirSync(FIXTURES).filter((d) => /^devset\d*$/.test(d));

describe("annotated article sets", () => {
  it("the held-out set shares no article with any development set", () => {
    const held = new Set(ids("heldout"));
    for (const d of devSets)
      expect(
        ids(d).filter((id) => held.has(id)),
        d,
      ).toEqual([]);
  });

  it("no article is annotated in two development sets", () => {
    const seen = new Map<string, string>();
    for (const d of devSets) {
      for (const id of ids(d)) {
        expect(seen.get(id), `${id} in ${d}`).toBeUndefined();
        seen.set(id, d);
      }
    }
  });
});
