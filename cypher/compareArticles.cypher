// What two articles share: entities both mention (most mentioned in $a first), and relations (type, subject, object) each asserts, in a stable order.
MATCH (a:Article {id: $a}), (b:Article {id: $b})
CALL (a) {
  MATCH (a)-[m:MENTIONS]->(e:Entity)
  WITH e ORDER BY m.count DESC, e.id
  RETURN collect(e.id) AS aEntities
}
CALL (b) {
  MATCH (b)-[:MENTIONS]->(e:Entity) RETURN collect(e.id) AS bEntities
}
CALL (a) {
  MATCH (a)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId = a.id
  WITH DISTINCT type(r) AS type, s.id AS subjectId, o.id AS objectId ORDER BY type, subjectId, objectId
  RETURN collect({type: type, subjectId: subjectId, objectId: objectId}) AS aRels
}
CALL (b) {
  MATCH (b)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId = b.id
  WITH DISTINCT type(r) AS type, s.id AS subjectId, o.id AS objectId ORDER BY type, subjectId, objectId
  RETURN collect({type: type, subjectId: subjectId, objectId: objectId}) AS bRels
}
RETURN aEntities, bEntities, aRels, bRels
