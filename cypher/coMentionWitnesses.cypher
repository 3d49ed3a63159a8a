// For each entity pair [a, b] of $pairs, one article mentioning both (the newest, then by id): the proof of a co-mention path step.
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair[0]})<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(y:Entity {id: pair[1]})
WITH pair, art ORDER BY art.publishedAt DESC, art.id
WITH pair, collect(art.id)[0] AS articleId
RETURN pair[0] AS a, pair[1] AS b, articleId
