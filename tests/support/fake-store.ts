/**
 * The database-free tier's fake: a Runner that records every (statement, parameters) the store
 * sends and answers from a small in-memory graph shaped like the seed articles. The store and the
 * whole GraphQL schema run for real on top of it; only Neo4j is replaced. Used by tests/unit/api
 * only: integration and end-to-end tests always use a real Neo4j.
 */
import neo4j from "neo4j-driver";
import type { Params, Row, Runner, Tx } from "../../src/db/client.ts";
import type { Plain } from "../../src/db/values.ts";
import { nameKey } from "../../src/graph/keys.ts";

export interface Recorded {
  statement: string;
  params: Plain;
}

type Ent = { id: string; name: string; type: string; aliases: string[] };
type Art = { id: string; title: string; url: string | null; source: string; publishedAt: string };
type Rel = { type: string; s: string; o: string; articleId: string; sentence: string; start: number; end: number; confidence: number; time: string | null };

const ENTITIES: Ent[] = [
  { id: "organization:islamic-state", name: "Islamic State", type: "ORGANIZATION", aliases: ["ISIS", "ISIL"] },
  { id: "location:mosul", name: "Mosul", type: "LOCATION", aliases: [] },
  { id: "organization:iraqi-forces", name: "Iraqi forces", type: "ORGANIZATION", aliases: [] },
  { id: "person:abu-bakr-al-baghdadi", name: "Abu Bakr al-Baghdadi", type: "PERSON", aliases: ["al-Baghdadi"] },
  { id: "person:haider-al-abadi", name: "Haider al-Abadi", type: "PERSON", aliases: ["al-Abadi"] },
  { id: "person:james-jeffrey", name: "James Jeffrey", type: "PERSON", aliases: ["Jeffrey"] },
  { id: "person:donald-trump", name: "Donald Trump", type: "PERSON", aliases: ["Trump"] },
  { id: "location:united-states", name: "United States", type: "LOCATION", aliases: ["U.S."] },
];
const ARTICLES: Art[] = [
  { id: "us-big-win-in-iraq", title: "US big win in Iraq", url: "https://example.org/win", source: "seed", publishedAt: "2017-07-10T00:00:00.000Z" },
  { id: "liberation-of-mosul-editorial", title: "The liberation of Mosul", url: null, source: "seed", publishedAt: "2017-07-11T00:00:00.000Z" },
];
const [WIN, EDITORIAL] = ARTICLES.map((a) => a.id) as [string, string];
const rel = (type: string, s: string, o: string, articleId: string, time: string | null = null): Rel => ({
  type,
  s,
  o,
  articleId,
  sentence: `${s} ${type} ${o}.`,
  start: 0,
  end: 20,
  confidence: 0.9,
  time,
});
const RELATIONS: Rel[] = [
  rel("CAPTURED", "organization:islamic-state", "location:mosul", WIN, "2014"),
  rel("CAPTURED", "organization:islamic-state", "location:mosul", EDITORIAL, "2014"),
  rel("CAPTURED", "organization:iraqi-forces", "location:mosul", WIN),
  rel("LEADS", "person:abu-bakr-al-baghdadi", "organization:islamic-state", EDITORIAL),
  rel("LEADS", "person:haider-al-abadi", "organization:iraqi-forces", WIN),
  rel("LEADS", "person:donald-trump", "location:united-states", WIN),
  rel("SUPPORTED_BY", "organization:iraqi-forces", "location:united-states", WIN),
];
const QUOTES = [
  {
    id: `${WIN}#100-120`,
    text: "We are winning",
    speakerId: "person:james-jeffrey",
    articleId: WIN,
    start: 90,
    end: 130,
    confidence: 0.8,
    sentence: '"We are winning," Jeffrey said.',
  },
];
const MENTIONS: Record<string, string[]> = {
  [WIN]: [
    "location:mosul",
    "organization:islamic-state",
    "organization:iraqi-forces",
    "person:haider-al-abadi",
    "person:james-jeffrey",
    "person:donald-trump",
    "location:united-states",
  ],
  [EDITORIAL]: ["location:mosul", "organization:islamic-state", "person:abu-bakr-al-baghdadi", "person:haider-al-abadi"],
};

const articleCountOf = (id: string) => Object.values(MENTIONS).filter((ids) => ids.includes(id)).length;
const entity = (id: string): Row | undefined => {
  const e = ENTITIES.find((x) => x.id === id);
  return e && { ...e, articleCount: articleCountOf(id) };
};
const article = (id: string): Row | undefined => {
  const a = ARTICLES.find((x) => x.id === id);
  return a && { ...a };
};
const evidence = (r: Rel): Row => ({
  articleId: r.articleId,
  sentence: r.sentence,
  start: r.start,
  end: r.end,
  confidence: r.confidence,
  time: r.time,
  quote: null,
});
const page = <T>(xs: T[], p: Params) => xs.slice(Number(p.offset ?? 0), Number(p.offset ?? 0) + Number(p.limit ?? xs.length));

