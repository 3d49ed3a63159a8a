import { describe, expect, it } from "vitest";
import { relations } from "./helpers.ts";

describe("SUPPORTED_BY — a fronted place adverbial is no conjunct of the subject", () => {
  it("'In London, the U.S. was supported by the U.K. and Japan' credits the U.S. only", () => {
    const text = "In London, the U.S. was supported by the U.K. and Japan on the issue of objective criteria.";
    expect(relations(text, "SUPPORTED_BY")).toEqual(["United States -> United Kingdom", "United States -> Japan"]);
  });
});

describe("SUPPORTED_BY", () => {
  it.each([
    ["A multisectarian military contingent, aided by expert and intrepid U.S. forces, made gains.", "multisectarian military contingent -> U.S. forces"],
    ["U.S.-backed Iraqi forces pushed into the city.", "Iraqi forces -> United States"],
    ["With the help of the United States, Mosul was retaken by Iraqi special forces.", "Iraqi special forces -> United States"],
    ["Iranian-backed Shiite militias fought near Tikrit.", "Shiite militias -> Iran"],
    ["Iraqi and Kurdish forces backed by US warplanes retook the dam.", "Kurdish forces -> United States"],
    ["Iraqi and Kurdish forces backed by US warplanes retook the dam.", "Iraqi forces -> United States"],
    ["U.S. warplanes struck targets in support of Kurdish fighters.", "Kurdish fighters -> United States"],
    ["Saudi Arabia and other countries that support Syrian opposition groups met in Paris.", "Syrian opposition groups -> Saudi Arabia"],
    ["Kurdish fighters, backed by coalition air strikes, held Kobani.", "Kurdish fighters -> Global Coalition"],
    ["The Free Syrian Army (FSA), the U.S.-backed rebel group, denied it.", "Free Syrian Army -> United States"],
    ["With the help of U.S. and Arab bombing raids of the anti-ISIS campaign, the Kurdish fighters held.", "Kurdish fighters -> United States"],
  ])("finds the support in %j", (text, expected) => {
    expect(relations(text, "SUPPORTED_BY")).toContain(expected);
  });

  it.each([
    "Iraqi forces fought ISIS without help.",
    "The United States condemned the attack on Kurdish forces.",
    "ISIS accused the United States of arming Kurdish fighters, a spokesman said.",
    "Obama wants more support for U.S.-backed rebels in Syria.",
  ])("ignores sentences without support: %j", (text) => {
    expect(relations(text, "SUPPORTED_BY")).toEqual([]);
  });

  describe("coordinated supporters, possessed nouns, 'with X support' and country adjectives", () => {
    it.each([
      // a list after "by": a support noun, then "and (an influx of) Y"
      ["Yazidi militias, backed by coalition warplanes and an influx of Kurdish peshmerga forces, held the ridge.", "Yazidi militias -> Peshmerga"],
      ["Yazidi militias, backed by coalition warplanes and an influx of Kurdish peshmerga forces, held the ridge.", "Yazidi militias -> Global Coalition"],
      ["The Iraqi army, aided by Shiite militias and U.S. airstrikes, pushed north.", "Iraqi army -> United States"],
      // a country adjective before what it sends
      ["The Syrian army, supported by Russian warplanes, pushed east.", "Syrian army -> Russia"],
      // possessed nouns: "X's regime", "the efforts of X", "X, …, whose bid was backed by Y"
      ["Assad's regime is backed by Russia.", "Bashar al-Assad -> Russia"],
      ["The efforts of tribal fighters in Ramadi have been helped by American air support.", "tribal fighters -> United States"],
      ["The offensive of Shiite militias near Baiji was aided by Iran.", "Shiite militias -> Iran"],
      ["Mr Abadi, a Shia politician, whose nomination was backed by Iran, took office.", "Haider al-Abadi -> Iran"],
      // "with X('s) support"
      ["With American air support, Kurdish fighters advanced on Sinjar.", "Kurdish fighters -> United States"],
      ["Iraqi and Kurdish forces, with Turkey's backing, held the line.", "Iraqi forces -> Turkey"],
      ["Iraqi and Kurdish forces, with Turkey's backing, held the line.", "Kurdish forces -> Turkey"],
      // strikes that help, with or without "that"
      ["U.S.-led coalition air strikes helped Kurdish fighters hold the town.", "Kurdish fighters -> Global Coalition"],
      ["American airstrikes have aided Iraqi forces near Tikrit.", "Iraqi forces -> United States"],
      // defenders of a place
      ["The town held out because its defenders, aided by French air strikes, never gave up.", "defenders -> France"],
    ])("finds the support in %j", (text, expected) => {
      expect(relations(text, "SUPPORTED_BY")).toContain(expected);
    });

    it.each([
      // "and" after a "-backed" noun starts a new conjunct, not a modifier
      ["Iran-backed militias and Iraqi forces advanced on Tikrit.", "Iraqi forces -> Iran"],
      // a list item that only modifies ("ISIS-controlled") is not a supporter
      ["With the help of the United States, ISIS-controlled Ramadi was retaken by Iraqi forces.", "Iraqi forces -> Islamic State"],
      // the object of a gerund is not who is backed
      ["Kurdish fighters battling ISIS, backed by US jets, held Kobani.", "Islamic State -> United States"],
      // a group adjective is not a state sending arms
      ["With the help of U.S. and Arab bombing raids, Kurdish forces held.", "Kurdish forces -> Arabs"],
    ])("does not read %j as %j", (text, wrong) => {
      expect(relations(text, "SUPPORTED_BY")).not.toContain(wrong);
    });

    it.each([
      "With US support for the rebels waning, Assad advanced.",
      "Assad's regime is accused by Britain of war crimes.",
      "The efforts of aid workers were praised by the United Nations.",
    ])("ignores %j", (text) => {
      expect(relations(text, "SUPPORTED_BY")).toEqual([]);
    });
  });
});
