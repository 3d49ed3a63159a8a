// Add a name to an entity's aliases and to the alias index (strong: it resolves new mentions of that name to this entity).
MATCH (e:Entity {id: $id})
SET e.aliases = e.aliases + CASE WHEN $alias = e.name OR $alias IN e.aliases THEN [] ELSE [$alias] END
MERGE (al:Alias {key: $key})
MERGE (al)-[x:ALIAS_OF]->(e)
SET x.strong = $strong
RETURN e.id AS id
