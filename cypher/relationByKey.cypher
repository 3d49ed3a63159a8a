// One aggregated relation by its (type, subject, object) key, for node(id).
MATCH (s:Entity {id: $subjectId})
OPTIONAL MATCH (oe:Entity {id: $objectId})
OPTIONAL MATCH (oa:Article {id: $objectId})
WITH s, coalesce(oe, oa) AS o
MATCH (s)-[r]->(o)
WHERE type(r) = $type
WITH s.id AS subjectId, o.id AS objectId, o:Article AS objectIsArticle,
     count(DISTINCT coalesce(r.articleId, o.id)) AS articleCount, min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
     [t IN collect(r.time) WHERE t IS NOT NULL][0] AS time
RETURN $type AS type, subjectId, objectId, objectIsArticle, articleCount, firstSeen, lastSeen, time
