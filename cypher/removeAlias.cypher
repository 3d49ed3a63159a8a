// Remove names with one alias key from an entity's aliases and the alias index; returns the names removed.
MATCH (e:Entity {id: $id})
WITH e, [n IN e.aliases WHERE n IN $names] AS gone
SET e.aliases = [n IN e.aliases WHERE NOT n IN $names]
WITH e, gone
OPTIONAL MATCH (:Alias {key: $key})-[x:ALIAS_OF]->(e)
DELETE x
RETURN gone
