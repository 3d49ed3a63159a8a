import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadGold, scoreArticle } from "../../../scripts/eval.ts";
import { extractArticle } from "../../../src/extraction/index.ts";
import { RELATION_TYPES } from "../../../src/extraction/types.ts";

const dir = new URL("../../fixtures/seeds/", import.meta.url);
const gold = loadGold(new URL("gold.json", dir).pathname);

describe("seed articles against their gold relations", () => {
  for (const [file, relations] of Object.entries(gold.articles)) {
    it(`${file}: every required relation found, no false positive`, () => {
      const text = readFileSync(new URL(file, dir), "utf8");
      const score = scoreArticle(extractArticle({ id: file, text }), relations);
      expect(score.misses.map((m) => `${m.type} ${m.subject[0]} -> ${m.object?.[0] ?? "article"}`)).toEqual([]);
      expect(score.falsePositives).toEqual([]);
      for (const t of RELATION_TYPES) expect(score.counts[t].found).toBe(score.counts[t].required);
    });
  }

  it("evidence is exactly the slice of the text it points at", () => {
    const file = Object.keys(gold.articles)[0]!;
    const text = readFileSync(new URL(file, dir), "utf8");
    for (const r of extractArticle({ text }).relations) expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.text);
  });
});
