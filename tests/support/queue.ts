/**
 * Helpers for the queue tests: the environment of a `kg worker` / `kg ingest --queue` child on the test
 * Neo4j and Redis with a queue of its own, a queue handle for the test's assertions, a corpus sample
 * written to a temporary file (never into the repo), and a snapshot of what the graph holds for a set of
 * articles, node by node and relation by relation, to compare two ingests of the same articles.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import type { Db } from "../../src/db/client.ts";
import type { ArticleInput } from "../../src/extraction/types.ts";
import { nameKey } from "../../src/graph/keys.ts";
import { log } from "../../src/log.ts";
import { neo4jEnv } from "./kg-process.ts";
import { IngestQueue, type QueueCounts } from "../../src/queue/ingest-queue.ts";
import { queueSettings } from "../../src/queue/settings.ts";
import { rawRows } from "./db.ts";
import { seedRecords } from "./seeds.ts";

/** The environment of a kg child on the test Neo4j (or `neo4j`) and `redisUrl`, on queue `name`, with short locks and backoff. */
export function queueEnv(
  name: string,
  o: { redisUrl?: string; neo4j?: { uri: string; user: string; password: string; database: string } } = {},
): Record<string, string> {
  return {
    ...neo4jEnv(o.neo4j),
    KG_REDIS_URL: o.redisUrl ?? inject("redisUrl"),
    KG_QUEUE_NAME: name,
    KG_JOB_LOCK_MS: "2000",
    KG_JOB_BACKOFF_MS: "200",
    LOG_LEVEL: "info",
  };
}

const opened = new Set<IngestQueue>();

/** A handle on the test's queue, as the enqueuers have it; `closeTestQueues` empties and closes it. */
export function testQueue(env: Record<string, string>): IngestQueue {
  const q = IngestQueue.open(env.KG_REDIS_URL!, queueSettings(env), log);
  opened.add(q);
  return q;
}

/** Remove every queue `testQueue` opened from Redis, and close their connections (afterAll). */
export async function closeTestQueues(): Promise<void> {
  for (const q of opened) {
    await q.queue.obliterate({ force: true }).catch(() => {});
    await q.close();
  }
  opened.clear();
}

/** Poll the queue's counts until `done` holds; throws with the last counts after `ms`. */
export async function untilCounts(q: IngestQueue, done: (c: QueueCounts) => boolean, ms: number): Promise<QueueCounts> {
  const t0 = Date.now();
  let c = await q.counts();
  while (!done(c)) {
    if (Date.now() - t0 > ms) throw new Error(`queue did not reach the expected counts within ${ms} ms: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 200));
    c = await q.counts();
  }
  return c;
}

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");

/**
 * The two seeds and the first `perFile` articles of each corpus file (when ../shared/corpus is there),
 * under ids starting with `prefix`.
 */
export function seedAndCorpusSample(prefix: string, perFile: number): ArticleInput[] {
  const out: ArticleInput[] = seedRecords(`${prefix}-`).flatMap((r) => (r.ok ? [r.article] : []));
  for (const f of ["bbc-2005.ndjson", "fnc1-bodies.ndjson"]) {
    const file = path.join(CORPUS, f);
    if (!fs.existsSync(file)) continue;
    const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).slice(0, perFile);
    for (const l of lines) {
      const a = JSON.parse(l) as { id: string; text: string; title?: string; source?: string };
      out.push({ id: `${prefix}-${a.id}`, text: a.text, ...(a.title ? { title: a.title } : {}), ...(a.source ? { source: a.source } : {}) });
    }
  }
  return out;
}

/** `articles` as an NDJSON file in a fresh temporary folder. */
export function ndjsonFile(articles: ArticleInput[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-queue-"));
  const file = path.join(dir, "articles.ndjson");
  fs.writeFileSync(file, articles.map((a) => JSON.stringify(a)).join("\n") + "\n");
  return file;
}

// Write times differ between two ingests of the same articles; everything else must not.
const VOLATILE = new Set(["ingestedAt", "createdAt"]);

/**
 * An entity's alias names are compared by their keys (nameKey: case and punctuation folded), as a set:
 * which spelling of one key an entity keeps depends on which articles shared a write batch (the writer
 * merges a batch's spellings of one key into one), so "al-Sham" and "Al-Sham" may both be kept by one
 * ingest and one of them by another. The Alias nodes (one per key) are the same either way.
 */
function props(p: unknown): string {
  const o = p as Record<string, unknown>;
  const value = (k: string) => (k === "aliases" && Array.isArray(o[k]) ? [...new Set((o[k] as string[]).map(nameKey))].sort().join(",") : String(o[k]));
  return JSON.stringify(
    Object.keys(o)
      .filter((k) => !VOLATILE.has(k))
      .sort()
      .map((k) => [k, value(k)]),
  );
}

/**
 * What the graph holds for the articles `ids`, as sorted lines: each article node, each node next to
 * one (entities, quotes) with its labels and properties, each relation touching an article, and each
 * relation between entities that an article of `ids` asserts (r.articleId), with its properties.
 */
export async function graphSnapshot(db: Db, ids: string[]): Promise<string[]> {
  const rows = await rawRows(
    db,
    `MATCH (a:Article) WHERE a.id IN $ids
     OPTIONAL MATCH (a)-[r]-(n)
     RETURN properties(a) AS a, type(r) AS type, startNode(r) = a AS out, properties(r) AS r, labels(n) AS labels, properties(n) AS n`,
    { ids },
  );
  const lines = new Set<string>();
  for (const row of rows) {
    const aid = (row.a as { id: string }).id;
    lines.add(`article ${props(row.a)}`);
    if (row.type === null) continue;
    const type = row.type as string;
    const nid = (row.n as { id?: string; key?: string }).id ?? (row.n as { key?: string }).key;
    lines.add(`node ${[...(row.labels as string[])].sort().join(":")} ${props(row.n)}`);
    lines.add(row.out ? `rel (${aid})-[${type} ${props(row.r)}]->(${nid})` : `rel (${nid})-[${type} ${props(row.r)}]->(${aid})`);
  }
  const asserted = await rawRows(
    db,
    `MATCH (s:Entity)-[r]->(o:Entity) WHERE r.articleId IN $ids RETURN s.id AS s, type(r) AS type, properties(r) AS r, o.id AS o`,
    { ids },
  );
  for (const row of asserted) lines.add(`rel (${String(row.s)})-[${String(row.type)} ${props(row.r)}]->(${String(row.o)})`);
  return [...lines].sort();
}
