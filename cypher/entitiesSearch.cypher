// Entity headers whose names or aliases match words (full-text, ranked), optionally of one type; paginated.
CALL db.index.fulltext.queryNodes('entity_names', $search) YIELD node AS e, score
WHERE $type IS NULL OR e.type = $type
WITH e, score ORDER BY score DESC, COUNT { (e)<-[:MENTIONS]-() } DESC, e.id
WITH collect(e) AS found
RETURN size(found) AS total, [e IN found[$offset..$offset + $limit] | e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })}] AS items
