// Create or update entities (type label, name, merged aliases) and their entries in the alias index.
UNWIND $entities AS ent
MERGE (e:Entity {id: ent.id})
  ON CREATE SET e.name = ent.name, e.type = ent.type, e.aliases = [], e.createdAt = datetime()
SET e:$(ent.label)
SET e.aliases = e.aliases + [x IN ent.aliases WHERE NOT x IN e.aliases AND x <> e.name]
WITH e, ent
UNWIND ent.aliasEntries AS entry
MERGE (al:Alias {key: entry.key})
MERGE (al)-[r:ALIAS_OF]->(e)
  ON CREATE SET r.strong = entry.strong
  ON MATCH SET r.strong = r.strong OR entry.strong
RETURN count(DISTINCT e) AS entities
