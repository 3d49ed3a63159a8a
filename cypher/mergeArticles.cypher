// Create or update a batch of articles: each article's write lock is taken first (so two ingesters of one article serialise), then what was stored before is read under it: its content hash (null when new) and the entities it mentioned.
UNWIND $articles AS art
MERGE (a:Article {id: art.id})
SET a.ingestedAt = datetime()
WITH a, art, a.contentHash AS before
SET a += art.props
WITH a, before
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN a.id AS id, before, collect(e.id) AS previous
