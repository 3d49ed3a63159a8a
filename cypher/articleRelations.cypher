// What each of many articles asserts (DataLoader batch): its LEADS / CAPTURED / SUPPORTED_BY relations and quotes, optionally of one type.
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a, id) {
  MATCH (a)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  WHERE r.articleId = id AND ($type IS NULL OR type(r) = $type)
  RETURN DISTINCT type(r) AS type, s.id AS subjectId, o.id AS objectId, false AS objectIsArticle, r
  UNION ALL
  MATCH (s:Entity)-[r:QUOTED_IN]->(a)
  WHERE $type IS NULL OR $type = 'QUOTED_IN'
  RETURN 'QUOTED_IN' AS type, s.id AS subjectId, a.id AS objectId, true AS objectIsArticle, r
}
WITH id, type, subjectId, objectId, objectIsArticle, collect(r) AS rs
ORDER BY id, type, subjectId, objectId
WITH id, collect({type: type, subjectId: subjectId, objectId: objectId, objectIsArticle: objectIsArticle,
                  articleCount: 1, firstSeen: rs[0].publishedAt, lastSeen: rs[0].publishedAt, time: rs[0].time}) AS found
RETURN id, size(found) AS total, found AS items
