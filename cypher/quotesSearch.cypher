// Quotes, optionally by speaker ids (anchored on them) and/or words in the quote (full-text), best match then newest first; paginated.
CALL () {
  WITH $search AS search, $speakers AS sids WHERE search IS NULL AND sids IS NOT NULL
  UNWIND sids AS sid
  MATCH (s:Entity {id: sid})-[q:QUOTED_IN]->(a:Article)
  RETURN s, q, a, 0.0 AS score
  UNION ALL
  WITH $search AS search, $speakers AS sids WHERE search IS NULL AND sids IS NULL
  MATCH (s:Entity)-[q:QUOTED_IN]->(a:Article)
  RETURN s, q, a, 0.0 AS score
  UNION ALL
  WITH $search AS search WHERE search IS NOT NULL
  CALL db.index.fulltext.queryRelationships('quote_text', search) YIELD relationship AS q, score
  MATCH (s:Entity)-[q]->(a:Article)
  WHERE $speakers IS NULL OR s.id IN $speakers
  RETURN s, q, a, score
}
WITH s, q, a, score ORDER BY score DESC, a.publishedAt DESC, a.id, q.start
WITH collect({id: q.id, text: q.quote, speakerId: s.id, articleId: a.id, start: q.start, end: q.end,
              confidence: q.confidence, sentence: q.sentence}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
