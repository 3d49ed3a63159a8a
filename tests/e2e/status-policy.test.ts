/**
 * The HTTP status policy (README, "Error codes"; src/server/status.ts), over a real socket and for
 * both Accept types: refused before running → 4xx; ran → 200, field errors included; the service
 * could not answer → 5xx (503 with Retry-After while Neo4j is down). Before, the token limit, parse
 * and validation errors answered 200 to application/json, and DATABASE_UNAVAILABLE 200 to both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { Db } from "../../src/db/client.ts";
import { listen, type RunningServer } from "../../src/server/main.ts";
import { securityConfig } from "../../src/security/config.ts";
import { statusFor } from "../../src/server/status.ts";
import { testDb } from "../support/db.ts";

const log = pino({ level: "silent" });
const KEY = "status-policy-key-0123456789";

describe("HTTP status policy", () => {
  const db = testDb();
  // A Db pointed at a port where nothing listens: Neo4j down.
  const deadDb = new Db({ uri: "bolt://127.0.0.1:9", user: "neo4j", password: "x", database: "neo4j", local: false });
  let up: RunningServer;
  let down: RunningServer;
  beforeAll(async () => {
    const security = securityConfig({ KG_API_KEYS: KEY, KG_MAX_BODY_BYTES: "65536" }, "127.0.0.1");
    up = await listen({ db, log, host: "127.0.0.1", port: 0, security, ensureSchema: false });
    down = await listen({ db: deadDb, log, host: "127.0.0.1", port: 0, security, ensureSchema: false });
  });
  afterAll(async () => {
    await up?.close();
    await down?.close();
  });

  const ask = async (server: RunningServer, accept: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { status: res.status, retryAfter: res.headers.get("retry-after"), code: body.errors?.[0]?.extensions?.code ?? "ok" };
  };

  const cases: [string, () => RunningServer, string, Record<string, unknown> | undefined, number, string][] = [
    ["token limit", () => up, `{ stats { ${"articles ".repeat(1200)} } }`, undefined, 400, "QUERY_LIMIT_EXCEEDED"],
    [
      "depth limit",
      () => up,
      `{ entity(name: "ISIS") ${"{ relations { subject ".repeat(25)}{ id }${" } }".repeat(25)} }`,
      undefined,
      400,
      "QUERY_LIMIT_EXCEEDED",
    ],
    [
      "cost with variables",
      () => up,
      "query($n: Int) { entities(first: $n) { edges { node { relations(first: $n) { evidence(first: $n) { sentence } } } } } }",
      { n: 100 },
      400,
      "QUERY_LIMIT_EXCEEDED",
    ],
    ["parse error", () => up, "{ stats { articles ", undefined, 400, "GRAPHQL_PARSE_FAILED"],
    ["validation error", () => up, "{ stats { nope } }", undefined, 400, "GRAPHQL_VALIDATION_FAILED"],
    ["variable of the wrong type", () => up, "query($n: Int) { entities(first: $n) { totalCount } }", { n: "x" }, 400, "BAD_USER_INPUT"],
    ["mutation without a key", () => up, 'mutation { deleteArticle(id: "x") { deleted } }', undefined, 401, "UNAUTHENTICATED"],
    ["a field's bad argument (it ran)", () => up, '{ connections(from: "ISIS", to: "Mosul", maxHops: 99) { length } }', undefined, 200, "BAD_USER_INPUT"],
    ["a field's unknown entity (it ran)", () => up, '{ connections(from: "Nobody Atall Xq", to: "Mosul") { length } }', undefined, 200, "NOT_FOUND"],
    ["an answer", () => up, "{ stats { articles } }", undefined, 200, "ok"],
    ["Neo4j down", () => down, "{ stats { articles } }", undefined, 503, "DATABASE_UNAVAILABLE"],
  ];
  for (const accept of ["application/json", "application/graphql-response+json"]) {
    for (const [name, server, query, variables, status, code] of cases) {
      it(`${accept}: ${name} → ${status} ${code}`, async () => {
        const r = await ask(server(), accept, query, variables);
        expect([r.status, r.code]).toEqual([status, code]);
        expect(r.retryAfter).toBe(status === 503 ? "5" : null);
      });
    }
  }

  it("a body over the limit → 413, a browser form without the CSRF header → 403", async () => {
    const big = await fetch(up.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ entity(name: "${"x".repeat(70_000)}") { name } }` }),
    });
    expect(big.status).toBe(413);
    const form = await fetch(up.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=%7Bstats%7Barticles%7D%7D",
    });
    expect(form.status).toBe(403);
  });

  it("the rule for codes no test here can provoke on demand: 504 QUERY_TIMEOUT, 500 INTERNAL, the highest wins", () => {
    expect(statusFor([{ extensions: { code: "QUERY_TIMEOUT" } }])).toEqual({ status: 504 });
    expect(statusFor([{ extensions: { code: "INTERNAL_SERVER_ERROR" } }])).toEqual({ status: 500 });
    expect(
      statusFor([{ extensions: { code: "NOT_FOUND" } }, { extensions: { code: "DATABASE_UNAVAILABLE" } }, { extensions: { code: "QUERY_TIMEOUT" } }]),
    ).toEqual({ status: 504 });
    expect(statusFor([{ extensions: { code: "BAD_USER_INPUT" } }])).toBeUndefined();
  });
});
