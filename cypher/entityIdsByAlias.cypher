// Which entity does a reference name: the exact entity id, else the most mentioned entity with that name or alias (any type, normalised keys), ties by id? Returns its header to prime the loader.
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
LIMIT 1
