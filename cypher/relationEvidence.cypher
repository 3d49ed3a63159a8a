// The evidence behind aggregated relations (type, subject, object): each asserting article's sentence, span and confidence, most confident first, with the article's header.
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
                 confidence: r.confidence, time: r.time, quote: r.quote})[0..$first] AS ev
UNWIND ev AS e
OPTIONAL MATCH (a:Article {id: e.articleId})
WITH k, collect(e {.*, article: a {.id, .title, .url, .source, .publishedAt}}) AS items
RETURN k.key AS key, items
