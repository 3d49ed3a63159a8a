// The quotes of the speakers in $ids (one page of an export), in speaker and quote-id order, only from articles published since $since when given.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[q:QUOTED_IN]->(a:Article)
WHERE $since IS NULL OR q.publishedAt >= $since
WITH s.id AS speaker, a.id AS articleId, q
ORDER BY speaker, q.id
RETURN speaker, articleId, q.id AS id, q.quote AS quote, q.sentence AS sentence, q.start AS start, q.end AS end,
       q.confidence AS confidence, q.publishedAt AS publishedAt, q.extractor AS extractor
