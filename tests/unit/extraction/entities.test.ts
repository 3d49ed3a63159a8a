import { describe, expect, it } from "vitest";
import { extractArticle, nameOf } from "./helpers.ts";

const entity = (text: string, name: string) => extractArticle({ text }).entities.find((e) => e.name === name);

describe("entities and coreference", () => {
  it("merges a full name with its surname forms", () => {
    const e = entity("Haider al-Abadi met the generals. Later al-Abadi spoke, and Abadi left.", "Haider al-Abadi");
    expect(e?.type).toBe("PERSON");
    expect(e?.mentions).toHaveLength(3);
  });

  it("merges gazetteer aliases and an acronym with its expansion", () => {
    const e = entity("The Islamic State of Iraq and the Levant (ISIL) attacked. ISIS, also called Daesh, retreated.", "Islamic State");
    expect(e?.type).toBe("ORGANIZATION");
    expect(e?.mentions).toHaveLength(4);
    const r = extractArticle({ text: "The Kobani Defence Units (KDU) held the town. The KDU said it was safe." });
    const kdu = r.entities.find((x) => x.name === "Kobani Defence Units");
    expect(kdu?.aliases).toContain("KDU");
  });

  it("strips titles and joins them to a known full name", () => {
    const r = extractArticle({ text: "Donald Trump spoke on Monday. President Trump said the war was won." });
    const trump = r.entities.filter((e) => e.type === "PERSON");
    expect(trump.map((e) => e.name)).toEqual(["Donald Trump"]);
    expect(trump[0]!.mentions).toHaveLength(2);
  });

  it("types people, organisations, places and groups", () => {
    const r = extractArticle({ text: "Kurds and Sunni tribes fled Sinjar as Peshmerga fighters arrived. Dr. Amira Khalil treated them." });
    const types = Object.fromEntries(r.entities.map((e) => [e.name, e.type]));
    expect(types).toMatchObject({ Kurds: "GROUP", Sunnis: "GROUP", Sinjar: "LOCATION", Peshmerga: "ORGANIZATION", "Amira Khalil": "PERSON" });
  });

  it("resolves 'the city' and 'the country' to a clear antecedent", () => {
    const r = extractArticle({ text: "Iraqi forces entered Mosul. The city was in ruins and the country was exhausted." });
    const mosul = r.entities.find((e) => e.name === "Mosul");
    const iraq = r.entities.find((e) => e.name === "Iraq");
    expect(mosul?.mentions).toHaveLength(2);
    expect(iraq?.mentions).toHaveLength(1);
  });

  it("gives spans that index the original text", () => {
    const text = "Naïve “quotes” — and ISIS’s leader Abu Bakr al-Baghdadi.";
    const r = extractArticle({ text });
    for (const e of r.entities)
      for (const m of e.mentions) expect(e.aliases.concat(e.name).join("|")).toContain(text.slice(m.start, m.end).replace(/^the /i, ""));
  });
});

describe("title words are not part of a person's name (round of 2026-12-02, evening)", () => {
  it.each([
    ["Treasurer Paul Keating said the deficit would grow.", "Paul Keating"],
    ["Backbencher Stephen Pound said the briefing had to stop.", "Stephen Pound"],
    ["Analyst Donna Pulcine said the banks were cautious.", "Donna Pulcine"],
  ])("%j names %s", (text, name) => {
    const r = extractArticle({ id: "a1", text });
    expect(r.entities.filter((e) => e.type === "PERSON").map((e) => e.name)).toEqual([name]);
  });
});

describe("members of parliament described by their seat or party", () => {
  const text =
    'Robert Kilroy-Silk is to contest the seat of Erewash. The East Midlands MEP, who quit UKIP last week, said he would win. "We will win," he said. But the Tory MP for Sleaford and North Hykeham said the plan was "doomed".';

  it("'the East Midlands MEP' is no person's name, so the quote stays with the person it describes", () => {
    const r = extractArticle({ id: "a1", text });
    expect(r.entities.map((e) => e.name)).not.toContain("East Midlands MEP");
    const speakers = r.relations.filter((x) => x.type === "QUOTED_IN").map((x) => nameOf(r, x.subject));
    expect(speakers).toEqual(["Robert Kilroy-Silk"]);
  });

  it("a constituency after 'MP for … and' is a place, never a speaker", () => {
    const r = extractArticle({ id: "a1", text });
    expect(r.entities.find((e) => e.name === "North Hykeham")?.type).toBe("LOCATION");
  });
});
