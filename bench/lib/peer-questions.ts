/**
 * bench:peer questions: the same logical question in our API's idiom and in the Neo4j GraphQL
 * Library's idiom, with normalisers that turn both answers into the same comparable shape.
 *
 * Lookup: (a) asks by NAME on both sides (ours: name/alias index; theirs: `where: {name: {eq}}`,
 * which has no index to use in our schema: Entity.name only has a full-text index). (b)–(e) use the
 * entity's stored id on both sides (ours: `entity(id:)` / `object:` accept ids; theirs:
 * `where: {id: {eq}}` on the unique constraint), so neither pays for name resolution.
 */
export interface PeerQuestion {
  name: string;
  what: string;
  nested: boolean;
  ours: string;
  peer: string;
  /** `data` is the GraphQL response's `data` from our server, shaped by `ours`. */
  normOurs(data: unknown): unknown;
  /** `data` is the GraphQL response's `data` from the peer server, shaped by `peer`. */
  normPeer(data: unknown): unknown;
}

// The shapes of the answers to the queries below: each question's normaliser reads the `data` it is
// handed as the shape its own query selects (a missing field still throws, as it did untyped).
interface Key {
  key: string;
}
interface Id {
  id: string;
}
interface Edges<T> {
  edges: T[];
}
interface OursRelation {
  type: string;
  subject: Key;
  object: Key;
  articleCount: number;
  evidence: { article: Key }[];
}
interface PeerAssertion {
  properties: { articleId: string };
  node: Id;
}
type PeerConnectionField =
  "leadsConnection" | "capturedConnection" | "supportedByConnection" | "ledByConnection" | "capturedByConnection" | "supportsConnection";
type PeerEntity = Id & Partial<Record<PeerConnectionField, Edges<PeerAssertion>>> & { quotedInConnection?: Edges<{ node: Id }> };

interface OursA {
  entity: Key & { relations: OursRelation[] };
}
interface PeerA {
  entities: PeerEntity[];
}
interface OursB {
  entity: { articles: { totalCount: number } & Edges<{ node: { mentions: number; article: Key & { title: string } } }> };
}
interface PeerB {
  entities: { mentionedInConnection: { totalCount: number } & Edges<{ properties: { count: number }; node: Id & { title: string } }> }[];
}
interface OursC {
  relations: Edges<{ node: { subject: Key; evidence: { article: Key; sentence: string }[] } }>;
}
interface PeerC {
  entities: { capturedByConnection: Edges<{ properties: { articleId: string; sentence: string }; node: Id }> }[];
}
interface OursD {
  entities: Edges<{ node: Key & { leads: OursRelation[]; captured: OursRelation[]; supportedby: OursRelation[] } }>;
}
interface PeerD {
  entities: PeerEntity[];
}
interface OursE {
  entities: Edges<{ node: Key & { articles: Edges<{ node: { article: Key & { entities: { mentions: number; entity: Key }[] } } }> } }>;
}
interface PeerE {
  entities: (Id & { mentionedInConnection: Edges<{ node: Id & { mentionsConnection: Edges<{ properties: { count: number }; node: Id }> } }> })[];
}

export interface PeerParams {
  /** (a): canonical name of an entity with relations. */
  relationsEntityName: string;
  /** (b): id of an entity mentioned in many articles. */
  articlesEntityId: string;
  /** (c): id of the place captured (Mosul). */
  capturedObjectId: string;
}

const sortStr = (xs: string[]) => [...new Set(xs)].sort();
const j = (...xs: (string | number | null | undefined)[]) => xs.map((x) => String(x ?? "")).join(" | ");

/** Ours pages a relation's evidence at 100 articles; relations asserted by more are compared by article count only. */
export const EVIDENCE_CAP = 100;

// Private: "type | subject | object | articleCount | sorted article ids" per relation (ids replaced by a
// marker when over the cap), from a list of (type, subject, object, articleId) tuples.
function grouped(tuples: [string, string, string, string][], counts?: Map<string, number>): string[] {
  const g = new Map<string, Set<string>>();
  for (const [t, s, o, a] of tuples) {
    const k = j(t, s, o);
    if (!g.has(k)) g.set(k, new Set());
    g.get(k)!.add(a);
  }
  return [...g]
    .map(([k, ids]) => {
      const n = counts?.get(k) ?? ids.size;
      return j(k, n, n > EVIDENCE_CAP ? `more than ${EVIDENCE_CAP}` : [...ids].sort().join(","));
    })
    .sort();
}

