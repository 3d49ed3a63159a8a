// Articles sharing entities with each of many articles (DataLoader batch), ranked by how many entities they share.
UNWIND $ids AS id
MATCH (a:Article {id: id})-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(b:Article)
WHERE b <> a
WITH id, b, collect(e.id) AS shared
ORDER BY id, size(shared) DESC, b.id
WITH id, collect({articleId: b.id, sharedEntityIds: shared}) AS found
RETURN id, size(found) AS total, found[0..$first] AS items
