/**
 * Subscriptions over Server-Sent Events against the real Neo4j: article changes with their counts
 * and filters, new relations of an entity with their evidence, ingest progress, the same auth as
 * reads, the subscription limit, keep-alives, a clean end at shutdown, and a `kg ingest` in another
 * process heard through the change log.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { pino } from "pino";
import { testApp } from "../support/app.ts";
import { testDb, uniquePrefix } from "../support/db.ts";
import { gql } from "../support/graphql.ts";
import { sseSubscribe, type SseSubscription } from "../support/sse.ts";
import { syntheticArticles } from "../support/articles.ts";
import { killKgProcesses, neo4jEnv, spawnKg } from "../support/kg-process.ts";
import { securityConfig } from "../../src/security/config.ts";
import { listen } from "../../src/server/main.ts";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import type { App } from "../../src/server/app.ts";
import type { EventsConfig } from "../../src/events/config.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";

/** Delete these articles when the test finishes, passed or failed, so no other test sees them. */
function cleanUp(ids: (string | undefined)[]): void {
  onTestFinished(
    async () =>
      void (await deleteArticles(
        db,
        ids.filter((id) => id !== undefined),
      )),
  );
}

const log = pino({ level: "silent" });
const db = testDb();
const KEY = "subscriptions-test-key-0123456789";
const open = securityConfig({ KG_API_KEYS: KEY });
const auth = { authorization: `Bearer ${KEY}` };
const events = (over: Partial<EventsConfig> = {}): EventsConfig => ({ maxSubscriptions: 100, pollMs: 100, redisPollMs: 10_000, redisUrl: undefined, ...over });

afterAll(async () => {
  killKgProcesses();
  await db.close();
});

const inApp = (app: App) => (url: string, init: RequestInit) => Promise.resolve(app.fetch(url, init));

type Changed = {
  articleChanged: {
    key: string;
    change: string;
    source: string;
    entities: number;
    relations: number;
    quotes: number;
    article: { key: string; title: string } | null;
  };
};

async function ingestVia(app: App, articles: ReturnType<typeof syntheticArticles>, jobId?: string) {
  const r = await gql<{ ingestArticles: { failed: number } }>(
    app,
    `mutation($inputs: [ArticleInput!]!, $jobId: String) { ingestArticles(inputs: $inputs, jobId: $jobId) { failed } }`,
    { inputs: articles, jobId },
    auth,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.ingestArticles.failed).toBe(0);
}

/** The next event for which `keep` holds (other tests' writes may come in between). */
async function nextWhere<T>(s: SseSubscription<T>, keep: (d: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const e = await s.next(Math.max(1, until - Date.now()));
    if (e === null) throw new Error("the subscription ended");
    expect(e.errors).toBeUndefined();
    if (keep(e.data!)) return e.data!;
  }
}

