/**
 * Observability through app.fetch: request ids (honoured or generated, returned in a header and on
 * the JSON access-log line), Prometheus /metrics with GraphQL counts and latencies by operation and
 * outcome, and Neo4j statement time by statement name.
 */
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { testDb } from "../support/db.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, log: pino({ level: "info" }, stream) };
}

describe("observability", () => {
  const db = testDb();
  const { lines, log } = capture();
  const app = testApp({ db, log, security: securityConfig({ KG_API_KEYS: "obs-key-0123456789abcdef" }) });
  afterAll(async () => {
    await db.close();
  });
  const post = (body: object, headers: Record<string, string> = {}) =>
    app.fetch("http://yoga/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("honours a sane incoming x-request-id, generates one otherwise, and returns it", async () => {
    const mine = await post({ query: "query Stats { stats { articles } }" }, { "x-request-id": "req-abc.123" });
    expect(mine.headers.get("x-request-id")).toBe("req-abc.123");
    const none = await post({ query: "{ __typename }" });
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await post({ query: "{ __typename }" }, { "x-request-id": "bad id\twith spaces" + "x".repeat(200) });
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.fetch("http://yoga/health", { headers: { "x-request-id": "h-1" } })).headers.get("x-request-id")).toBe("h-1");
  });

  it("writes one structured JSON access-log line per request, with the request id, operation and outcome", async () => {
    lines.length = 0;
    await post({ query: "query Stats { stats { articles } }" }, { "x-request-id": "log-1" });
    await post({ query: 'mutation Del { deleteArticle(id: "x") { deleted } }' }, { "x-request-id": "log-2" });
    await new Promise((r) => setTimeout(r, 50));
    const access = lines.filter((l) => l.msg === "request");
    const one = access.find((l) => l.requestId === "log-1")!;
    expect(one).toMatchObject({ level: 30, method: "POST", route: "/graphql", status: 200, operation: "Stats", type: "query", outcome: "ok" });
    expect(typeof one.ms).toBe("number");
    expect(access.find((l) => l.requestId === "log-2")).toMatchObject({ status: 401, operation: "Del", type: "mutation", outcome: "UNAUTHENTICATED" });
    // Lines logged inside the request carry its id too (the refusal warning).
    expect(lines.find((l) => l.msg === "refused: not authenticated")).toMatchObject({ requestId: "log-2" });
  });

  it("serves Prometheus metrics: requests and latency by operation and outcome, Neo4j time by statement", async () => {
    await post({ query: "query Stats { stats { articles } }" });
    await post({ query: "query Broken { stats { nope } }" });
    const res = await app.fetch("http://yoga/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/kg_graphql_requests_total\{operation="Stats",type="query",outcome="ok"\} [2-9]/);
    expect(text).toMatch(/kg_graphql_requests_total\{operation="Del",type="mutation",outcome="UNAUTHENTICATED"\} 1/);
    expect(text).toMatch(/kg_graphql_requests_total\{operation="Broken",type="query",outcome="GRAPHQL_VALIDATION_FAILED"\} 1/);
    expect(text).toMatch(/kg_graphql_request_duration_seconds_bucket\{le="0.1",operation="Stats",type="query",outcome="ok"\} \d+/);
    expect(text).toMatch(/kg_neo4j_query_duration_seconds_count\{statement="stats",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/kg_http_requests_total\{method="POST",route="\/graphql",status="401"\} 1/);
    expect(text).toMatch(/kg_process_resident_memory_bytes \d+/);
  });

  it("keeps operation-name labels bounded", async () => {
    for (let i = 0; i < 5; i++) await post({ query: `query Weird_${i}$x { __typename }`.replace("$x", ""), operationName: `Weird_${i}` });
    const weird = await post({ query: "query A { __typename }", operationName: "A" });
    expect(weird.status).toBe(200);
    const text = await (await app.fetch("http://yoga/metrics")).text();
    expect(text).toMatch(/operation="Weird_4"/);
    expect(text).not.toMatch(/operation="[^"]*[^A-Za-z0-9_"][^"]*"/);
  });
});
