import { describe, expect, it } from "vitest";
import { authIniHolds, newPassword } from "../../../src/db/local-neo4j.ts";

// Written by `neo4j-admin dbms set-initial-password -- -hrZabcdefgh` (Neo4j 5.26.30).
const AUTH_INI =
  "neo4j:SHA-256,d510e02964b7487544c2b6f91cbda67375d5bdba7400a9d2dae0e9f74d7b9701,4276fd780abab4686788dc1562b8c6bdaee6540e7442fd87e062bf73c9f53c02,1024:\n";

describe("the initial password of a local Neo4j", () => {
  it("is never read as an option: no generated password starts with '-'", () => {
    for (let i = 0; i < 5_000; i++) {
      const p = newPassword();
      expect(p).toMatch(/^[0-9a-f]{48}$/);
    }
  });

  it("is checked against the auth.ini neo4j-admin wrote, before it is recorded", () => {
    expect(authIniHolds(AUTH_INI, "neo4j", "-hrZabcdefgh")).toBe(true);
    expect(authIniHolds(AUTH_INI, "neo4j", "-hrZabcdefgi")).toBe(false);
    expect(authIniHolds(AUTH_INI, "admin", "-hrZabcdefgh")).toBe(false);
    expect(authIniHolds("", "neo4j", "-hrZabcdefgh")).toBe(false);
    expect(authIniHolds("neo4j:SHA-1,abc,def,1:\n", "neo4j", "x")).toBe(false);
  });
});
