import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/extraction/index.ts";

/** Each input must return within the time limit, deterministically, without throwing. */
const hostile: Record<string, () => string> = {
  empty: () => "",
  whitespace: () => " \n\t\u00a0\u2009\u200b\n\n",
  "non-English": () => "قال المتحدث إن القوات استعادت السيطرة على الموصل. 伊斯兰国占领了摩苏尔。 ".repeat(2000),
  "binary garbage": () => Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(""),
  "unbalanced quotes": () => '"'.repeat(50_000) + "“".repeat(20_000) + " said Obama ".repeat(2000) + "‘".repeat(5000),
  "odd dashes and spaces": () => "ISIS\u2014captured\u2013Mosul\u00a0in\u2009June \u2026 U.S.-backed\u00adforces ".repeat(20_000),
  "one huge sentence": () => "ISIS and Iraq and Syria and Mosul and Kurds, ".repeat(50_000),
  "capitalised words": () => "Abc Def Ghi Jkl ".repeat(100_000),
};

describe("robustness", () => {
  for (const [name, make] of Object.entries(hostile)) {
    it(`survives ${name}`, () => {
      const text = make();
      const t0 = performance.now();
      const r = extractArticle({ text });
      expect(performance.now() - t0).toBeLessThan(10_000);
      for (const rel of r.relations) expect(text.slice(rel.evidence.start, rel.evidence.end)).toBe(rel.evidence.text);
      expect(extractArticle({ text })).toEqual(r);
    }, 60_000);
  }

  it("handles 5 MB of news text in reasonable time", () => {
    const para =
      "With the help of the United States, Mosul was retaken by Iraqi special forces after being seized by ISIS in 2014. “It is hard,” Col. Pat Work said.\n\n";
    const text = para.repeat(Math.ceil(5_000_000 / para.length));
    const t0 = performance.now();
    const r = extractArticle({ text });
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(r.relations.length).toBeGreaterThan(1000);
  }, 60_000);

  it("treats a missing text as empty", () => {
    expect(extractArticle({ text: undefined as unknown as string }).relations).toEqual([]);
  });
});
