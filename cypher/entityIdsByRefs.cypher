// For each reference in $refs ({ref, keys}: see entityRefParams), the one entity it names, ranked as entityIdsByAlias does (an exact id, else the most mentioned entity with that name or alias); references that name none are absent. One statement for a whole list of names.
UNWIND range(0, size($refs) - 1) AS i
WITH i, $refs[i] AS r
CALL (r) {
  MATCH (e:Entity {id: r.ref})
  RETURN e, 0 AS rank
  UNION
  MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity)
  WHERE al.key IN r.keys
  RETURN e, 1 AS rank
}
WITH i, e, min(rank) AS rank
WITH i, e, rank, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) AS articleCount
ORDER BY i, rank, articleCount DESC, e.id
WITH i, collect(e.id)[0] AS id
RETURN i, id
