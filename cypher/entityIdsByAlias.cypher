// Which entities carry this name or alias (any type, case-insensitively via normalised keys)? Most mentioned first.
MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity)
WHERE al.key IN $keys
WITH DISTINCT e
RETURN e.id AS id, COUNT { (e)<-[:MENTIONS]-() } AS articleCount
ORDER BY articleCount DESC, id
