import { describe, expect, it } from "vitest";
import { relations } from "./helpers.ts";

// Made-up sentences for the constructions added in the devset3 round.
describe("devset3 round — general constructions", () => {
  it("LEADS: an acronym in parentheses between the organisation and the role", () => {
    expect(relations("Police questioned the brother of the Islamic State (IS) leader, Abu Bakr al-Baghdadi, on Monday.", "LEADS")).toContain(
      "Abu Bakr al-Baghdadi -> Islamic State",
    );
  });
  it("LEADS: a spokesman after a parenthesised acronym is still no leader", () => {
    expect(relations("The Islamic State (IS) spokesman, Abu Mohammed al-Adnani, issued a message.", "LEADS")).toEqual([]);
  });
  it("SUPPORTED_BY: aid dropped by X that was meant to supply Y", () => {
    expect(
      relations("Militants seized crates of ammunition dropped by the United States that were meant to supply the Peshmerga near Sinjar.", "SUPPORTED_BY"),
    ).toContain("Peshmerga -> United States");
  });
  it("SUPPORTED_BY: supplies meant to supply Y but sent by nobody named give nothing", () => {
    expect(relations("Crates of ammunition that were meant to supply the Peshmerga never arrived.", "SUPPORTED_BY")).toEqual([]);
  });
  it("CAPTURED: a place appositive with a relative clause", () => {
    expect(relations("Kurdish forces tried to retake Mosul Dam, a strategic asset which ISIS had seized in August.", "CAPTURED")).toContain(
      "Islamic State -> Mosul Dam",
    );
  });
  it("CAPTURED: a non-place appositive or a negated relative clause gives nothing", () => {
    expect(relations("Officials met in Baghdad, a sign which ISIS had captured nothing.", "CAPTURED")).toEqual([]);
    expect(relations("Kurdish forces defended Mosul Dam, a strategic asset which ISIS had not seized.", "CAPTURED")).toEqual([]);
  });
});
