// Analyst curation: move mentions, relations, quotes and aliases of the $from entities onto $into, then delete them (of two relations of one type, ends and article, the more confident evidence stays, as at ingest).
MATCH (into:Entity {id: $into})
UNWIND $from AS fid
MATCH (f:Entity {id: fid})
WHERE f <> into
CALL (f, into) {
  MATCH (a:Article)-[m:MENTIONS]->(f)
  MERGE (a)-[m2:MENTIONS]->(into)
  SET m2.count = coalesce(m2.count, 0) + m.count, m2.spans = coalesce(m2.spans, []) + m.spans,
      m2.names = coalesce(m2.names, []) + [n IN m.names WHERE NOT n IN coalesce(m2.names, [])]
}
CALL (f, into) {
  MATCH (f)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity) WHERE o <> into
  MERGE (into)-[r2:$(type(r)) {articleId: r.articleId}]->(o)
  SET r2 += CASE WHEN r2.confidence IS NULL OR r2.confidence < r.confidence THEN properties(r) ELSE {} END
}
CALL (f, into) {
  MATCH (s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(f) WHERE s <> into
  MERGE (s)-[r2:$(type(r)) {articleId: r.articleId}]->(into)
  SET r2 += CASE WHEN r2.confidence IS NULL OR r2.confidence < r.confidence THEN properties(r) ELSE {} END
}
CALL (f, into) {
  MATCH (f)-[q:QUOTED_IN]->(a:Article)
  CREATE (into)-[q2:QUOTED_IN]->(a)
  SET q2 += properties(q)
}
CALL (f, into) {
  MATCH (al:Alias)-[x:ALIAS_OF]->(f)
  MERGE (al)-[x2:ALIAS_OF]->(into)
  SET x2.strong = coalesce(x2.strong, false) OR x.strong
}
SET into.aliases = into.aliases + [n IN [f.name] + f.aliases WHERE n <> into.name AND NOT n IN into.aliases]
DETACH DELETE f
SET into.mentionCount = COUNT { (into)<-[:MENTIONS]-() }
RETURN count(*) AS merged
