// Articles by id (DataLoader batch: one statement for all parents).
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.publishedAt AS publishedAt, a.text AS text