// Private: relations aggregated per (type, subject, object), most attested first.
interface Agg {
  type: string;
  subjectId: string;
  objectId: string;
  objectIsArticle: boolean;
  articleCount: number;
  firstSeen: null;
  lastSeen: null;
  time: string | null;
  rs: Rel[];
}
function aggregate(rels: Rel[]): Agg[] {
  const by = new Map<string, Rel[]>();
  for (const r of rels) by.set(`${r.type}|${r.s}|${r.o}`, [...(by.get(`${r.type}|${r.s}|${r.o}`) ?? []), r]);
  return [...by.values()]
    .map((rs) => ({
      type: rs[0]!.type,
      subjectId: rs[0]!.s,
      objectId: rs[0]!.o,
      objectIsArticle: false,
      articleCount: rs.length,
      firstSeen: null,
      lastSeen: null,
      time: rs.find((r) => r.time)?.time ?? null,
      rs,
    }))
    .sort((a, b) => b.articleCount - a.articleCount);
}

// Private: the entity a lookup names, by the store's rule (exact id, else most mentioned with the name).
function named(ref: unknown, keys: unknown): string | undefined {
  if (ENTITIES.some((e) => e.id === ref)) return ref as string;
  const wanted = new Set((keys as string[]).map((k) => k.slice(k.indexOf("|") + 1)));
  return ENTITIES.filter((e) => [e.name, ...e.aliases].some((n) => wanted.has(nameKey(n)))).sort((a, b) => articleCountOf(b.id) - articleCountOf(a.id))[0]?.id;
}

// Private: the entities an article mentions, of one type or all, as articleMentions returns them.
const mentionsOf = (articleId: string, type: unknown): Row[] =>
  (MENTIONS[articleId] ?? [])
    .map((id) => entity(id)!)
    .filter((e) => type === null || type === undefined || e.type === type)
    .map((e) => ({ entityId: e.id as string, mentions: 1, names: [e.name as string], entity: e }));

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

const neighbours = (id: string) => RELATIONS.flatMap((r) => (r.s === id ? [r.o] : r.o === id ? [r.s] : []));