// Private: our Relation list as grouped relation strings.
function oursRelationTuples(rels: OursRelation[]): string[] {
  const tuples: [string, string, string, string][] = [];
  const counts = new Map<string, number>();
  for (const r of rels) {
    counts.set(j(r.type, r.subject.key, r.object.key), r.articleCount);
    for (const e of r.evidence) tuples.push([r.type, r.subject.key, r.object.key, e.article.key]);
  }
  return grouped(tuples, counts);
}

const PEER_ASSERTION = `edges { properties { articleId } node { id } }`;

// Private: flatten the peer's per-type connections of entity `e` into the same tuples.
function peerRelationTuples(e: PeerEntity, withIn: boolean): string[] {
  const out: [string, string, string, string][] = [];
  const outEdges = (field: PeerConnectionField, type: string) => {
    for (const x of e[field]?.edges ?? []) out.push([type, e.id, x.node.id, x.properties.articleId]);
  };
  const inEdges = (field: PeerConnectionField, type: string) => {
    for (const x of e[field]?.edges ?? []) out.push([type, x.node.id, e.id, x.properties.articleId]);
  };
  outEdges("leadsConnection", "LEADS");
  outEdges("capturedConnection", "CAPTURED");
  outEdges("supportedByConnection", "SUPPORTED_BY");
  for (const x of e.quotedInConnection?.edges ?? []) out.push(["QUOTED_IN", e.id, x.node.id, x.node.id]);
  if (withIn) {
    inEdges("ledByConnection", "LEADS");
    inEdges("capturedByConnection", "CAPTURED");
    inEdges("supportsConnection", "SUPPORTED_BY");
  }
  return grouped(out);
}

const PEER_OUT = `leadsConnection { ${PEER_ASSERTION} } capturedConnection { ${PEER_ASSERTION} } supportedByConnection { ${PEER_ASSERTION} } quotedInConnection { edges { node { id } } }`;
const PEER_IN = `ledByConnection { ${PEER_ASSERTION} } capturedByConnection { ${PEER_ASSERTION} } supportsConnection { ${PEER_ASSERTION} }`;
const oursRel = (evidenceFirst: number) =>
  `type subject { key } object { ... on Entity { key } ... on Article { key } } articleCount evidence(first: ${evidenceFirst}) { article { key } }`;
const OURS_REL = oursRel(100);

