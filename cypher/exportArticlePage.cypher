// A page of articles for an export: the next $limit in id order after $after (keyset over the article_id constraint's index, never SKIP), only published since $since when given; the text and the mentions (of entities of $types only) when asked for.
MATCH (a:Article)
WHERE a.id > $after AND ($since IS NULL OR a.publishedAt >= $since)
WITH a
ORDER BY a.id
LIMIT $limit
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.publishedAt AS publishedAt,
       CASE WHEN $withText THEN a.text END AS text, a.contentHash AS contentHash, a.extractor AS extractor, a.ingestedAt AS ingestedAt,
       CASE WHEN $withMentions THEN COLLECT {
         MATCH (a)-[m:MENTIONS]->(e:Entity)
         WHERE $types IS NULL OR e.type IN $types
         RETURN m {entityId: e.id, .count, .spans, .names} ORDER BY e.id
       } END AS mentions
