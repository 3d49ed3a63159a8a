import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { printedSchema, SCHEMA_FILE } from "../../scripts/print-schema.ts";

describe("schema/schema.graphql", () => {
  it("matches the Pothos schema (run `npm run schema:print` when this fails)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(printedSchema());
  });
});
