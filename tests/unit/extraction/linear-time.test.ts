/**
 * Extraction time grows linearly with the text (issue 11, item 4): random texts built from the
 * pieces that once made a stage super-linear (runs of "!", spaces after a heading, coordination
 * lists around a capture verb, quote marks, names), and fixed pathological texts at the article
 * limit. Timing bounds are loose on purpose (a quadratic stage would be 8× over them), and each
 * figure is the best of three runs, so a noisy machine does not fail the test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/extraction/index.ts";
import { parseArticles } from "../../../src/input/read-articles.ts";

const PIECES = [
  "!",
  "!!!!!!!!",
  "?",
  ".",
  " ",
  "   ",
  "\n",
  "\n\n",
  "#",
  "# a",
  ",",
  ", ",
  "and ",
  "US, ",
  "Homs, ",
  "captured ",
  "seized ",
  "backed by ",
  '"',
  "“",
  "”",
  "'",
  "said ",
  "Mosul ",
  "ISIS ",
  "Iraqi forces ",
  "Col. Pat Work ",
  "Abc Def ",
  "the city ",
  "leader ",
  "al-",
  "-",
  "\u200b",
  "é",
];

const text = (seed: number[], size: number): string => {
  let out = "";
  for (let i = 0; out.length < size; i++) out += PIECES[seed[i % seed.length]! % PIECES.length];
  return out.slice(0, size);
};

function bestOf3(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe("extraction time is linear in the text", () => {
  it("random mixes of the pathological pieces: 8× the text costs at most about 8× the time", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 5, maxLength: 40 }), (seed) => {
        const small = bestOf3(() => extractArticle({ text: text(seed, 25_000) }));
        const large = bestOf3(() => extractArticle({ text: text(seed, 200_000) }));
        // Linear: ≈8×. Quadratic would be ≈64×. Allow 3× noise on top of linear, plus 150 ms for tiny timings.
        expect(large).toBeLessThan(small * 24 + 150);
      }),
      { numRuns: 6, seed: 20261202 },
    );
  }, 120_000);

  const LIMIT = 2 * 1024 * 1024;
  const fixed: Record<string, () => string> = {
    "2 MB of '!'": () => "!".repeat(LIMIT),
    "2 MB of spaces after '# a'": () => "# a" + " ".repeat(LIMIT - 4) + "b",
    "2 MB of coordination around a capture verb": () =>
      ("US, ".repeat(100) + "captured " + "Homs, ".repeat(100)).repeat(Math.ceil(LIMIT / 1000)).slice(0, LIMIT),
    "2 MB without a space": () => "a".repeat(LIMIT),
    "2 MB of open quotes": () => '"a '.repeat(LIMIT / 3),
  };
  for (const [name, make] of Object.entries(fixed)) {
    it(`${name} within 15 s`, () => {
      const t = make();
      const t0 = performance.now();
      extractArticle({ text: t });
      // As a Markdown file too (its heading regex was the cubic one); a heading alone is rightly refused.
      expect([...parseArticles(t, "md", "x.md")]).toHaveLength(1);
      expect(performance.now() - t0).toBeLessThan(15_000);
    }, 60_000);
  }
});
