// Create or update a batch of articles (taking each article's write lock first, so two ingesters of one article serialise) and return the entities each mentioned before.
UNWIND $articles AS art
MERGE (a:Article {id: art.id})
SET a += art.props, a.ingestedAt = datetime()
WITH a
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN a.id AS id, collect(e.id) AS previous
