// What two articles share: entities both mention, and relations (type, subject, object) each asserts.
MATCH (a:Article {id: $a}), (b:Article {id: $b})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(e:Entity) RETURN collect(e.id) AS aEntities
}
CALL (b) {
  MATCH (b)-[:MENTIONS]->(e:Entity) RETURN collect(e.id) AS bEntities
}
CALL (a) {
  MATCH (a)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId = a.id
  RETURN collect(DISTINCT {type: type(r), subjectId: s.id, objectId: o.id}) AS aRels
}
CALL (b) {
  MATCH (b)-[:MENTIONS]->(s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE r.articleId = b.id
  RETURN collect(DISTINCT {type: type(r), subjectId: s.id, objectId: o.id}) AS bRels
}
RETURN aEntities, bEntities, aRels, bRels
