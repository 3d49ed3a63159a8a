// Which entities does a reference name: an exact entity id first, then names and aliases (any type, normalised keys), most mentioned first? Returns entity headers to prime the loader.
CALL () {
  MATCH (e:Entity {id: $id})
  RETURN e, 0 AS rank
  UNION
  MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity)
  WHERE al.key IN $keys
  RETURN e, 1 AS rank
}
WITH e, min(rank) AS rank
WITH e, rank, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) AS articleCount
ORDER BY rank, articleCount DESC, e.id
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, articleCount
