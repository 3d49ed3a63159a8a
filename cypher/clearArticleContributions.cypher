// Remove what the given articles asserted: their LEADS / CAPTURED / SUPPORTED_BY relations, quotes and mentions (the Article nodes stay).
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a, id) {
  MATCH (a)-[:MENTIONS]->(:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->()
  WHERE r.articleId = id
  WITH DISTINCT r
  DELETE r
}
CALL (a) {
  MATCH (:Entity)-[q:QUOTED_IN]->(a)
  DELETE q
}
CALL (a) {
  MATCH (a)-[m:MENTIONS]->(:Entity)
  DELETE m
}
RETURN count(a) AS cleared
