// Duplicate candidates of each seed entity by full-text fuzzy search over names and aliases (the blocking step: same type, shared or near tokens), best matches first.
UNWIND $seeds AS s
CALL (s) {
  CALL db.index.fulltext.queryNodes('entity_names', s.query, {limit: $perSeed}) YIELD node AS e, score
  WHERE e.type = s.type AND e.id <> s.id
  RETURN e, score
}
RETURN s.id AS seed, e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, 0)} AS entity, score
