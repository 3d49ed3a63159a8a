// A page of name-index entries (Alias nodes) for a CSV export: the next $limit in key order after $after (keyset over the alias_key constraint's index), each with its ALIAS_OF targets among the exported entities (of $types, mentioned since $since, when given; only entries with such a target).
// (coalesce keeps the planner from seeking the publishedAt index once per entity: the check expands the entity's own mentions.)
MATCH (al:Alias)
WHERE al.key > $after
  AND EXISTS { (al)-[:ALIAS_OF]->(e:Entity) WHERE ($types IS NULL OR e.type IN $types)
    AND ($since IS NULL OR EXISTS { (e)<-[:MENTIONS]-(a:Article) WHERE coalesce(a.publishedAt, '') >= $since }) }
WITH al
ORDER BY al.key
LIMIT $limit
RETURN al.key AS key, COLLECT {
  MATCH (al)-[r:ALIAS_OF]->(e:Entity)
  WHERE ($types IS NULL OR e.type IN $types)
    AND ($since IS NULL OR EXISTS { (e)<-[:MENTIONS]-(a:Article) WHERE coalesce(a.publishedAt, '') >= $since })
  RETURN {entityId: e.id, strong: r.strong} ORDER BY e.id
} AS targets
