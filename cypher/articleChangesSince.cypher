// The change log after a graph version (index seek on ArticleChange.version), oldest first: every entry of the first $limit commits after $since, which a polling server has not announced yet.
MATCH (c:ArticleChange)
WHERE c.version > $since
WITH DISTINCT c.version AS version
ORDER BY version
LIMIT $limit
MATCH (c:ArticleChange {version: version})
RETURN version, c.committedAt AS committedAt, c.articleId AS articleId, c.kind AS kind, c.source AS source,
       c.entityIds AS entityIds, c.entities AS entities, c.relations AS relations, c.quotes AS quotes
ORDER BY version, articleId
