// A page of entities for an export: the next $limit in id order after $after (keyset over the entity_id constraint's index, never SKIP), only of $types and only mentioned by an article published since $since when those are given.
// (coalesce keeps the planner from seeking the publishedAt index once per entity: the check expands the entity's own mentions.)
MATCH (e:Entity)
WHERE e.id > $after
  AND ($types IS NULL OR e.type IN $types)
  AND ($since IS NULL OR EXISTS { (e)<-[:MENTIONS]-(a:Article) WHERE coalesce(a.publishedAt, '') >= $since })
WITH e
ORDER BY e.id
LIMIT $limit
RETURN e.id AS id, e.type AS type, e.name AS name, e.aliases AS aliases, labels(e) AS labels,
       coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) AS articleCount, e.createdAt AS createdAt
