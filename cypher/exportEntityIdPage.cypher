// The ids of a page of entities for an export's second pass (GraphML writes the relations after every node): the same keyset page as exportEntityPage, ids only.
MATCH (e:Entity)
WHERE e.id > $after
  AND ($types IS NULL OR e.type IN $types)
  AND ($since IS NULL OR EXISTS { (e)<-[:MENTIONS]-(a:Article) WHERE coalesce(a.publishedAt, '') >= $since })
WITH e
ORDER BY e.id
LIMIT $limit
RETURN e.id AS id
