// The name-index entries (Alias nodes) pointing at the entities in $ids (one chunk of a neighbourhood CSV export), each with its ALIAS_OF targets among the neighbourhood's entities ($entityIds).
UNWIND $ids AS id
MATCH (al:Alias)-[:ALIAS_OF]->(:Entity {id: id})
WITH DISTINCT al
ORDER BY al.key
RETURN al.key AS key, COLLECT {
  MATCH (al)-[r:ALIAS_OF]->(e:Entity)
  WHERE e.id IN $entityIds
  RETURN {entityId: e.id, strong: r.strong} ORDER BY e.id
} AS targets
