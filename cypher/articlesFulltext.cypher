// Articles matching words in title or text (full-text index), with the same filters as articlesSearch, best match first; paginated.
CALL db.index.fulltext.queryNodes('article_text', $search) YIELD node AS a, score
WHERE ($source IS NULL OR a.source = $source)
  AND ($after IS NULL OR a.publishedAt >= $after)
  AND ($before IS NULL OR a.publishedAt < $before)
  AND ($mentions IS NULL OR all(m IN $mentions WHERE EXISTS { (a)-[:MENTIONS]->(:Entity {id: m}) }))
WITH a, score ORDER BY score DESC, a.id
WITH collect(a.id) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
