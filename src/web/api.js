// A plain client of the public GraphQL API at /graphql: the explorer has no other way in, so it gets
// the same limits and needs the same keys as any client. A key (when the server asks for one, e.g.
// KG_REQUIRE_AUTH_FOR_READS=true) is kept in sessionStorage: this tab only, gone when it closes.

const KEY = "kg-api-key";

/** An answer with errors: `code` is the first error's extensions.code. */
export class ApiError extends Error {
  /** @param {string} code @param {string} message @param {number} status */
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY) ?? "";
}

/** @param {string} key */
export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/**
 * Run one operation. Throws ApiError with the server's code and message (or NETWORK_ERROR).
 * @param {string} query @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function gql(query, variables = {}) {
  /** @type {Record<string, string>} */
  const headers = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let res;
  try {
    res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (e) {
    throw new ApiError("NETWORK_ERROR", `The server did not answer (${e instanceof Error ? e.message : e}).`, 0);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError("BAD_RESPONSE", `HTTP ${res.status}: the answer is not JSON.`, res.status);
  }
  const err = body?.errors?.[0];
  if (err) throw new ApiError(err.extensions?.code ?? "ERROR", err.message ?? "unknown error", res.status);
  return body.data;
}

export const SEARCH = `query Suggest($q: String!) {
  entities(search: $q, first: 8) { edges { node { key name type articleCount } } }
}`;

const ENTITY_FIELDS = "id key name type articleCount";
const RELATION_FIELDS = `id type articleCount firstSeen lastSeen time
  subject { ${ENTITY_FIELDS} }
  object { __typename ... on Entity { ${ENTITY_FIELDS} } ... on Article { id key title } }`;

export const NEIGHBOURHOOD = `query Neighbourhood($id: ID, $name: String) {
  entity(id: $id, name: $name) { ${ENTITY_FIELDS} aliases relations(first: 40) { ${RELATION_FIELDS} } }
}`;

export const RELATION_ADDED = `subscription LiveEvidence($entity: String!) {
  relationAdded(entity: $entity) {
    relation { ${RELATION_FIELDS} }
    evidence { sentence confidence }
    article { key title }
  }
}`;

export const EVIDENCE = `query Evidence($id: ID!) {
  node(id: $id) { ... on Relation {
    id type articleCount time
    subject { name aliases }
    object { __typename ... on Entity { name aliases } ... on Article { title } }
    evidence(first: 50) { sentence confidence time quote article { key title source publishedAt url } }
  } }
}`;

export const PATHS = `query Paths($from: String!, $to: String!, $maxHops: Int) {
  connections(from: $from, to: $to, maxHops: $maxHops, first: 3) {
    length
    hops {
      from { key name type } to { key name type }
      relation { id type articleCount subject { name } object { ... on Entity { name } } evidence(first: 1) { sentence confidence article { key title } } }
      article { key title }
    }
  }
}`;

// Article.relations and compareArticles give aggregated relations, whose evidence spans every
// article that asserts them: the page picks each article's own sentence by the article's key, among
// the 40 most confident (compareArticles' three lists with 100 each cost more than KG_MAX_COST allows).
const ARTICLE_EVIDENCE = "evidence(first: 40) { sentence start end confidence time article { key } }";

export const ARTICLE = `query ArticleView($id: ID!) {
  article(id: $id) {
    key title source publishedAt url text
    entities { names entity { key name type } }
    relations { type subject { name } object { ... on Entity { name } ... on Article { title } } ${ARTICLE_EVIDENCE} }
    quotes { text confidence speaker { key name } }
    related(first: 8) { sharedCount article { key title source publishedAt } sharedEntities { name } }
  }
}`;

export const ARTICLE_SEARCH = `query FindArticles($q: String!) {
  articles(filter: { search: $q }, first: 8) { edges { node { key title source publishedAt } } }
}`;

const COMPARED_RELATION = `id type articleCount subject { key name aliases } object { ... on Entity { key name aliases } } ${ARTICLE_EVIDENCE}`;

export const COMPARE = `query Compare($a: ID!, $b: ID!) {
  compareArticles(a: $a, b: $b) {
    a { key title source publishedAt } b { key title source publishedAt }
    sharedEntities { key name type }
    sharedRelations { ${COMPARED_RELATION} }
    onlyInA { ${COMPARED_RELATION} }
    onlyInB { ${COMPARED_RELATION} }
  }
}`;
