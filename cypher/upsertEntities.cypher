// Create or update entities (type label on creation, new aliases only) and add their new names to the alias index; names already known cost no write.
UNWIND $entities AS ent
MERGE (e:Entity {id: ent.id})
  ON CREATE SET e:$(ent.label), e.name = ent.name, e.type = ent.type, e.aliases = [], e.createdAt = datetime()
WITH e, ent, [x IN ent.aliasEntries WHERE x.name <> e.name AND NOT x.name IN e.aliases] AS fresh,
     size(e.aliases) = 0 AND NOT EXISTS { (:Alias)-[:ALIAS_OF]->(e) } AS isNew
WITH e, ent, CASE WHEN isNew THEN ent.aliasEntries ELSE fresh END AS entries
FOREACH (_ IN CASE WHEN size([x IN entries WHERE x.name <> e.name]) > 0 THEN [1] ELSE [] END |
  SET e.aliases = e.aliases + [x IN entries WHERE x.name <> e.name | x.name])
WITH e, entries
UNWIND entries AS entry
MERGE (al:Alias {key: entry.key})
MERGE (al)-[r:ALIAS_OF]->(e)
  ON CREATE SET r.strong = entry.strong
RETURN count(*) AS aliasEntries
