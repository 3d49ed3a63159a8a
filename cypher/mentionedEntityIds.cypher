// Which entities do these articles mention? (read before deleting them, to find entities left with no mention)
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN a.id AS id, collect(e.id) AS mentioned