describe("articleChanged", () => {
  it("tells NEW, UPDATED and DELETED with counts, resolves the article, and filters by source and by mention", async () => {
    const app = testApp({ db, log, security: open, events: events() });
    const p = uniquePrefix("subs-changed");
    const [a] = syntheticArticles(p, 1);
    cleanUp([a!.id]);
    const query = `subscription($f: ArticleChangeFilter) { articleChanged(filter: $f) { key change source entities relations quotes article { key title } } }`;
    const bySource = await sseSubscribe<Changed>(inApp(app), "http://yoga/graphql", query, { f: { source: p } });
    const otherSource = await sseSubscribe<Changed>(inApp(app), "http://yoga/graphql", query, { f: { source: `${p}-other` } });
    expect(bySource.response.headers.get("content-type")).toMatch(/text\/event-stream/);

    await ingestVia(app, [a!]);
    const created = (await nextWhere(bySource, (d) => d.articleChanged.key === a!.id)).articleChanged;
    expect(created).toMatchObject({ change: "NEW", source: p, article: { key: a!.id, title: a!.title } });
    expect(created.entities).toBeGreaterThan(3);
    expect(created.relations).toBeGreaterThan(0);
    expect(created.quotes).toBeGreaterThan(0);

    // Now that the article's entities exist, a subscription by mention (by name) hears the rest.
    const byMention = await sseSubscribe<Changed>(inApp(app), "http://yoga/graphql", query, { f: { mentions: "James Jeffrey", source: p } });
    await ingestVia(app, [{ ...a!, text: `${a!.text} Officials said the talks would continue next week.` }]);
    for (const s of [bySource, byMention]) expect((await nextWhere(s, (d) => d.articleChanged.key === a!.id)).articleChanged.change).toBe("UPDATED");

    const del = await gql(app, `mutation($id: ID!) { deleteArticle(id: $id) { deleted } }`, { id: a!.id }, auth);
    expect(del.errors).toBeUndefined();
    const gone = (await nextWhere(bySource, (d) => d.articleChanged.key === a!.id)).articleChanged;
    expect(gone).toMatchObject({ change: "DELETED", entities: 0, relations: 0, quotes: 0, article: null });

    // Nothing of this source reached the other filter.
    await expect(otherSource.next(300)).rejects.toThrow(/no subscription event/);
    for (const s of [bySource, otherSource, byMention]) await s.close();
  });

  it("an entity that does not exist is NOT_FOUND", async () => {
    const app = testApp({ db, log, security: open, events: events() });
    const s = await sseSubscribe(inApp(app), "http://yoga/graphql", `subscription { articleChanged(filter: {mentions: "No Such Entity Anywhere"}) { key } }`);
    const e = await s.next();
    expect(e?.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(e?.errors?.[0]?.message).toMatch(/No entity is named "No Such Entity Anywhere"/);
    await s.close();
  });
});

describe("relationAdded", () => {
  it("tells each new relation of an entity with the new article's evidence, and NOT_FOUND for an unknown one", async () => {
    const app = testApp({ db, log, security: open, events: events() });
    const p = uniquePrefix("subs-rel");
    const [first] = syntheticArticles(p, 1);
    const second = { ...first!, id: `${p}-again`, text: first!.text.replace("report number 0", "a second report") };
    cleanUp([first!.id, second.id]);
    // The first article makes the entity exist; the subscription then hears the second's relations.
    await ingestVia(app, [first!]);
    type Added = {
      relationAdded: {
        type: string;
        evidence: { sentence: string; article: { key: string } }[];
        relation: { articleCount: number; subject: { name: string } } | null;
        article: { key: string };
      };
    };
    const s = await sseSubscribe<Added>(
      inApp(app),
      "http://yoga/graphql",
      `subscription { relationAdded(entity: "Iraqi forces", type: CAPTURED) { type evidence { sentence article { key } } relation { articleCount subject { name } } article { key } } }`,
    );
    await ingestVia(app, [second]);
    const added = (await nextWhere(s, (d) => d.relationAdded.article.key === second.id)).relationAdded;
    expect(added.type).toBe("CAPTURED");
    expect(added.relation?.articleCount).toBeGreaterThan(0);
    expect(added.evidence.length).toBeGreaterThan(0);
    expect(added.evidence[0]!.article.key).toBe(second.id);
    expect(second.text).toContain(added.evidence[0]!.sentence);
    expect(added.evidence[0]!.sentence).toMatch(/^Iraqi forces retook Mosul/);
    await s.close();

    const missing = await sseSubscribe(inApp(app), "http://yoga/graphql", `subscription { relationAdded(entity: "Nobody ${p}") { type } }`);
    expect((await missing.next())?.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await missing.close();
  });
});

describe("ingestProgress", () => {
  it("tells done, failed and total per outcome, and completes after the last", async () => {
    const app = testApp({ db, log, security: open, events: events() });
    const p = uniquePrefix("subs-job");
    const articles = syntheticArticles(p, 3);
    cleanUp(articles.map((a) => a.id));
    type Progress = { ingestProgress: { jobId: string; done: number; failed: number; total: number; finished: boolean } };
    const s = await sseSubscribe<Progress>(
      inApp(app),
      "http://yoga/graphql",
      `subscription($j: String!) { ingestProgress(jobId: $j) { jobId done failed total finished } }`,
      { j: p },
    );
    await gql(
      app,
      `mutation($inputs: [ArticleInput!]!, $j: String) { ingestArticles(inputs: $inputs, jobId: $j) { failed } }`,
      { inputs: [...articles, { text: "" }], j: p },
      auth,
    );
    const seen: Progress["ingestProgress"][] = [];
    for (let e = await s.next(); e !== null; e = await s.next()) seen.push(e.data!.ingestProgress);
    expect(s.ended()).toBe(true);
    expect(seen.at(-1)).toEqual({ jobId: p, done: 4, failed: 1, total: 4, finished: true });
    expect(seen.slice(0, -1).every((x) => !x.finished && x.total === 4)).toBe(true);
  });
});

describe("limits", () => {
  it("uses the read rule for auth: refused without a key when reads are closed, served with one", async () => {
    const app = testApp({ db, log, security: securityConfig({ KG_API_KEYS: KEY, KG_REQUIRE_AUTH_FOR_READS: "true" }), events: events() });
    const q = `subscription { articleChanged { key } }`;
    const anon = await sseSubscribe(inApp(app), "http://yoga/graphql", q);
    expect((await anon.next())?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    await anon.close();
    const keyed = await sseSubscribe(inApp(app), "http://yoga/graphql", q, {}, auth);
    await expect(keyed.next(300)).rejects.toThrow(/no subscription event/);
    expect(app.events.size).toBe(1);
    await keyed.close();
  });

  it("refuses subscriptions past KG_MAX_SUBSCRIPTIONS with SERVER_BUSY, and frees a slot when a client leaves", async () => {
    const app = testApp({ db, log, security: open, events: events({ maxSubscriptions: 2 }) });
    const q = `subscription { articleChanged { key } }`;
    const held = [await sseSubscribe(inApp(app), "http://yoga/graphql", q), await sseSubscribe(inApp(app), "http://yoga/graphql", q)];
    await expect.poll(() => app.events.size).toBe(2);
    const refused = await sseSubscribe(inApp(app), "http://yoga/graphql", q);
    const e = await refused.next();
    expect(e?.errors?.[0]?.extensions?.code).toBe("SERVER_BUSY");
    expect(e?.errors?.[0]?.message).toMatch(/KG_MAX_SUBSCRIPTIONS/);
    await held[0]!.close();
    await expect.poll(() => app.events.size).toBe(1);
    const again = await sseSubscribe(inApp(app), "http://yoga/graphql", q);
    await expect.poll(() => app.events.size).toBe(2);
    for (const s of [held[1]!, again, refused]) await s.close();
  });

  it("keeps an idle stream alive, and ends every stream cleanly when the server shuts down", async () => {
    const own = testDb();
    const running = await listen({ db: own, log, host: "127.0.0.1", port: 0, security: open, ensureSchema: false });
    const s = await sseSubscribe(fetch, running.url, `subscription { articleChanged { key } }`);
    // NODE_ENV=test makes yoga's keep-alive 300 ms (12 s otherwise).
    await expect.poll(() => s.pings(), { timeout: 3_000 }).toBeGreaterThan(2);
    const t0 = Date.now();
    await running.close();
    expect(Date.now() - t0).toBeLessThan(3_000);
    await expect.poll(() => s.ended()).toBe(true);
    await s.close();
  });
});

describe("graphql-ws over WebSocket", () => {
  it("serves the same subscriptions with the key in connection_init, refuses them without it when reads are closed, and closes at shutdown", async () => {
    const own = testDb();
    const security = securityConfig({ KG_API_KEYS: KEY, KG_REQUIRE_AUTH_FOR_READS: "true" });
    const running = await listen({ db: own, log, host: "127.0.0.1", port: 0, security, ensureSchema: false });
    const wsUrl = running.url.replace(/^http/, "ws");
    const p = uniquePrefix("subs-ws");
    const [a] = syntheticArticles(p, 1);
    cleanUp([a!.id]);
    const query = `subscription($s: String) { articleChanged(filter: {source: $s}) { key change } }`;
    const keyed = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${KEY}` }, retryAttempts: 0 });
    const anon = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const refused = await anon
      .iterate({ query, variables: { s: p } })
      .next()
      .catch((e: unknown) => e);
    expect(JSON.stringify(refused)).toMatch(/UNAUTHENTICATED/);
    const events = keyed.iterate<{ articleChanged: { key: string; change: string } }>({ query, variables: { s: p } });
    const first = events.next();
    await expect.poll(() => running.app.events.size).toBe(1);
    const r = await running.app.fetch("http://yoga/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ query: `mutation($a: ArticleInput!) { ingestArticle(input: $a) { status } }`, variables: { a } }),
    });
    expect(r.status).toBe(200);
    const heard = await first;
    expect(heard.done ? undefined : heard.value.data?.articleChanged).toEqual({ key: a!.id, change: "NEW" });
    await running.close();
    // The server completed the stream before closing the socket.
    expect((await events.next()).done).toBe(true);
    await Promise.all([keyed.dispose(), anon.dispose()]);
  });
});

describe("across processes, without Redis", () => {
  it("a `kg ingest` in another process is heard through the change log", async () => {
    const app = testApp({ db, log, security: open, events: events({ pollMs: 100 }) });
    const p = uniquePrefix("subs-cli");
    const [a] = syntheticArticles(p, 1);
    cleanUp([a!.id]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kg-subs-"));
    const file = path.join(dir, "one.ndjson");
    fs.writeFileSync(file, JSON.stringify(a) + "\n");
    const s = await sseSubscribe<Changed>(
      inApp(app),
      "http://yoga/graphql",
      `subscription($f: ArticleChangeFilter) { articleChanged(filter: $f) { key change relations } }`,
      { f: { source: p } },
    );
    const child = spawnKg(["ingest", file], {
      ...neo4jEnv(),
      KG_NLP: "none",
      KG_REDIS_URL: "",
    });
    expect(await child.exit).toBe(0);
    const heard = (await nextWhere(s, (d) => d.articleChanged.key === a!.id)).articleChanged;
    expect(heard).toMatchObject({ change: "NEW" });
    expect(heard.relations).toBeGreaterThan(0);
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
