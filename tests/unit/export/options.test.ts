import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.ts";
import { graphmlId, xmlText } from "../../../src/export/formats.ts";
import { parseExportRequest, parseSince, parseTypes } from "../../../src/export/options.ts";

const raw = { format: "graphml", types: [] as string[], since: undefined, entity: undefined, hops: undefined };
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
  }
  return "ok";
};

describe("export options", () => {
  it("names the valid formats, types and dates when refusing one", () => {
    expect(codeOf(() => parseExportRequest({ ...raw, format: "gexf" }))).toBe('BAD_USER_INPUT: Unknown format "gexf": use one of graphml, jsonl, csv, jsonld.');
    expect(codeOf(() => parseExportRequest({ ...raw, format: undefined }))).toContain("A format is required: one of graphml, jsonl, csv, jsonld.");
    expect(codeOf(() => parseTypes(["PERSON,ORG"]))).toBe(
      'BAD_USER_INPUT: Unknown type "ORG": entity types are PERSON, ORGANIZATION, LOCATION, GROUP; relation types are LEADS, CAPTURED, SUPPORTED_BY, QUOTED_IN.',
    );
    for (const bad of ["2016-13-01", "yesterday", "2016-05-01 10:00", ""])
      expect(
        codeOf(() => parseSince(bad)),
        bad,
      ).toMatch(/^BAD_USER_INPUT: --since must be a date/);
    expect(codeOf(() => parseExportRequest({ ...raw, hops: "2" }))).toContain("hops needs an entity");
    expect(codeOf(() => parseExportRequest({ ...raw, entity: "Mosul", hops: "7" }))).toContain("from 0 to 6");
    expect(codeOf(() => parseExportRequest({ ...raw, entity: "Mosul", hops: "1.5" }))).toContain("from 0 to 6");
  });

  it("splits entity and relation types, case-insensitive, repeated or comma-separated", () => {
    expect(parseTypes(["person", "LEADS,quoted_in", "PERSON"])).toEqual({ entityTypes: ["PERSON"], relationTypes: ["LEADS", "QUOTED_IN"] });
    expect(parseTypes([])).toEqual({ entityTypes: null, relationTypes: null });
    expect(parseExportRequest({ ...raw, format: "JSONL", since: "2016-05-01T12:00:00Z", entity: " Mosul " })).toEqual({
      format: "jsonl",
      filter: { entityTypes: null, relationTypes: null, since: "2016-05-01T12:00:00Z", neighbourhood: { entity: "Mosul", hops: 1 } },
    });
  });

  it("makes GraphML ids NMTOKENs and text XML-safe, keeping them readable and distinct", () => {
    expect(graphmlId("person:haider-al-abadi")).toBe("person:haider-al-abadi");
    expect(graphmlId("location:são-paulo")).toBe("location:são-paulo");
    expect(graphmlId("org:a b")).toBe("org:a_x0020_b");
    expect(graphmlId("org:a_b")).not.toBe(graphmlId("org:a b"));
    expect(xmlText("a\u0000b\u001Fc\td\n")).toBe("a\uFFFDb\uFFFDc\td\n");
  });
});
