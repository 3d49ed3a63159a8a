// Article headers by id, without the text (DataLoader batch; the text is loaded only when asked for, see articleTexts).
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.publishedAt AS publishedAt
