/** The questions bench:api and bench:scale ask our API (documents exactly as sent). */
export interface ApiQuery {
  name: string;
  /** A question about one entity: target p99 < 50 ms at 32 clients. */
  singleEntity: boolean;
  query: string;
}

const EVIDENCE = `evidence { article { title } sentence }`;

export const API_QUERIES: ApiQuery[] = [
  {
    name: "captured-mosul",
    singleEntity: true,
    query: `{ relations(type: CAPTURED, object: "Mosul") { edges { node { subject { name } time articleCount ${EVIDENCE} } } } }`,
  },
  {
    name: "leads-isis",
    singleEntity: true,
    query: `{ relations(type: LEADS, object: "ISIS") { edges { node { subject { name } time articleCount ${EVIDENCE} } } } }`,
  },
  {
    name: "entity-articles",
    singleEntity: true,
    query: `{ entity(name: "al-Abadi") { name articles(first: 10) { totalCount edges { node { article { title } } } } } }`,
  },
  {
    name: "quotes-obama",
    singleEntity: true,
    query: `{ quotes(speaker: "Barack Obama", first: 10) { totalCount edges { node { text speaker { name } article { title } } } } }`,
  },
  {
    name: "connections",
    singleEntity: false,
    query: `{ connections(from: "Barack Obama", to: "ISIS") { length nodes { name } hops { from { name } to { name } relation { type } article { title } } } }`,
  },
  {
    name: "entities-search",
    singleEntity: false,
    query: `{ entities(search: "islamic", first: 10) { totalCount edges { node { name type articleCount } } } }`,
  },
  {
    name: "nested",
    singleEntity: false,
    query: `{ entities(first: 20) { edges { node { name relations(first: 5) { type subject { name } object { ... on Entity { name } ... on Article { title } } ${EVIDENCE.replace("evidence", "evidence(first: 3)")} } } } } }`,
  },
];

/** Size of an answer, to show a query did return something (edges, items…). */
export function answerSize(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, x) => n + answerSize(x), data.length);
  if (data && typeof data === "object") return Object.values(data).reduce((n: number, v) => n + answerSize(v), 0);
  return 0;
}
