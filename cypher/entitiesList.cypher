// Entity headers without a search, optionally of one type, most mentioned first; paginated. Totals come from the count store (type labels); items walk the entity_mention_count index in order, or, for a rare type, sort that type's entities (entity_type index).
CALL () {
  RETURN COUNT { (:Entity) } AS entities, CASE
    WHEN $type IS NULL THEN COUNT { (:Entity) }
    WHEN $type = 'PERSON' THEN COUNT { (:Person) }
    WHEN $type = 'ORGANIZATION' THEN COUNT { (:Organization) }
    WHEN $type = 'LOCATION' THEN COUNT { (:Location) }
    WHEN $type = 'GROUP' THEN COUNT { (:Group) }
    ELSE COUNT { (e:Entity) WHERE e.type = $type }
  END AS total
}
// Walking the index reads about (offset + limit) * entities / total entries, sorting the type about 2 * total: pick the cheaper.
// Both give the same page (mentionCount DESC, id is a total order); the other branch reads nothing.
WITH total, $type IS NULL OR ($offset + $limit) * entities <= 2 * total * total AS inIndexOrder
CALL (inIndexOrder) {
  // A null lower bound makes the index seek empty while keeping the index order (a filter here would be pushed below the seek).
  WITH CASE WHEN inIndexOrder THEN 0 END AS least
  MATCH (e:Entity)
  WHERE e.mentionCount >= least AND ($type IS NULL OR e.type = $type)
  WITH e ORDER BY e.mentionCount DESC, e.id SKIP $offset LIMIT $limit
  RETURN collect(e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })}) AS walked
}
CALL (inIndexOrder) {
  UNWIND CASE WHEN inIndexOrder THEN [] ELSE [true] END AS go
  MATCH (e:Entity) USING INDEX e:Entity(type)
  WHERE e.type = $type AND e.mentionCount >= 0
  WITH e ORDER BY e.mentionCount DESC, e.id SKIP $offset LIMIT $limit
  RETURN collect(e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })}) AS sorted
}
RETURN total, walked + sorted AS items
