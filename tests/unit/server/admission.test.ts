/**
 * Admission control (src/server/admission.ts): at most `limit` GraphQL requests run at once, the
 * next ones wait in a bounded queue, and past the queue or its wait they get 503 SERVER_BUSY with
 * Retry-After. In-process, with a field that resolves only when the test lets it.
 */
import { createSchema, createYoga } from "graphql-yoga";
import { afterEach, describe, expect, it } from "vitest";
import { useAdmission } from "../../../src/server/admission.ts";

let gates: (() => void)[] = [];
const released = () => gates.splice(0).forEach((open) => open());

function app(opts: { limit: number; queueMs: number; maxQueue: number }) {
  const admission = useAdmission(opts);
  const yoga = createYoga({
    logging: false,
    plugins: [admission],
    schema: createSchema({
      typeDefs: "type Query { slow: Int! }",
      resolvers: { Query: { slow: () => new Promise<number>((resolve) => gates.push(() => resolve(1))) } },
    }),
  });
  const ask = () => yoga.fetch("http://yoga/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ slow }"}' });
  return { yoga, admission, ask };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  released();
  gates = [];
});

describe("admission control: SERVER_BUSY past the limit and the queue", () => {
  it("runs `limit` at once, queues the next, refuses beyond the queue at once with 503 SERVER_BUSY and Retry-After", async () => {
    const { yoga, admission, ask } = app({ limit: 1, queueMs: 5_000, maxQueue: 1 });
    try {
      const first = ask();
      await tick();
      const second = ask();
      await tick();
      expect(admission.stats()).toEqual({ active: 1, queued: 1 });
      const t0 = Date.now();
      const third = await ask();
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(third.status).toBe(503);
      expect(third.headers.get("retry-after")).toBe("1");
      expect(await third.json()).toEqual({ errors: [{ message: "The server is busy (queue full); retry shortly.", extensions: { code: "SERVER_BUSY" } }] });
      // The first finishing lets the queued one in: both answer.
      released();
      expect((await first).status).toBe(200);
      await tick();
      released();
      const r2 = await second;
      expect(r2.status).toBe(200);
      expect(await r2.json()).toEqual({ data: { slow: 1 } });
      expect(admission.stats()).toEqual({ active: 0, queued: 0 });
    } finally {
      released();
      await yoga.dispose();
    }
  });

  it("a request that waits in the queue past queueMs gets SERVER_BUSY, and leaves the queue", async () => {
    const { yoga, admission, ask } = app({ limit: 1, queueMs: 150, maxQueue: 10 });
    try {
      const first = ask();
      await tick();
      const t0 = Date.now();
      const waited = await ask();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      expect(waited.status).toBe(503);
      expect(((await waited.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toEqual({
        message: "The server is busy (waited 150 ms); retry shortly.",
        extensions: { code: "SERVER_BUSY" },
      });
      expect(admission.stats()).toEqual({ active: 1, queued: 0 });
      released();
      expect((await first).status).toBe(200);
      expect(admission.stats()).toEqual({ active: 0, queued: 0 });
    } finally {
      released();
      await yoga.dispose();
    }
  });
});
