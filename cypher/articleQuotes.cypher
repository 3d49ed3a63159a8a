// Quotes in many articles at once (DataLoader batch), in text order.
UNWIND $ids AS id
MATCH (a:Article {id: id})<-[q:QUOTED_IN]-(s:Entity)
WITH id, s, q, a ORDER BY q.start
WITH id, collect({id: q.id, text: q.quote, speakerId: s.id, articleId: a.id, start: q.start, end: q.end,
                  confidence: q.confidence, sentence: q.sentence}) AS found
RETURN id, size(found) AS total, found AS items