const ANSWERS: Record<string, (p: Params) => Row[]> = {
  entitiesByIds: (p) => present((p.ids as string[]).map(entity)),
  articlesByIds: (p) => present((p.ids as string[]).map(article)),
  entityIdsByAlias: (p) => present([entity(named(p.id, p.keys) ?? "")]),
  entityIdsByRefs: (p) => (p.refs as { ref: string; keys: string[] }[]).flatMap((r, i) => [{ i, id: named(r.ref, r.keys) ?? null }]),
  entitiesSearch: (p) => {
    const word = String(p.search).replace(/\*$/, "");
    const found = ENTITIES.filter((e) => nameKey(e.name).includes(word)).map((e) => entity(e.id)!);
    return [{ total: found.length, items: page(found, p) }];
  },
  relationsSearch: (p) => {
    const subject = p.subjectRef === null ? undefined : named(p.subjectRef, p.subjectKeys);
    const object = p.objectRef === null ? undefined : named(p.objectRef, p.objectKeys);
    const found = aggregate(
      RELATIONS.filter((r) => (p.type === null || r.type === p.type) && (subject === undefined || r.s === subject) && (object === undefined || r.o === object)),
    );
    const items = page(found, p).map(({ rs, ...r }) => ({
      ...r,
      entities: [entity(r.subjectId)!, entity(r.objectId)!],
      evidence: Number(p.evidenceFirst) > 0 ? rs.slice(0, Number(p.evidenceFirst)).map((x) => ({ ...evidence(x), article: article(x.articleId)! })) : null,
    }));
    return [{ total: found.length, items }];
  },
  relationEvidence: (p) =>
    (p.keys as { key: string; type: string; subjectId: string; objectId: string }[]).map((k) => ({
      key: k.key,
      items: RELATIONS.filter((r) => r.type === k.type && r.s === k.subjectId && r.o === k.objectId)
        .slice(0, Number(p.first))
        .map((r) => ({ ...evidence(r), article: article(r.articleId)! })),
    })),
  entityArticles: (p) =>
    (p.ids as string[]).flatMap((id) => {
      if (!entity(id)) return [];
      const found = ARTICLES.filter((a) => MENTIONS[a.id]!.includes(id)).map((a) => ({
        articleId: a.id,
        mentions: 2,
        article: article(a.id)!,
        entities: p.withMentions ? mentionsOf(a.id, p.mentionType) : null,
      }));
      return [{ id, total: found.length, items: page(found, p), entity: p.withEntity ? entity(id)! : null }];
    }),
  articleMentions: (p) =>
    (p.ids as string[]).map((id) => {
      const found = mentionsOf(id, p.type);
      return { id, total: found.length, items: found };
    }),
  entityRelations: (p) =>
    (p.requests as { key: string; id: string; keys: string[]; named: boolean; type: string | null; direction: string; first: unknown }[]).flatMap((q) => {
      const id = named(q.id, q.keys);
      if (id === undefined) return [];
      const out = q.direction !== "IN" ? aggregate(RELATIONS.filter((r) => r.s === id)) : [];
      const inn = q.direction !== "OUT" ? aggregate(RELATIONS.filter((r) => r.o === id)) : [];
      const found = [...out, ...inn]
        .filter((r) => q.type === null || r.type === q.type)
        .map(({ rs, ...r }) => ({
          ...r,
          header: entity(r.subjectId === id ? r.objectId : r.subjectId)!,
          evidence: Number(p.evidenceFirst) > 0 ? rs.slice(0, Number(p.evidenceFirst)).map((x) => ({ ...evidence(x), article: article(x.articleId)! })) : null,
        }));
      return [{ id: q.key, total: found.length, entity: q.named ? entity(id)! : null, items: found.slice(0, Number(q.first)) }];
    }),
  quotesSearch: (p) => {
    const found = QUOTES.filter((q) => p.speakers === null || (p.speakers as string[]).includes(q.speakerId));
    return [{ total: found.length, items: page(found, p) }];
  },
  pathNeighbours: (p) =>
    (p.ids as string[]).flatMap((id) => [...new Set(neighbours(id))].filter((n) => !(p.seen as string[]).includes(n)).map((to) => ({ from: id, to }))),
  pathHopRelations: (p) =>
    (p.pairs as [string, string][]).flatMap(([a, b]) =>
      aggregate(RELATIONS.filter((r) => (r.s === a && r.o === b) || (r.s === b && r.o === a))).map((r) => ({
        a,
        b,
        type: r.type,
        subjectId: r.subjectId,
        objectId: r.objectId,
      })),
    ),
  relationsByKeys: (p) =>
    (p.keys as { type: string; subjectId: string; objectId: string }[]).flatMap((k) =>
      aggregate(RELATIONS.filter((r) => r.type === k.type && r.s === k.subjectId && r.o === k.objectId)).map(({ rs: _rs, ...r }) => r),
    ),
  compareArticles: (p) => {
    const keysOf = (id: string) =>
      aggregate(RELATIONS.filter((r) => r.articleId === id)).map((r) => ({ type: r.type, subjectId: r.subjectId, objectId: r.objectId }));
    return [{ aEntities: MENTIONS[p.a as string] ?? [], bEntities: MENTIONS[p.b as string] ?? [], aRels: keysOf(p.a as string), bRels: keysOf(p.b as string) }];
  },
};

// Private: parameters as a snapshot shows them; Neo4j integers (what SKIP / LIMIT need) are marked.
function plain(v: unknown): Plain {
  if (neo4j.isInt(v)) return `int(${v.toString()})`;
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return (v ?? null) as Plain;
}

/** A Runner that records what it is asked and answers from the in-memory graph above. */
export class RecordingRunner implements Runner {
  readonly recorded: Recorded[] = [];

  private run(statement: string, params: Params = {}): Row[] {
    this.recorded.push({ statement, params: plain(params) });
    const answer = ANSWERS[statement];
    if (!answer) throw new Error(`The fake graph has no answer for "${statement}": add one to tests/support/fake-store.ts`);
    // Neo4j integers arrive as numbers in rows (src/db/values.ts); answer with the same shape.
    return structuredClone(answer(JSON.parse(JSON.stringify(plainNumbers(params))) as Params));
  }

  // Each answers with a promise that rejects when run throws, as a real runner's would.
  read = (name: string, params?: Params): Promise<Row[]> => new Promise((resolve) => resolve(this.run(name, params)));
  readTx = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    new Promise((resolve) => resolve(work({ run: (name, params) => this.read(name, params), noteChanges: () => {} })));
  writeTx = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    new Promise((resolve) => resolve(work({ run: (name, params) => this.read(name, params), noteChanges: () => {} })));
}

// Private: the fake's handlers read integers as JS numbers.
function plainNumbers(v: unknown): unknown {
  if (neo4j.isInt(v)) return v.toNumber();
  if (Array.isArray(v)) return v.map(plainNumbers);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainNumbers(x)]));
  return v;
}
