// Curation rules that decide where a batch's extracted entities resolve: redirects by alias key, splits by article, removed aliases (latest action wins; undone actions' rules are deleted).
CALL () {
  UNWIND $keys AS k
  MATCH (r:CurationRule {key: k})
  WHERE r.kind = 'redirect'
  WITH k, r ORDER BY r.seq DESC
  WITH k, collect(r.target)[0] AS target
  RETURN collect({key: k, target: target}) AS redirects
}
CALL () {
  UNWIND $articleIds AS aid
  MATCH (r:CurationRule {scope: aid})
  WHERE r.kind = 'split'
  WITH r ORDER BY r.seq DESC
  RETURN collect({articleId: r.scope, entityId: r.entityId, target: r.target}) AS splits
}
CALL () {
  UNWIND $keys AS k
  MATCH (r:CurationRule {key: k})
  WHERE r.kind = 'unalias'
  RETURN collect({key: k, entityId: r.entityId}) AS unaliases
}
RETURN redirects, splits, unaliases
