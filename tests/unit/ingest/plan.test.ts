import { describe, expect, it } from "vitest";
import { aliasKey, entityId, isStrongAlias, nameKey, quoteIds } from "../../../src/graph/keys.ts";
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
const ent = (id: string, name: string, type: "PERSON" | "ORGANIZATION" | "LOCATION", aliases: string[] = []) => ({
  id,
  name,
  type,
  aliases,
  mentions: [{ start: 0, end: 1 }],
});

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

/** Ingest `articles` in batches of `size` into an in-memory graph of node ids and strong alias edges, as the writer does. */
function ingestInBatches(articles: PreparedArticle[], size: number): Map<string, string> {
  const nodes = new Set<string>();
  const aliasEdges = new Map<string, Set<string>>();
  const all = new Map<string, string>();
  for (let i = 0; i < articles.length; i += size) {
    const c = candidates(articles.slice(i, i + size));
    const resolutions = c.map((x) => ({
      ref: x.ref,
      existing: nodes.has(x.id) ? x.id : null,
      viaAlias: [...new Set(x.aliasKeys.flatMap((k) => [...(aliasEdges.get(k) ?? [])]))],
    }));
    const ids = assignIds(c, resolutions);
    for (const x of c) {
      const id = ids.get(x.ref)!;
      nodes.add(id);
      all.set(x.ref, id);
      for (const k of x.aliasKeys) aliasEdges.set(k, (aliasEdges.get(k) ?? new Set()).add(id));
    }
  }
  return all;
}

