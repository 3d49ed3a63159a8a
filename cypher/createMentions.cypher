// Record which entities each article mentions, how often, where (flattened [start, end, …] spans) and under which names. The article's old mentions were cleared in the same transaction.
UNWIND $mentions AS m
MATCH (a:Article {id: m.articleId})
MATCH (e:Entity {id: m.entityId})
CREATE (a)-[r:MENTIONS]->(e)
SET r.count = m.count, r.spans = m.spans, r.names = m.names
RETURN count(r) AS mentions
