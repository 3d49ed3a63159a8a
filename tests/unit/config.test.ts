import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localNeo4jDefaults, readSettings } from "../../src/config.ts";
import { responseCacheConfig } from "../../src/server/response-cache.ts";
import { securityConfig } from "../../src/security/config.ts";

const KG = path.resolve(import.meta.dirname, "../../bin/kg.js");

describe("configuration: validated once, a bad value names its variable", () => {
  it("reads the shared settings with their documented defaults", () => {
    expect(readSettings({})).toEqual({ queryTimeoutMs: 10_000, ingestRetryMs: 120_000, maxArticleBytes: 2 * 1024 * 1024 });
    expect(readSettings({ KG_QUERY_TIMEOUT_MS: " 2500 ", KG_MAX_ARTICLE_BYTES: "1000" })).toMatchObject({ queryTimeoutMs: 2500, maxArticleBytes: 1000 });
  });

  it.each([
    ["KG_QUERY_TIMEOUT_MS", "10s"],
    ["KG_QUERY_TIMEOUT_MS", "0"],
    ["KG_INGEST_RETRY_MS", "-1"],
    ["KG_MAX_ARTICLE_BYTES", "2MB"],
  ])("%s=%s is refused with CONFIG_INVALID naming it", (name, value) => {
    expect(() => readSettings({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number from \\d+ to \\d+, got "${value}"`));
  });

  it("the local Neo4j's port and memory are checked too", () => {
    expect(localNeo4jDefaults({})).toMatchObject({ instance: "default", boltPort: 7687, heap: "1g", pageCache: "512m" });
    expect(() => localNeo4jDefaults({ KG_NEO4J_HEAP: "lots" })).toThrow(/KG_NEO4J_HEAP must be a size such as 1g or 512m, got "lots"/);
    expect(() => localNeo4jDefaults({ KG_NEO4J_BOLT_PORT: "70000" })).toThrow(/KG_NEO4J_BOLT_PORT/);
  });

  it("the response cache and the security settings use the same readers", () => {
    expect(() => responseCacheConfig({ KG_RESPONSE_CACHE_MB: "many" })).toThrow(/KG_RESPONSE_CACHE_MB must be a whole number from 1 to 65536, got "many"/);
    expect(() => securityConfig({ KG_METRICS: "maybe" })).toThrow(/KG_METRICS must be true or false, got "maybe"/);
  });

  it("kg stops before any command runs when a setting is bad", () => {
    const r = spawnSync(process.execPath, [KG, "extract", "--help"], {
      env: { ...process.env, KG_QUERY_TIMEOUT_MS: "ten" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CONFIG_INVALID: KG_QUERY_TIMEOUT_MS must be a whole number from 1 to 3600000, got "ten"/);
  });
});
