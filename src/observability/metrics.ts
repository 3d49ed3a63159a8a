/**
 * Prometheus metrics (prom-client), one registry per app so in-process tests do not collide:
 * GraphQL requests and latency by operation name, operation type and outcome (ok or an error code),
 * HTTP requests by route and status, and Neo4j statement time by statement name (from `db.observe`).
 * Label values are bounded: operation names are sanitised and capped, codes and statements are ours.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Db } from "../db/client.ts";
import type { CacheOutcome } from "../server/response-cache.ts";

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct operation names kept as labels; more are counted as "other" (clients choose names). */
const MAX_OPERATION_NAMES = 200;
/** Label combinations whose metric children are kept for reuse (beyond: looked up each time, still correct). */
const MAX_LABEL_SETS = 10_000;

export interface Metrics {
  registry: Registry;
  observeGraphQL(e: { operation: string; type: string; outcome: string; seconds: number }): void;
  observeHttp(e: { method: string; route: string; status: number; seconds: number }): void;
  /** A query answered from the response cache ("hit"), by an identical request in flight ("shared"), computed ("miss"), or not cacheable ("bypass"). */
  observeCache(outcome: CacheOutcome): void;
  /** Subscribe to the Db's statement events; returns the unsubscribe function. */
  watchDb(db: Db): () => void;
  /** The text exposition. */
  render(): Promise<string>;
  contentType: string;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "kg_" });
  const gqlCount = new Counter({
    name: "kg_graphql_requests_total",
    help: "GraphQL operations by operation name, type (query, mutation) and outcome (ok or error code).",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [registry],
  });
  const gqlTime = new Histogram({
    name: "kg_graphql_request_duration_seconds",
    help: "GraphQL request latency (HTTP request in to response out) by operation name, type and outcome.",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const httpCount = new Counter({
    name: "kg_http_requests_total",
    help: "HTTP requests by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const dbTime = new Histogram({
    name: "kg_neo4j_query_duration_seconds",
    help: "Neo4j statement time by statement name (cypher/<name>.cypher) and outcome.",
    labelNames: ["statement", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const cacheCount = new Counter({
    name: "kg_response_cache_requests_total",
    help: "GraphQL operations by how the response cache answered: hit, shared (the answer of an identical request in flight), miss (computed and offered to the cache), bypass (a mutation, or the graph version is unknown).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const names = new Set<string>();
  const opLabel = (name: string) => {
    const clean = name.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 64) || "anonymous";
    if (names.has(clean)) return clean;
    if (names.size >= MAX_OPERATION_NAMES) return "other";
    names.add(clean);
    return clean;
  };
  // The metric children for each label combination seen (all bounded: see the labels above), so a
  // request costs a Map lookup instead of prom-client hashing its label object on every call.
  const gqlChildren = new Map<string, { count: ReturnType<typeof gqlCount.labels>; time: ReturnType<typeof gqlTime.labels> }>();
  const httpChildren = new Map<string, ReturnType<typeof httpCount.labels>>();
  return {
    registry,
    contentType: registry.contentType,
    observeGraphQL({ operation, type, outcome, seconds }) {
      const key = `${operation}\u0000${type}\u0000${outcome}`;
      let c = gqlChildren.get(key);
      if (!c) {
        const labels = { operation: opLabel(operation), type, outcome };
        c = { count: gqlCount.labels(labels), time: gqlTime.labels(labels) };
        // Keys are raw names; past MAX_LABEL_SETS combinations the children are looked up each time (still counted right).
        if (gqlChildren.size < MAX_LABEL_SETS) gqlChildren.set(key, c);
      }
      c.count.inc();
      c.time.observe(seconds);
    },
    observeHttp({ method, route, status, seconds }) {
      void seconds;
      const key = `${method}\u0000${route}\u0000${status}`;
      let c = httpChildren.get(key);
      if (!c) {
        c = httpCount.labels({ method, route, status: String(status) });
        if (httpChildren.size < MAX_LABEL_SETS) httpChildren.set(key, c);
      }
      c.inc();
    },
    observeCache(outcome) {
      cacheCount.inc({ outcome });
    },
    watchDb(db) {
      return db.observe(({ name, ms, ok }) => dbTime.observe({ statement: name, outcome: ok ? "ok" : "error" }, ms / 1000));
    },
    render: () => registry.metrics(),
  };
}
