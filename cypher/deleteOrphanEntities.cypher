// Remove entities that no article mentions any more, and alias index entries left pointing nowhere.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Article) }
OPTIONAL MATCH (al:Alias)-[:ALIAS_OF]->(e)
WITH e, collect(al) AS aliases
DETACH DELETE e
WITH aliases
UNWIND aliases AS al
WITH DISTINCT al
WHERE NOT EXISTS { (al)-[:ALIAS_OF]->() }
DELETE al
RETURN count(*) AS removedAliases
