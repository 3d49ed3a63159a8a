import { parse } from "graphql";
import { createYoga } from "graphql-yoga";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createContext } from "../../../src/api/context.ts";
import { operationOf } from "../../../src/api/operation.ts";
import { schema } from "../../../src/api/schema.ts";
import { useCostLimit } from "../../../src/security/cost.ts";
import { createStore } from "../../../src/store/index.ts";
import { RecordingRunner } from "../../support/fake-store.ts";

describe("operationOf", () => {
  const doc = parse("query A { stats { articles } } mutation B { deleteArticles(ids: []) { deleted } }");
  it("finds the named operation, and the only one when no name is given", () => {
    expect(operationOf(doc, "A")?.operation).toBe("query");
    expect(operationOf(doc, "B")?.operation).toBe("mutation");
    expect(operationOf(parse("{ stats { articles } }"))?.operation).toBe("query");
  });
  it("is null for a name the document lacks, or no name among several operations", () => {
    expect(operationOf(doc, "C")).toBeNull();
    expect(operationOf(doc)).toBeNull();
    expect(operationOf(doc, null)).toBeNull();
  });
  it("gives the same node on every call for one document (memoised)", () => {
    expect(operationOf(doc, "A")).toBe(operationOf(doc, "A"));
  });
});

describe("useCostLimit memo", () => {
  // The cost of a page depends on the variables: a memoised verdict must be keyed on them.
  const runner = new RecordingRunner();
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [useCostLimit(300)],
    context: () => createContext(createStore(runner), pino({ level: "silent" }), "req-cost"),
  });
  const ask = async (first: number) => {
    const r = await yoga.fetch("http://yoga/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query($n: Int) { entities(first: $n) { edges { node { key name aliases articleCount } } } }", variables: { n: first } }),
    });
    return (await r.json()) as { errors?: { message: string }[] };
  };
  it("refuses the big page and lets the small one through, in any order, with one document", async () => {
    expect((await ask(2)).errors?.[0]?.message ?? "").not.toMatch(/cost limit/);
    expect((await ask(100)).errors?.[0]?.message).toMatch(/cost limit of 300 exceeded/);
    expect((await ask(2)).errors?.[0]?.message ?? "").not.toMatch(/cost limit/);
    expect((await ask(100)).errors?.[0]?.message).toMatch(/cost limit of 300 exceeded/);
  });
});
