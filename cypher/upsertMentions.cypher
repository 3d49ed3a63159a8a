// Record which entities each article mentions, how often, where (flattened [start, end, …] spans) and under which names.
UNWIND $mentions AS m
MATCH (a:Article {id: m.articleId})
MATCH (e:Entity {id: m.entityId})
MERGE (a)-[r:MENTIONS]->(e)
SET r.count = m.count, r.spans = m.spans, r.names = m.names
RETURN count(r) AS mentions
