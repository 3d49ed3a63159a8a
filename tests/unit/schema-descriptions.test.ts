import { describe, expect, it } from "vitest";
import { schema } from "../../src/api/schema.ts";

// Duck-typed on purpose: graphql's isObjectType() & co. fail across its CJS and ESM builds, which
// vitest and Pothos load side by side.
type Described = { name: string; description?: string | null };
type WithFields = Described & { getFields(): Record<string, Described & { args?: readonly Described[] }> };
type WithValues = Described & { getValues(): readonly Described[] };

// GraphiQL shows descriptions as the API's documentation: every type, field, argument and enum value needs one.
describe("schema documentation", () => {
  it("describes every type, field, argument and enum value", () => {
    const missing: string[] = [];
    for (const t of Object.values(schema.getTypeMap()) as Described[]) {
      if (t.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(t.name)) continue;
      if (!t.description) missing.push(t.name);
      if ("getFields" in t) {
        for (const f of Object.values((t as WithFields).getFields())) {
          if (!f.description) missing.push(`${t.name}.${f.name}`);
          for (const a of f.args ?? []) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
      if ("getValues" in t) for (const v of (t as WithValues).getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
