/**
 * Opposite merges at the same time (issue 11, item 7): mergeEntities(A into B) and
 * mergeEntities(B into A) together must leave one of them, with everything of both, and answer
 * one caller with the merged entity and the other with NOT_FOUND — never an internal error.
 */
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { securityConfig } from "../../src/security/config.ts";
import { buildPathChain, type PathChain } from "../../bench/lib/path-chain.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";

const KEY = "merge-race-key-0123456789";
const MERGE = "mutation($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { key articleCount } }";

describe("opposite merges at the same time", () => {
  const db = testDb();
  const app = testApp({ db, log: pino({ level: "silent" }), security: securityConfig({ KG_API_KEYS: KEY }) });
  const chains: PathChain[] = [];
  afterAll(async () => {
    for (const c of chains) await c.remove();
    await app.dispose();
    await db.close();
  });

  for (const trial of [1, 2, 3]) {
    it(`trial ${trial}: one merge wins, the other answers NOT_FOUND, nothing is lost`, async () => {
      const chain = await buildPathChain(db, uniquePrefix(`race${trial}`), 1, 2);
      chains.push(chain);
      const [a, b] = chain.entityIds as [string, string];
      const auth = { authorization: `Bearer ${KEY}` };
      const [ab, ba] = await Promise.all([
        gql<{ mergeEntities: { key: string; articleCount: number } }>(app, MERGE, { into: b, from: [a] }, auth),
        gql<{ mergeEntities: { key: string; articleCount: number } }>(app, MERGE, { into: a, from: [b] }, auth),
      ]);
      const outcomes = [ab, ba].map((r) => r.errors?.[0]?.extensions?.code ?? "ok").sort();
      expect(outcomes, JSON.stringify([ab, ba])).toEqual(["NOT_FOUND", "ok"]);
      const winner = (ab.data?.mergeEntities ?? ba.data?.mergeEntities)!;
      expect(winner.articleCount).toBe(2);
      const left = await rawRows(db, "MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, COUNT { (e)<-[:MENTIONS]-() } AS mentions", { ids: [a, b] });
      expect(left.map((r) => r.id)).toEqual([winner.key]);
      expect(Number(left[0]!.mentions)).toBe(2);
      const loser = (ab.errors ?? ba.errors)![0]!.message;
      expect(loser).toMatch(/No entity with id .*merged or deleted/);
    });
  }
});
