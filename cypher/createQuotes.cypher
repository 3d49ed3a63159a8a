// Store quotes: (speaker)-[:QUOTED_IN {quote, span, confidence}]->(article); the article's old quotes were cleared first.
UNWIND $quotes AS q
MATCH (s:Entity {id: q.speaker})
MATCH (a:Article {id: q.articleId})
CREATE (s)-[r:QUOTED_IN]->(a)
SET r.id = q.id, r.quote = q.quote, r.sentence = q.sentence, r.start = q.start, r.end = q.end,
    r.confidence = q.confidence, r.publishedAt = q.publishedAt, r.extractor = q.extractor
RETURN count(r) AS quotes
