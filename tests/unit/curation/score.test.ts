import { describe, expect, it } from "vitest";
import { acronyms, duplicatePairKey, fuzzyQuery, scorePair, wordDifference, type PairEntity } from "../../../src/curation/score.ts";

const e = (name: string, type: PairEntity["type"] = "ORGANIZATION", aliases: string[] = []): PairEntity => ({ id: name, name, type, aliases });
const none = { together: 0, neighbours: 0, contextA: [], contextB: [] };
const kinds = (r: { reasons: { kind: string }[] }) => r.reasons.map((x) => x.kind);

describe("duplicate scoring", () => {
  it("a misspelling of a name scores high on the name alone", () => {
    const r = scorePair(e("New York Stock Exchange"), e("New York Stock Exchanage"), none);
    expect(r.score).toBeGreaterThan(0.65);
    expect(kinds(r)).toEqual(["NAME"]);
  });
  it("company forms are not a difference", () => {
    expect(scorePair(e("First Boston Corp"), e("First Boston Inc"), none).score).toBe(0.7);
  });
  it("a substituted word and an extra word count against", () => {
    expect(kinds(scorePair(e("UK government"), e("US government"), none))).toContain("DIFFERENT_WORD");
    expect(kinds(scorePair(e("Treasury"), e("Treasury Loan"), none))).toContain("EXTRA_WORD");
    expect(wordDifference("organization of petroleum exporting countries", "organization of the petroleum exporting countries")).toBeUndefined();
  });
  it("two people in one article, or with different first names, count against", () => {
    const shared = { together: 2, neighbours: 0, contextA: ["x"], contextB: ["x"] };
    const r = scorePair(e("Haider al-Abadi", "PERSON"), e("Haider al-Abbadi", "PERSON"), shared);
    expect(r.reasons.find((x) => x.kind === "SAME_ARTICLE")?.weight).toBeLessThan(0);
    expect(kinds(scorePair(e("Barack Obama", "PERSON"), e("Michelle Obama", "PERSON"), none))).toContain("FIRST_NAME_CONFLICT");
    expect(kinds(scorePair(e("B. Obama", "PERSON"), e("Barack Obama", "PERSON"), none))).not.toContain("FIRST_NAME_CONFLICT");
  });
  it("graph signals add to the score, and the weights add up to it", () => {
    const sig = { together: 0, neighbours: 2, contextA: ["x", "y"], contextB: ["x", "y", "z"] };
    const r = scorePair(e("Bank of England"), e("Bank of Enlgand"), sig);
    expect(kinds(r)).toEqual(["NAME", "SHARED_NEIGHBOURS", "SHARED_CONTEXT"]);
    expect(r.score).toBeCloseTo(
      r.reasons.reduce((s, x) => s + x.weight, 0),
      2,
    );
  });
  it("initials and shared aliases are signals; a word both names contain is not a shared alias", () => {
    expect(acronyms("commodity credit corporation")).toContain("ccc");
    expect(kinds(scorePair(e("Commodity Credit Corporation"), e("CCC"), none))).toContain("ACRONYM");
    expect(kinds(scorePair(e("House of Commons", "ORGANIZATION", ["House"]), e("House Banking", "ORGANIZATION", ["House"]), none))).not.toContain(
      "SHARED_ALIAS",
    );
    expect(kinds(scorePair(e("EC Commission", "ORGANIZATION", ["EC"]), e("European Community", "ORGANIZATION", ["EC"]), none))).toContain("SHARED_ALIAS");
  });
  it("the blocking query: words, the longest fuzzy, initials (not for people); pair keys are ordered", () => {
    expect(fuzzyQuery("Haider al-Abadi", "PERSON")).toBe("haider~1 OR abadi");
    expect(fuzzyQuery("Islamic State of Iraq", "ORGANIZATION")).toBe("islamic~1 OR state OR iraq OR isoi OR isi");
    expect(fuzzyQuery("...", "ORGANIZATION")).toBeUndefined();
    expect(duplicatePairKey("b", "a")).toBe("a|b");
  });
});
