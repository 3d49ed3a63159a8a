import { describe, expect, it } from "vitest";
import { extractArticle, nameOf, relations } from "./helpers.ts";

describe("CAPTURED", () => {
  it.each([
    ["ISIS seized Mosul in June.", "Islamic State -> Mosul"],
    ["Mosul was retaken by Iraqi special forces.", "Iraqi special forces -> Mosul"],
    ["Kurdish forces have recaptured the strategic Mosul dam.", "Kurdish forces -> Mosul Dam"],
    ["Islamic State militants took control of Iraq's second city of Mosul.", "Islamic State -> Mosul"],
    ["The town fell to the Nusra Front after a week of fighting. Idlib fell to the Nusra Front.", "Nusra Front -> Idlib"],
    ["He visited Mosul, which ISIS forces took over this summer.", "Islamic State -> Mosul"],
    ["The Islamic State has declared a caliphate and seized wide areas of Iraq and Syria.", "Islamic State -> Syria"],
    ["Kurdish forces fought near the Mosul Dam for days. These troops finally recaptured it on Aug. 18.", "Kurdish forces -> Mosul Dam"],
    ["Mosul, Iraq's second-largest city, was captured by ISIS in June.", "Islamic State -> Mosul"],
    ["Iraqi and Kurdish security forces massed near Haditha. These troops retook Haditha on Friday.", "Iraqi security forces -> Haditha"],
    ["U.S. air strikes helped Iraqi forces retake several towns, including Zumar.", "Iraqi forces -> Zumar"],
  ])("finds the capture in %j", (text, expected) => {
    expect(relations(text, "CAPTURED")).toContain(expected);
  });

  it("keeps the time phrase and handles the elliptic passive", () => {
    const r = extractArticle({ text: "ISIS-controlled Mosul was retaken by Iraqi forces after being seized by the terrorist group in 2014." });
    const got = r.relations.filter((x) => x.type === "CAPTURED").map((x) => `${nameOf(r, x.subject)} -> ${nameOf(r, x.object)} ${x.time ?? ""}`.trim());
    expect(got).toEqual(["Iraqi forces -> Mosul", "Islamic State -> Mosul 2014"]);
  });

  it.each([
    "Iraqi forces tried to capture Tikrit last month.",
    "The army is preparing an offensive to retake Mosul.",
    "Capturing the town would give ISIS a route to Baghdad.",
    "If ISIS captured Baghdad, the government would fall.",
    "Police captured three ISIS suspects in Erbil.",
    "Lebanese authorities detained Saja al-Dulaimi near Tripoli.",
    "ISIS captured Jordanian pilot Muath al-Kasasbeh in December.",
    "Iraqi troops have not retaken Ramadi.",
    "A Canadian woman fighting in northern Syria has been captured by Islamic State fighters.",
    "ISIS, which took the US by surprise this year, grew fast.",
    "Rebels took control of the U.S. Embassy vehicles at the airport.",
  ])("ignores attempts, hypotheticals and arrests: %j", (text) => {
    expect(relations(text, "CAPTURED")).toEqual([]);
  });

  describe("asides, time phrases, naming 'of', passives and nominals", () => {
    it.each([
      ["Kurdish fighters, backed by U.S. air strikes, retook Kobani.", "Kurdish fighters -> Kobani"],
      ["ISIS, which declared a caliphate in June, overran Ramadi.", "Islamic State -> Ramadi"],
      ["Iraqi forces on Tuesday recaptured Baiji.", "Iraqi forces -> Baiji"],
      ["The town of Sinjar fell to Kurdish fighters.", "Kurdish fighters -> Sinjar"],
      ["The northern city of Tikrit was retaken by Iraqi troops.", "Iraqi troops -> Tikrit"],
      ["Tikrit was won back by Iraqi forces.", "Iraqi forces -> Tikrit"],
      ["Iraqi forces reclaimed Ramadi in December.", "Iraqi forces -> Ramadi"],
      ["The liberation of Tikrit by Iraqi forces was celebrated in Baghdad.", "Iraqi forces -> Tikrit"],
      ["Kurdish fighters, aided by coalition jets, on Monday won back Tal Abyad.", "Kurdish fighters -> Tal Abyad"],
    ])("finds the capture in %j", (text, expected) => {
      expect(relations(text, "CAPTURED")).toContain(expected);
    });

    it("keeps the subject of the sentence before for a sentence-initial 'the group'", () => {
      const text =
        "Last week, Kurdish gunmen stormed a village near Hasakah after clashes with Islamic State rebels. The group, aided by coalition air strikes, previously retook Tal Abyad.";
      expect(relations(text, "CAPTURED")).toEqual(["Kurdish gunmen -> Tal Abyad"]);
      expect(relations(text, "SUPPORTED_BY")).toEqual(["Kurdish gunmen -> Global Coalition"]);
    });

    it("still takes the nearest armed group when the sentence before has no group subject", () => {
      const text = "Officials in Baghdad met Islamic State defectors. The group later seized Ramadi.";
      expect(relations(text, "CAPTURED")).toEqual(["Islamic State -> Ramadi"]);
    });

    it.each([
      "A woman in the town of Kobani was captured by ISIS.",
      "Kurdish fighters battling ISIS, backed by US jets, held out.",
      "Iraqi forces, which tried for weeks, failed to retake Ramadi.",
      "The expected liberation of Mosul by Iraqi forces was delayed.",
      "Plans for the liberation of Mosul by Iraqi forces were drawn up.",
      "Iraq's planned recapture of Mosul was postponed.",
      "Iraqi forces, the minister said, would retake Mosul soon.",
    ])("ignores %j", (text) => {
      expect(relations(text, "CAPTURED")).toEqual([]);
    });

    it("does not give the capture to the object of a gerund before an aside", () => {
      expect(relations("Kurdish fighters battling ISIS, backed by US jets, retook Kobani.", "CAPTURED")).not.toContain("Islamic State -> Kobani");
    });
  });

  describe("storming, relative clauses after a veto, a second place of one land phrase", () => {
    it.each([
      ["Iraqi forces have performed abysmally since Isis stormed into Mosul on 10 June.", ["Islamic State -> Mosul"]],
      ["Last week, Kurdish fighters stormed the town of Kobani and took control from the militants.", ["Kurdish fighters -> Kobani"]],
      [
        "ISIS grew fast. Washington will step up its efforts to defeat the hardline Sunni militant outfit, which has captured swathes of area in Iraq's north and in Syria.",
        ["Islamic State -> Iraq", "Islamic State -> Syria"],
      ],
    ])("finds %j", (text, expected) => {
      expect(relations(text, "CAPTURED")).toEqual(expected);
    });

    it.each([
      "Police stormed the town of Kobani and arrested three men.",
      "Kurdish fighters stormed the town of Kobani but failed to take control.",
      "Washington will step up its efforts to capture Mosul, which ISIS holds.",
      "ISIS grew fast. The army plans to retake Mosul and in Syria the rebels fight on.",
    ])("ignores %j", (text) => {
      expect(relations(text, "CAPTURED")).toEqual([]);
    });
  });

  describe("'the two groups' are the two armed groups named last", () => {
    it("gives the capture to both", () => {
      expect(
        relations(
          "Soldiers are held by jihadists from IS and the Nusra Front. They were abducted when militants from the two groups briefly overran the Lebanese border town of Arsal in August.",
          "CAPTURED",
        ),
      ).toEqual(["Islamic State -> Arsal", "Nusra Front -> Arsal"]);
    });

    it("names nobody when fewer than two armed groups were named", () => {
      expect(relations("Soldiers are held by IS. Later militants from the two groups overran the town of Arsal.", "CAPTURED")).toEqual([]);
    });
  });
});
