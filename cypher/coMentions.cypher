// Entities mentioned in the same articles as each of many entities (DataLoader batch), by number of shared articles.
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other:Entity)
WHERE other <> e
WITH id, other, count(DISTINCT a) AS shared
ORDER BY id, shared DESC, other.id
WITH id, collect({entityId: other.id, sharedArticles: shared}) AS found
RETURN id, size(found) AS total, found[0..$first] AS items