function permutations<T>(xs: T[]): T[][] {
  return xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe("assignIds: a batch resolves as its articles would one after another", () => {
  // "Fox" is a strong alias of two companies once p2 has named Fox Corp, so p3's "Fox" is then ambiguous.
  const articles = [
    article("p0", [ent("e1", "Fox Corp", "ORGANIZATION")]),
    article("p1", [ent("e1", "Fox News Network", "ORGANIZATION", ["Fox"])]),
    article("p2", [ent("e1", "Fox Corp", "ORGANIZATION", ["Fox"])]),
    article("p3", [ent("e1", "Fox", "ORGANIZATION")]),
    article("p4", [ent("e1", "Organisation of Petroleum Exporting Countries", "ORGANIZATION", ["OPEC"])]),
    article("p5", [ent("e1", "OPEC", "ORGANIZATION")]),
  ];
  it.each(permutations(articles.slice(1)).map((order) => [order.map((a) => a.id).join(" "), order]))(
    "in the order %s, batches of 1, 2 and 5 give the same ids",
    (_, order) => {
      const seq = [articles[0]!, ...order];
      const one = ingestInBatches(seq, 1);
      expect(ingestInBatches(seq, 2)).toEqual(one);
      expect(ingestInBatches(seq, seq.length)).toEqual(one);
    },
  );
  it("an alias cluster keeps the id of the name written first", () => {
    const [p4, p5] = [articles[4]!, articles[5]!];
    expect(ingestInBatches([p4, p5], 1).get("p5#e1")).toBe("organization:organisation-of-petroleum-exporting-countries");
    expect(ingestInBatches([p5, p4], 1).get("p4#e1")).toBe("organization:opec");
  });
});

describe("writeParams", () => {
  it("keeps one relation per (type, subject, object, article), the most confident, and drops self-relations", () => {
    const ev = { text: "s", start: 0, end: 1 };
    const a = article(
      "a1",
      [ent("e1", "ISIS", "ORGANIZATION"), ent("e2", "Mosul", "LOCATION")],
      [
        { type: "CAPTURED", subject: "e1", object: "e2", confidence: 0.6, evidence: ev },
        { type: "CAPTURED", subject: "e1", object: "e2", confidence: 0.9, evidence: { ...ev, start: 5 }, time: "2014" },
        { type: "LEADS", subject: "e1", object: "e1", confidence: 0.9, evidence: ev },
        { type: "QUOTED_IN", subject: "e1", object: "a1", confidence: 0.8, evidence: ev, quote: "q" },
      ],
    );
    const c = candidates([a]);
    const p = writeParams([a], c, assignIds(c, []));
    expect(p.relations).toHaveLength(1);
    expect(p.relations[0]).toMatchObject({ confidence: 0.9, start: 5, time: "2014" });
    expect(p.quotes).toHaveLength(1);
    expect(p.mentions.map((m) => m.entityId).sort()).toEqual(["location:mosul", "organization:isis"]);
  });
});

describe("quote ids: from the quote's own span", () => {
  const text =
    'Iraqi forces retook the city. "We have won the battle," the minister told reporters, "and we will rebuild." "We have won the battle," he repeated.';
  const sentence = { start: 30, end: 107, text: text.slice(30, 107) };
  const quote = (q: string, ev = sentence) => ({ type: "QUOTED_IN" as const, subject: "e1", object: "a1", confidence: 0.85, evidence: ev, quote: q });

  it("two quotes by one speaker in one sentence get two ids, each its quote's span", () => {
    const a: PreparedArticle = {
      id: "a1",
      input: { id: "a1", text },
      contentHash: "h",
      extraction: {
        article: { id: "a1" },
        entities: [ent("e1", "Khalid al-Obeidi", "PERSON")],
        relations: [quote("We have won the battle,"), quote("and we will rebuild.")],
      },
      extractor: "rules-test",
    };
    const p = writeParams([a], candidates([a]), new Map([["a1#e1", "person:khalid-al-obeidi"]]));
    const ids = p.quotes.map((q) => q.id as string);
    expect(new Set(ids).size).toBe(2);
    for (const q of p.quotes) {
      const [, start, end] = /#(\d+)-(\d+)$/.exec(q.id as string)!;
      expect(text.slice(Number(start), Number(end))).toBe(q.quote);
    }
  });

  it("the same words quoted twice are their first and second occurrence", () => {
    const ids = quoteIds("a1", text, [
      { quote: "We have won the battle,", from: 30 },
      { quote: "We have won the battle,", from: 30 },
    ]);
    expect(ids).toEqual([
      `a1#${text.indexOf("We have")}-${text.indexOf("We have") + 23}`,
      `a1#${text.lastIndexOf("We have")}-${text.lastIndexOf("We have") + 23}`,
    ]);
  });

  it("words not in the text still get distinct ids", () => {
    expect(
      new Set(
        quoteIds("a1", text, [
          { quote: "absent", from: 5 },
          { quote: "absent", from: 5 },
          { quote: "", from: 5 },
        ]),
      ).size,
    ).toBe(3);
  });
});

describe("assignIds and writeParams under curation rules", () => {
  const cur = () => ({
    redirects: new Map<string, string>(),
    splits: new Map<string, string>(),
    removed: new Map<string, Set<string>>(),
    canonical: new Map<string, { name: string; type: "ORGANIZATION" }>(),
  });
  it("a redirect of the name wins over an existing node, and the curated name is the one created", () => {
    const a = article("a9", [ent("e1", "Islamic State group", "ORGANIZATION")]);
    const c = candidates([a]);
    const rules = cur();
    rules.redirects.set("ORGANIZATION|islamic state group", "organization:islamic-state");
    rules.canonical.set("organization:islamic-state", { name: "Islamic State", type: "ORGANIZATION" });
    const ids = assignIds(c, [{ ref: "a9#e1", existing: "organization:islamic-state-group", viaAlias: [] }], rules);
    expect(ids.get("a9#e1")).toBe("organization:islamic-state");
    const p = writeParams([a], c, ids, rules);
    expect(p.entities[0]).toMatchObject({ id: "organization:islamic-state", name: "Islamic State", aliases: ["Islamic State group"] });
    expect(p.entities[0]!.aliasEntries.map((x) => x.key)).toEqual(["ORGANIZATION|islamic state", "ORGANIZATION|islamic state group"]);
  });
  it("a split moves one article's mentions; a removed alias is neither followed nor written", () => {
    const a = article("a10", [ent("e1", "Mosul", "LOCATION", ["Mawsil"])]);
    const b = article("a11", [ent("e1", "Mosul", "LOCATION", ["Mawsil"])]);
    const c = candidates([a, b]);
    const rules = cur();
    rules.splits.set("a11|location:mosul", "location:mosul-dam");
    rules.removed.set("location:mosul", new Set(["LOCATION|mawsil"]));
    rules.redirects.set("LOCATION|mawsil", "location:mosul");
    const ids = assignIds(c, [], rules);
    expect([ids.get("a10#e1"), ids.get("a11#e1")]).toEqual(["location:mosul", "location:mosul-dam"]);
    const p = writeParams([a, b], c, ids, rules);
    expect(p.entities.find((x) => x.id === "location:mosul")!.aliases).toEqual([]);
    expect(p.entities.find((x) => x.id === "location:mosul-dam")!.aliases).toEqual(["Mawsil"]);
  });
});
