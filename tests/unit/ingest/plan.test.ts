import { describe, expect, it } from "vitest";
import { aliasKey, entityId, isStrongAlias, nameKey } from "../../../src/ingest/keys.ts";
import { assignIds, candidates, writeParams, type PreparedArticle } from "../../../src/ingest/plan.ts";
import type { ExtractionResult } from "../../../src/extraction/types.ts";

describe("name keys", () => {
  it.each([
    ["The U.S.", "us"],
    ["ISIS’s", "isis"],
    ["al-Abadi", "al abadi"],
    ["Nouri al-Mālikī", "nouri al maliki"],
    ["  Islamic   State ", "islamic state"],
  ])("nameKey(%j) = %j", (a, b) => expect(nameKey(a)).toBe(b));
  it("entity ids are type-prefixed slugs", () => expect(entityId("PERSON", "Haider al-Abadi")).toBe("person:haider-al-abadi"));
  it("a person's single-word alias is weak; an organisation's acronym is strong", () => {
    expect(isStrongAlias("PERSON", "Trump")).toBe(false);
    expect(isStrongAlias("PERSON", "Donald Trump")).toBe(true);
    expect(isStrongAlias("ORGANIZATION", "ISIS")).toBe(true);
  });
});

function article(id: string, entities: ExtractionResult["entities"], relations: ExtractionResult["relations"] = []): PreparedArticle {
  return { id, input: { id, text: "…" }, contentHash: "h", extraction: { article: { id }, entities, relations }, extractor: "rules-test" };
}
const ent = (id: string, name: string, type: "PERSON" | "ORGANIZATION" | "LOCATION", aliases: string[] = []) => ({ id, name, type, aliases, mentions: [{ start: 0, end: 1 }] });

describe("assignIds: cross-article resolution", () => {
  const a1 = article("a1", [ent("e1", "Islamic State", "ORGANIZATION", ["ISIS"])]);
  const a2 = article("a2", [ent("e1", "ISIS", "ORGANIZATION", [])]);

  it("an existing node with the same key wins", () => {
    const c = candidates([a1]);
    expect(assignIds(c, [{ ref: "a1#e1", existing: "organization:islamic-state", viaAlias: [] }]).get("a1#e1")).toBe("organization:islamic-state");
  });
  it("a strong alias pointing at exactly one node resolves to it", () => {
    const c = candidates([a2]);
    expect(c[0]!.aliasKeys).toEqual([aliasKey("ORGANIZATION", "ISIS")]);
    expect(assignIds(c, [{ ref: "a2#e1", existing: null, viaAlias: ["organization:islamic-state"] }]).get("a2#e1")).toBe("organization:islamic-state");
  });
  it("an ambiguous alias does not merge", () => {
    const c = candidates([a2]);
    expect(assignIds(c, [{ ref: "a2#e1", existing: null, viaAlias: ["x", "y"] }]).get("a2#e1")).toBe("organization:isis");
  });
  it("two new articles in one batch that name one entity differently share a node", () => {
    const c = candidates([a1, a2]);
    const ids = assignIds(c, [
      { ref: "a1#e1", existing: null, viaAlias: [] },
      { ref: "a2#e1", existing: null, viaAlias: [] },
    ]);
    expect(ids.get("a2#e1")).toBe(ids.get("a1#e1"));
  });
  it("people who share only a surname are not merged", () => {
    const c = candidates([article("b1", [ent("e1", "Trump", "PERSON")])]);
    expect(c[0]!.aliasKeys).toEqual([]);
  });
});

describe("writeParams", () => {
  it("keeps one relation per (type, subject, object, article), the most confident, and drops self-relations", () => {
    const ev = { text: "s", start: 0, end: 1 };
    const a = article("a1", [ent("e1", "ISIS", "ORGANIZATION"), ent("e2", "Mosul", "LOCATION")], [
      { type: "CAPTURED", subject: "e1", object: "e2", confidence: 0.6, evidence: ev },
      { type: "CAPTURED", subject: "e1", object: "e2", confidence: 0.9, evidence: { ...ev, start: 5 }, time: "2014" },
      { type: "LEADS", subject: "e1", object: "e1", confidence: 0.9, evidence: ev },
      { type: "QUOTED_IN", subject: "e1", object: "a1", confidence: 0.8, evidence: ev, quote: "q" },
    ]);
    const c = candidates([a]);
    const p = writeParams([a], c, assignIds(c, []));
    expect(p.relations).toHaveLength(1);
    expect(p.relations[0]).toMatchObject({ confidence: 0.9, start: 5, time: "2014" });
    expect(p.quotes).toHaveLength(1);
    expect(p.mentions.map((m) => m.entityId).sort()).toEqual(["location:mosul", "organization:isis"]);
  });
});
