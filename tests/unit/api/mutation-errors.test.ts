/**
 * No detail of an unexpected error reaches a client, not even inside mutation outcome data (which
 * maskError never sees): it goes to the log. Database-free: a runner whose writes fail.
 */
import { createYoga } from "graphql-yoga";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createContext } from "../../../src/api/context.ts";
import { schema } from "../../../src/api/schema.ts";
import type { Runner } from "../../../src/db/client.ts";
import { AppError } from "../../../src/errors.ts";
import { createStore } from "../../../src/store/index.ts";

const SECRET = "at /var/lib/neo4j/data: internal state 0xdeadbeef";

function failingWrites(error: () => unknown): Runner {
  return {
    read: () => Promise.resolve([]), // articleHashes: nothing stored yet
    readTx: () => Promise.reject(new Error("not used")),
    writeTx: () =>
      new Promise(() => {
        throw error();
      }),
  };
}

async function ingestOnce(runner: Runner): Promise<{ outcome: { code: string | null; message: string | null; status: string | null }; logged: string }> {
  let logged = "";
  const log = pino({ level: "error" }, { write: (s: string) => void (logged += s) });
  const yoga = createYoga({ schema, logging: false, context: () => createContext(createStore(runner), log, "req-m") });
  try {
    const res = await yoga.fetch("http://yoga/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation { ingestArticle(input: { id: "m1", text: "ISIS seized Mosul in 2014." }) { code message status } }' }),
    });
    const body = (await res.json()) as { data?: { ingestArticle: { code: string | null; message: string | null; status: string | null } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return { outcome: body.data!.ingestArticle, logged };
  } finally {
    await yoga.dispose();
  }
}

describe("ingest outcomes carry codes, never an unexpected error's detail", () => {
  it("an unexpected write error: WRITE_FAILED with a fixed message; the detail is logged", async () => {
    const { outcome, logged } = await ingestOnce(failingWrites(() => new Error(`boom ${SECRET}`)));
    expect(outcome).toEqual({ code: "WRITE_FAILED", message: "storing failed unexpectedly for this article (the detail is in the log)", status: null });
    expect(JSON.stringify(outcome)).not.toContain("0xdeadbeef");
    expect(logged).toContain("0xdeadbeef");
    expect(logged).toMatch(/"requestId":"req-m"/);
  });

  it("an expected one keeps its own code and message (DATABASE_BUSY: try again)", async () => {
    const { outcome, logged } = await ingestOnce(failingWrites(() => new AppError("DATABASE_BUSY", "The graph database is busy; try again shortly.")));
    expect(outcome.code).toBe("DATABASE_BUSY");
    expect(outcome.message).toMatch(/busy; try again/);
    expect(logged).toBe("");
  });
});
