// Give an entity a new canonical name; the old name stays as an alias, and the new one joins the alias index.
MATCH (e:Entity {id: $id})
WITH e, e.name AS old
SET e.name = $name, e.aliases = [n IN e.aliases WHERE n <> $name] + CASE WHEN old <> $name AND NOT old IN e.aliases THEN [old] ELSE [] END
MERGE (al:Alias {key: $key})
MERGE (al)-[x:ALIAS_OF]->(e)
  ON CREATE SET x.strong = $strong
RETURN old
