// Quotes of many speakers at once (DataLoader batch), newest articles first, at most $first each.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[q:QUOTED_IN]->(a:Article)
WITH id, s, q, a ORDER BY a.publishedAt DESC, a.id, q.start
WITH id, collect({id: q.id, text: q.quote, speakerId: s.id, articleId: a.id, start: q.start, end: q.end,
                  confidence: q.confidence, sentence: q.sentence}) AS found
RETURN id, size(found) AS total, found[0..$first] AS items
