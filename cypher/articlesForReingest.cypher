// Stored articles as ingest input (text and metadata), to re-resolve them under changed curation rules.
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.text AS text, a.url AS url, a.source AS source, a.publishedAt AS publishedAt