export function peerQuestions(p: PeerParams): PeerQuestion[] {
  const q = JSON.stringify;
  return [
    {
      name: "a-entity-relations",
      what: "an entity by name with all its relations (both directions, all four types) and their evidence articles",
      nested: false,
      ours: `{ entity(name: ${q(p.relationsEntityName)}) { key name relations(first: 100) { ${OURS_REL} } } }`,
      peer: `{ entities(where: { name: { eq: ${q(p.relationsEntityName)} } }) { id name ${PEER_OUT} ${PEER_IN} } }`,
      normOurs: (data) => {
        const d = data as OursA;
        return { id: d.entity.key, tuples: oursRelationTuples(d.entity.relations) };
      },
      normPeer: (data) => {
        const d = data as PeerA;
        // An absent entity normalises to no id and no tuples (`{}` as an entity has no connections).
        return { id: d.entities[0]?.id, tuples: peerRelationTuples(d.entities[0] ?? ({} as PeerEntity), true) };
      },
    },
    {
      name: "b-entity-articles",
      what: "the articles that mention an entity, newest first, first page of 10, with mention counts and total",
      nested: false,
      ours: `{ entity(id: ${q(p.articlesEntityId)}) { key articles(first: 10) { totalCount edges { node { mentions article { key title } } } } } }`,
      peer: `{ entities(where: { id: { eq: ${q(p.articlesEntityId)} } }) { id mentionedInConnection(first: 10, sort: [{ node: { publishedAt: DESC } }, { node: { id: ASC } }]) { totalCount edges { properties { count } node { id title } } } } }`,
      normOurs: (data) => {
        const d = data as OursB;
        return {
          total: d.entity.articles.totalCount,
          page: d.entity.articles.edges.map((e) => j(e.node.article.key, e.node.mentions, e.node.article.title)),
        };
      },
      normPeer: (data) => {
        const d = data as PeerB;
        return {
          total: d.entities[0]!.mentionedInConnection.totalCount,
          page: d.entities[0]!.mentionedInConnection.edges.map((e) => j(e.node.id, e.properties.count, e.node.title)),
        };
      },
    },
    {
      name: "c-captured-into",
      what: "relations of one type into one object (CAPTURED into Mosul) with their evidence (article, sentence)",
      nested: false,
      ours: `{ relations(type: CAPTURED, object: ${q(p.capturedObjectId)}, first: 100) { totalCount edges { node { subject { key name } articleCount evidence(first: 100) { article { key } sentence } } } } }`,
      peer: `{ entities(where: { id: { eq: ${q(p.capturedObjectId)} } }) { id capturedByConnection { edges { properties { articleId sentence } node { id name } } } } }`,
      normOurs: (data) =>
        sortStr((data as OursC).relations.edges.flatMap((e) => e.node.evidence.map((ev) => j(e.node.subject.key, ev.article.key, ev.sentence)))),
      normPeer: (data) =>
        sortStr((data as PeerC).entities[0]!.capturedByConnection.edges.map((e) => j(e.node.id, e.properties.articleId, e.properties.sentence))),
    },
    {
      name: "d-nested-relations",
      what: "three levels: the 20 most-mentioned entities → their outgoing LEADS / CAPTURED / SUPPORTED_BY relations → evidence articles",
      nested: true,
      // 20 relations per type (each with up to 100 evidence rows) keep ours under its query-cost ceiling (KG_MAX_COST ≤ 10M);
      // the equality check shows no relation list is cut off (evidence over 100 articles is compared by count, see EVIDENCE_CAP).
      // Ours: one aliased `relations(type:)` field per type (our API filters one type at a time); theirs: one connection per type.
      ours: `{ entities(first: 20) { edges { node { key ${["LEADS", "CAPTURED", "SUPPORTED_BY"]
        .map((t) => `${t.toLowerCase().replace("_", "")}: relations(type: ${t}, direction: OUT, first: 20) { ${oursRel(100)} }`)
        .join(" ")} } } } }`,
      peer: `{ entities(limit: 20, sort: [{ mentionCount: DESC }, { id: ASC }]) { id leadsConnection { ${PEER_ASSERTION} } capturedConnection { ${PEER_ASSERTION} } supportedByConnection { ${PEER_ASSERTION} } } }`,
      normOurs: (data) =>
        (data as OursD).entities.edges.map((e) => ({
          id: e.node.key,
          tuples: oursRelationTuples([...e.node.leads, ...e.node.captured, ...e.node.supportedby]),
        })),
      normPeer: (data) => (data as PeerD).entities.map((e) => ({ id: e.id, tuples: peerRelationTuples(e, false) })),
    },
    {
      name: "e-nested-articles",
      what: "three levels: the 20 most-mentioned entities → their 5 newest articles → every entity those articles mention (with counts)",
      nested: true,
      ours: `{ entities(first: 20) { edges { node { key articles(first: 5) { edges { node { article { key entities { mentions entity { key } } } } } } } } } }`,
      peer: `{ entities(limit: 20, sort: [{ mentionCount: DESC }, { id: ASC }]) { id mentionedInConnection(first: 5, sort: [{ node: { publishedAt: DESC } }, { node: { id: ASC } }]) { edges { node { id mentionsConnection { edges { properties { count } node { id } } } } } } } }`,
      normOurs: (data) =>
        (data as OursE).entities.edges.map((e) => ({
          id: e.node.key,
          articles: e.node.articles.edges.map((a) => ({
            id: a.node.article.key,
            entities: sortStr(a.node.article.entities.map((x) => j(x.entity.key, x.mentions))),
          })),
        })),
      normPeer: (data) =>
        (data as PeerE).entities.map((e) => ({
          id: e.id,
          articles: e.mentionedInConnection.edges.map((a) => ({
            id: a.node.id,
            entities: sortStr(a.node.mentionsConnection.edges.map((x) => j(x.node.id, x.properties.count))),
          })),
        })),
    },
  ];
}
