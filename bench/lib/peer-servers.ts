/**
 * The servers bench:peer and bench:cpu compare, and the entities their questions are asked about.
 * Ours runs twice: as users run it (every plugin on, one access-log line per request at info,
 * written to /dev/null so the terminal stays readable: pino still formats and writes every line),
 * and with the optional plugins off (src/server/app.ts `optionalPlugins`), which shows what query
 * limits, CSRF, admission control, metrics and the access log cost. The peer is bare graphql-yoga.
 */
import type { Neo4jConfig } from "../../src/config.ts";
import { graphqlRequest } from "./load.ts";
import type { PeerParams } from "./peer-questions.ts";
import { startServer } from "./server-proc.ts";

export const SERVER_VARIANTS = {
  ours: { kind: "ours", what: "ours as users run it (limits, API keys, metrics, access log at info)", env: { LOG_LEVEL: "info", KG_BENCH_LOG: "/dev/null" } },
  "ours-bare": {
    kind: "ours",
    what: "ours with the optional plugins off (API keys still checked)",
    env: { KG_BENCH_OPTIONAL_PLUGINS: "off", LOG_LEVEL: "error" },
  },
  peer: { kind: "peer", what: "@neo4j/graphql 7 on bare graphql-yoga", env: {} },
} as const satisfies Record<string, { kind: "ours" | "peer"; what: string; env: Record<string, string> }>;

export type ServerVariant = keyof typeof SERVER_VARIANTS;

/** The bench:peer defaults: who (a) is about, whose articles (b) lists, what (c) was captured. */
export const PEER_ENTITY_NAMES = { a: "Abu Bakr al-Baghdadi", b: "al-Abadi", c: "Mosul" };

async function resolveEntity(url: string, name: string): Promise<{ key: string; name: string }> {
  const r = await graphqlRequest(url, `query($n: String!) { entity(name: $n) { key name } }`, { n: name });
  const e = (r.data as { entity?: { key: string; name: string } | null } | undefined)?.entity;
  if (!e) throw new Error(`bench:peer: no entity called "${name}" in the bench database (errors: ${JSON.stringify(r.errors ?? [])})`);
  return e;
}

/**
 * The entities the questions are about, resolved by name through our API at `url` (a server of
 * ours started for the purpose when `url` is absent).
 */
export async function resolvePeerParams(
  url: string | undefined,
  cfg: Neo4jConfig,
  names: { a: string; b: string; c: string } = PEER_ENTITY_NAMES,
): Promise<PeerParams> {
  if (url === undefined) {
    const s = await startServer("ours", cfg, { cache: "off" });
    try {
      return await resolvePeerParams(s.url, cfg, names);
    } finally {
      await s.stop();
    }
  }
  const [a, b, c] = [await resolveEntity(url, names.a), await resolveEntity(url, names.b), await resolveEntity(url, names.c)];
  return { relationsEntityName: a.name, articlesEntityId: b.key, capturedObjectId: c.key };
}
