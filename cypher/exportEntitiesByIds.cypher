// The entities of one chunk of a neighbourhood export, by id, in id order: only of $types and only mentioned by an article published since $since when those are given.
// (coalesce keeps the planner from seeking the publishedAt index once per entity: the check expands the entity's own mentions.)
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE ($types IS NULL OR e.type IN $types)
  AND ($since IS NULL OR EXISTS { (e)<-[:MENTIONS]-(a:Article) WHERE coalesce(a.publishedAt, '') >= $since })
WITH e
ORDER BY e.id
RETURN e.id AS id, e.type AS type, e.name AS name, e.aliases AS aliases, labels(e) AS labels,
       coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) AS articleCount, e.createdAt AS createdAt
