// Which entities do these articles mention, and their source? (read before deleting them, to find entities left with no mention and to log the deletions)
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN a.id AS id, a.source AS source, collect(e.id) AS mentioned
