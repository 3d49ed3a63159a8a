import { describe, expect, it } from "vitest";
import { relations } from "./helpers.ts";

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
});
