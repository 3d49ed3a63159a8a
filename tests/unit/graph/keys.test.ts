import { describe, expect, it } from "vitest";
import { entityKey } from "../../../src/extraction/names.ts";
import { nameKey, parseQuoteId, parseRelationKey, quoteIds, relationKey } from "../../../src/graph/keys.ts";

describe("graph keys: one normaliser, one format per key", () => {
  it('"The U.S." is the same name to extraction and to ingest', () => {
    expect(nameKey("The U.S.")).toBe(nameKey("U.S."));
    expect(entityKey("LOCATION", "The U.S.")).toBe(entityKey("LOCATION", "U.S."));
    expect(entityKey("ORGANIZATION", "The Islamic State")).toBe(entityKey("ORGANIZATION", "Islamic State"));
  });

  it("a relation key round-trips, an article id with '|' as its object included", () => {
    const parts = { type: "QUOTED_IN" as const, subjectId: "person:james-jeffrey", objectId: "feed|item-7" };
    expect(relationKey(parts)).toBe("QUOTED_IN|person:james-jeffrey|feed|item-7");
    expect(parseRelationKey(relationKey(parts))).toEqual(parts);
    expect(parseRelationKey("KNOWS|a|b")).toBeUndefined();
  });

  it("a quote id names its article, whatever '#' the article id holds", () => {
    const [id] = quoteIds("feed#1", 'He said "yes".', [{ quote: "yes", from: 0 }]);
    expect(id).toBe("feed#1#9-12");
    expect(parseQuoteId(id!)).toEqual({ articleId: "feed#1" });
  });
});
