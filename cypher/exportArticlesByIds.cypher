// The articles of one chunk of a neighbourhood export, by id, in id order; the text when asked for, and the mentions of the neighbourhood's entities ($entityIds) when asked for.
UNWIND $ids AS id
MATCH (a:Article {id: id})
WITH a
ORDER BY a.id
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.publishedAt AS publishedAt,
       CASE WHEN $withText THEN a.text END AS text, a.contentHash AS contentHash, a.extractor AS extractor, a.ingestedAt AS ingestedAt,
       CASE WHEN $withMentions THEN COLLECT {
         MATCH (a)-[m:MENTIONS]->(e:Entity)
         WHERE e.id IN $entityIds
         RETURN m {entityId: e.id, .count, .spans, .names} ORDER BY e.id
       } END AS mentions
