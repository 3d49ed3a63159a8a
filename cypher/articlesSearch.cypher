// Articles filtered by source, publication window and mentioned entities, newest first; paginated. (Full-text search is articlesFulltext.)
MATCH (a:Article)
WHERE ($source IS NULL OR a.source = $source)
  AND ($after IS NULL OR a.publishedAt >= $after)
  AND ($before IS NULL OR a.publishedAt < $before)
  AND ($mentions IS NULL OR all(m IN $mentions WHERE EXISTS { (a)-[:MENTIONS]->(:Entity {id: m}) }))
WITH a ORDER BY a.publishedAt DESC, a.id
WITH collect(a.id) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
