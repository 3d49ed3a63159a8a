// Quotes by id (each with its article id, to start from the indexed article), for node(id).
UNWIND $quotes AS ref
MATCH (a:Article {id: ref.articleId})<-[q:QUOTED_IN]-(s:Entity)
WHERE q.id = ref.id
RETURN q.id AS id, q.quote AS text, s.id AS speakerId, a.id AS articleId, q.start AS start, q.end AS end,
       q.confidence AS confidence, q.sentence AS sentence
