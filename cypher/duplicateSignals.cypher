// Graph evidence for candidate pairs: (people) articles mentioning both, entities related to both, each side's context (entities co-mentioned in its first $contextArticles articles), and whether an analyst rejected the pair.
UNWIND $pairs AS p
MATCH (a:Entity {id: p.a}), (b:Entity {id: p.b})
CALL (a, b) {
  RETURN CASE WHEN a.type = 'PERSON' THEN COUNT { (a)<-[:MENTIONS]-(:Article)-[:MENTIONS]->(b) } ELSE 0 END AS together,
         size(COLLECT { MATCH (a)-[:LEADS|CAPTURED|SUPPORTED_BY]-(n:Entity)-[:LEADS|CAPTURED|SUPPORTED_BY]-(b) WHERE n <> a AND n <> b RETURN DISTINCT n.id }) AS neighbours
}
CALL (a) {
  MATCH (a)<-[:MENTIONS]-(x:Article)
  WITH x LIMIT $contextArticles
  MATCH (x)-[:MENTIONS]->(n:Entity)
  WHERE n <> a
  RETURN collect(DISTINCT n.id) AS contextA
}
CALL (b) {
  MATCH (b)<-[:MENTIONS]-(x:Article)
  WITH x LIMIT $contextArticles
  MATCH (x)-[:MENTIONS]->(n:Entity)
  WHERE n <> b
  RETURN collect(DISTINCT n.id) AS contextB
}
RETURN p.a AS a, p.b AS b, together, neighbours, contextA, contextB,
       EXISTS { MATCH (r:CurationRule {pair: p.key}) WHERE r.kind = 'reject' } AS rejected
