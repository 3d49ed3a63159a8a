// The LEADS / CAPTURED / SUPPORTED_BY relations whose subject is in $ids (one page of an export), aggregated per (subject, type, object) with article count, first and last seen and every stored relationship as evidence; objects only in $objectIds and of $entityTypes, relations only of $relationTypes and from articles published since $since, when those are given.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
WHERE ($relationTypes IS NULL OR type(r) IN $relationTypes)
  AND ($entityTypes IS NULL OR o.type IN $entityTypes)
  AND ($objectIds IS NULL OR o.id IN $objectIds)
  AND ($since IS NULL OR r.publishedAt >= $since)
WITH s.id AS subject, type(r) AS type, o.id AS object, r
ORDER BY subject, type, object, r.articleId
WITH subject, type, object,
     count(DISTINCT r.articleId) AS articleCount, min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
     collect(r {.articleId, .sentence, .start, .end, .confidence, .time, .publishedAt, .extractor}) AS evidence
RETURN subject, type, object, articleCount, firstSeen, lastSeen, evidence
