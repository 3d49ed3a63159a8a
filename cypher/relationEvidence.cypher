// The evidence behind aggregated relations (type, subject, object): each asserting article's sentence, span and confidence, most confident first.
UNWIND $keys AS k
MATCH (s:Entity {id: k.subjectId})
OPTIONAL MATCH (oe:Entity {id: k.objectId})
OPTIONAL MATCH (oa:Article {id: k.objectId})
WITH k, s, coalesce(oe, oa) AS o
MATCH (s)-[r]->(o)
WHERE type(r) = k.type
WITH k, r, coalesce(r.articleId, o.id) AS articleId
ORDER BY r.confidence DESC, r.publishedAt, articleId
WITH k, collect({articleId: articleId, sentence: r.sentence, start: r.start, end: r.end,
                 confidence: r.confidence, time: r.time, quote: r.quote}) AS ev
RETURN k.key AS key, ev[0..$first] AS items
