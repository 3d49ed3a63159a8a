import { describe, expect, it } from "vitest";
import { relations } from "./helpers.ts";

// Made-up sentences for the constructions added in the devset2 generalisation round.
describe("QUOTED_IN — news attribution patterns", () => {
  it.each([
    // organisation speaking through an unnamed spokesperson
    ["“We remove such videos when they are flagged,” a spokesperson for YouTube said.", "YouTube -> article"],
    ["A spokesman for the Foreign Office said: “We are aware of the reports and are looking into them.”", "Foreign Office -> article"],
    // “…,” according to a statement by X
    [
      "The army delivered food to “keep the besieged town alive,” according to a statement by the Iraqi Ministry of Defence.",
      "Iraqi Ministry of Defence -> article",
    ],
    // head word + "of" inside an unknown organisation name
    ["The United States Department of Defense said on Friday that the claim was “simply not true.”", "United States Department of Defense -> article"],
    // appositive, then an auxiliary before the verb
    ["Dara Yusuf, a spokesman for the militia, had confirmed the delivery and said the arms would “change the battle.”", "Dara Yusuf -> article"],
    // participle: the sentence's subject speaks
    ["Senator Jane Porter criticised the plan, saying it was “a recipe for disaster.”", "Jane Porter -> article"],
    ["Governor Mark Elton denounced the attack, branding it “a cowardly act of terror.”", "Mark Elton -> article"],
    // "called (for)"
    ["Governor Tom Ridley called for “calm and patience from everyone.”", "Tom Ridley -> article"],
    // X quoted Y as saying: the one quoted speaks, not the outlet
    ["The daily Al-Nour quoted Omar Fayed as saying the road was “open again to traffic.”", "Omar Fayed -> article"],
  ])("%j", (text, expected) => {
    expect(relations(text, "QUOTED_IN")).toContain(expected);
  });

  it("resolves a definite description to the nearest organisation of that kind", () => {
    const a = "The Interior Ministry released a statement on Monday.\n\n“Our forces repelled the attack on the bridge,” the ministry said.";
    expect(relations(a, "QUOTED_IN")).toEqual(["Interior Ministry -> article"]);
    const b = "The Lebanese daily Al-Diyar first reported the arrests. The paper added that they were made in “close coordination with foreign services.”";
    expect(relations(b, "QUOTED_IN")).toEqual(["Al-Diyar -> article"]);
  });

  it("does not treat titles, nicknames or the subject of a reported clause as speech", () => {
    expect(relations("He appeared in videos posted on YouTube for songs titled “Night Ride,” “Flying Low” and “Dreamer.”", "QUOTED_IN")).toEqual([]);
    expect(relations("Fighters know him as “Jihadi John.”", "QUOTED_IN")).toEqual([]);
    expect(relations("The statement said the ISIS used the gas in a “crude and ineffective way”.", "QUOTED_IN")).toEqual([]);
    // a participle after a quote does not attribute it
    expect(relations("Supporters shared the “cub fighter” photo under his nom de guerre Abu Khalid, adding that he had died.", "QUOTED_IN")).toEqual([]);
    // the outlet does not speak when it quotes someone it cannot name
    expect(relations("The daily Al-Nour quoted him as saying the road was “open again to traffic.”", "QUOTED_IN")).toEqual([]);
  });
});

describe("CAPTURED — place names with a lowercase head and regional possessives", () => {
  it.each([
    ["After ISIS captured Al Nasr facility -- a former army depot -- the area emptied.", "Islamic State -> Al Nasr facility"],
    ["ISIS has captured swathes of area in Iraq's west over the past months.", "Islamic State -> Iraq"],
  ])("%j", (text, expected) => {
    expect(relations(text, "CAPTURED")).toContain(expected);
  });

  it("still refuses a possessor that is not a region", () => {
    expect(relations("ISIS captured Syria's oil minister in June.", "CAPTURED")).toEqual([]);
  });
});

describe("SUPPORTED_BY — supplies sent, dropped or received", () => {
  it.each([
    [
      "The Pentagon said the US had air dropped weapons, ammunition and medical supplies to Kurdish fighters near the town.",
      "Kurdish fighters -> United States",
    ],
    ["Video showed military aid airdropped by US forces and meant for Kurdish forces defending the town.", "Kurdish forces -> US forces"],
    ["Kurdish fighters had received the weapons from the United States.", "Kurdish fighters -> United States"],
    ["Britain delivered arms to the Peshmerga last week.", "Peshmerga -> United Kingdom"],
  ])("%j", (text, expected) => {
    expect(relations(text, "SUPPORTED_BY")).toContain(expected);
  });

  it("ignores supplies that are only alleged or went astray", () => {
    expect(relations("Iraqi MPs repeated reports that US planes airdrop weapons and supplies to ISIL fighters.", "SUPPORTED_BY")).toEqual([]);
    expect(relations("Officials admitted the US had mistakenly airdropped weapons to ISIL fighters.", "SUPPORTED_BY")).toEqual([]);
  });
});

// Made-up sentences for the pronoun and dash-appositive attributions (round of 2026-12-02, evening).
describe("QUOTED_IN — who a pronoun and a dashed appositive point to", () => {
  it("a person talked about after a preposition does not take the next 'he said'", () => {
    const text = "Mr Daniel Hart praised the composer. He compared the plan with the works of Mr Brahms. “It is a masterpiece,” he said.";
    expect(relations(text, "QUOTED_IN")).toEqual(["Daniel Hart -> article"]);
  });

  it("when only a person after a preposition fits, the pronoun still finds them", () => {
    const text = "The letter was sent to Mr Daniel Hart on Monday. “I will answer it soon,” he said.";
    expect(relations(text, "QUOTED_IN")).toEqual(["Daniel Hart -> article"]);
  });

  it("the head of a dashed appositive speaks, not the name inside it", () => {
    const text = "“This is theft,” Peter Marsh - then an adviser to President Tom Ridley - told a news conference.";
    expect(relations(text, "QUOTED_IN")).toEqual(["Peter Marsh -> article"]);
  });
});
