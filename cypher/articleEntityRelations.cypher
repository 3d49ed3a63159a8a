// What one article asserts about one entity (relationAdded): its LEADS / CAPTURED / SUPPORTED_BY relations and quotes with the entity at either end, optionally of one type, each with this article's evidence.
MATCH (a:Article {id: $articleId})-[:MENTIONS]->(e:Entity {id: $entityId})
CALL (a, e) {
  MATCH (a)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  WHERE r.articleId = a.id AND (s = e OR o = e) AND ($type IS NULL OR type(r) = $type)
  RETURN type(r) AS type, s.id AS subjectId, o.id AS objectId, false AS objectIsArticle, r
  UNION ALL
  MATCH (e)-[r:QUOTED_IN]->(a)
  WHERE $type IS NULL OR $type = 'QUOTED_IN'
  RETURN 'QUOTED_IN' AS type, e.id AS subjectId, a.id AS objectId, true AS objectIsArticle, r
}
WITH a, type, subjectId, objectId, objectIsArticle, r
ORDER BY r.confidence DESC
RETURN type, subjectId, objectId, objectIsArticle,
       collect({articleId: a.id, sentence: r.sentence, start: r.start, end: r.end, confidence: r.confidence, time: r.time, quote: r.quote}) AS evidence
ORDER BY type, subjectId, objectId
