// Lock entities (id order) and return their names, types, strong alias keys and the articles mentioning them: what a merge or split turns into rules.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e ORDER BY e.id
SET e.lockedBy = $tag
REMOVE e.lockedBy
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       [(al:Alias)-[:ALIAS_OF {strong: true}]->(e) | al.key] AS strongKeys,
       [(a:Article)-[:MENTIONS]->(e) | a.id] AS articleIds
