// Aggregated relations by (type, subject, object) keys, for path hops and article comparison.
UNWIND $keys AS k
MATCH (s:Entity {id: k.subjectId})
MATCH (o:Entity {id: k.objectId})
MATCH (s)-[r]->(o)
WHERE type(r) = k.type
WITH k, s, o, collect(r) AS rs
RETURN k.type AS type, s.id AS subjectId, o.id AS objectId, false AS objectIsArticle,
       size([r IN rs | r.articleId]) AS articleCount,
       reduce(m = null, r IN rs | CASE WHEN m IS NULL OR r.publishedAt < m THEN r.publishedAt ELSE m END) AS firstSeen,
       reduce(m = null, r IN rs | CASE WHEN m IS NULL OR r.publishedAt > m THEN r.publishedAt ELSE m END) AS lastSeen,
       [r IN rs WHERE r.time IS NOT NULL | r.time][0] AS time
