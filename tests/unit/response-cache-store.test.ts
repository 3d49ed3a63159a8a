import { describe, expect, it } from "vitest";
import { cacheKey, LruStore, responseCacheConfig } from "../../src/server/response-cache.ts";

describe("LruStore (the response cache's memory)", () => {
  it("evicts the least recently used entry first when over its entry count", () => {
    const s = new LruStore<string>(2, 1_000, 60_000);
    s.set("a", "A", 1);
    s.set("b", "B", 1);
    expect(s.get("a")).toBe("A"); // a is now the most recent
    s.set("c", "C", 1);
    expect(s.get("b")).toBeUndefined();
    expect(s.get("a")).toBe("A");
    expect(s.get("c")).toBe("C");
    expect(s.size).toBe(2);
  });

  it("keeps its total under the byte budget and refuses one answer over a tenth of it", () => {
    const s = new LruStore<string>(100, 100, 60_000);
    // Each entry counts its answer (9) and its one-character key.
    for (const k of ["a", "b", "c", "d", "e", "f"]) expect(s.set(k, k, 9)).toBe(true);
    expect(s.bytes).toBe(60);
    expect(s.set("big", "x", 8)).toBe(false);
    expect(s.get("big")).toBeUndefined();
    for (const k of ["g", "h", "i", "j", "k"]) s.set(k, k, 9);
    expect(s.bytes).toBeLessThanOrEqual(100);
    expect(s.get("a")).toBeUndefined(); // the oldest went
    expect(s.get("k")).toBe("k");
  });

  it("replacing a key does not count it twice", () => {
    const s = new LruStore<string>(10, 100, 60_000);
    s.set("a", "1", 10);
    s.set("a", "2", 7);
    expect(s.bytes).toBe(8); // 7 and the key
    expect(s.size).toBe(1);
    expect(s.get("a")).toBe("2");
  });

  it("expires entries after their time to live", () => {
    let now = 1_000;
    const s = new LruStore<string>(10, 100, 500, () => now);
    s.set("a", "A", 1);
    now += 500;
    expect(s.get("a")).toBe("A"); // served up to its time to live (lru-cache: stale once older than it)
    now += 1;
    expect(s.get("a")).toBeUndefined();
    expect(s.bytes).toBe(0);
  });

  it("stores nothing with 0 entries (cache off) and empties on clear", () => {
    expect(new LruStore<string>(0, 100, 500).set("a", "A", 1)).toBe(false);
    const s = new LruStore<string>(10, 100, 500);
    s.set("a", "A", 1);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.get("a")).toBeUndefined();
  });
});

describe("responseCacheConfig", () => {
  it("has documented defaults", () => {
    expect(responseCacheConfig({})).toEqual({ maxEntries: 1000, maxBytes: 64 * 1024 * 1024, ttlMs: 60_000, pollMs: 1000 });
    expect(responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "0" }).maxEntries).toBe(0);
  });

  it("names the variable and what it expects when a value is wrong", () => {
    expect(() => responseCacheConfig({ KG_RESPONSE_CACHE_ENTRIES: "-1" })).toThrow(/KG_RESPONSE_CACHE_ENTRIES must be a whole number from 0/);
    expect(() => responseCacheConfig({ KG_GRAPH_VERSION_POLL_MS: "10" })).toThrow(/KG_GRAPH_VERSION_POLL_MS must be a whole number from 50/);
    expect(() => responseCacheConfig({ KG_RESPONSE_CACHE_MB: "lots" })).toThrow(/KG_RESPONSE_CACHE_MB/);
  });
});

describe("what the response cache holds is what it counts", () => {
  it("a key counts as much as its length: a 4 MiB key is not kept under a 40 MiB budget", () => {
    const s = new LruStore<string>(100, 40 * 1024 * 1024, 60_000);
    expect(s.set("k".repeat(4 * 1024 * 1024 + 1), "tiny answer", 11)).toBe(false);
    expect(s.size).toBe(0);
    expect(s.set("short", "tiny answer", 11)).toBe(true);
    expect(s.bytes).toBe(11 + "short".length);
  });

  it("keys are fixed-size digests of the operation, document and declared variables only", () => {
    const q = "query($n: Int) { stats { articles } }";
    const base = cacheKey({ query: q, variables: { n: 1 } }, ["n"])!;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    // Undeclared variables, however big, do not change the key.
    expect(cacheKey({ query: q, variables: { n: 1, pad: "x".repeat(4 * 1024 * 1024) } }, ["n"])).toBe(base);
    // Declared ones do, and an absent one differs from an explicit null.
    expect(cacheKey({ query: q, variables: { n: 2 } }, ["n"])).not.toBe(base);
    expect(cacheKey({ query: q, variables: {} }, ["n"])).not.toBe(cacheKey({ query: q, variables: { n: null } }, ["n"]));
    expect(cacheKey({ query: q, variables: { n: 1 }, operationName: "Other" }, ["n"])).not.toBe(base);
    expect(cacheKey({ query: `${q} `, variables: { n: 1 } }, ["n"])).not.toBe(base);
    expect(cacheKey({ variables: {} }, [])).toBeUndefined();
  });
});
