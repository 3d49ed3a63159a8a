// Benchmark only: extraction coverage per corpus source (the article id's prefix: fnc1, bbc, reuters): relations and quotes per article.
MATCH (a:Article)
WITH a, split(a.id, '-')[0] AS source
CALL (a) { OPTIONAL MATCH ()-[r:LEADS|CAPTURED|SUPPORTED_BY]->() WHERE r.articleId = a.id RETURN count(r) AS relations }
CALL (a) { OPTIONAL MATCH ()-[q:QUOTED_IN]->(a) RETURN count(q) AS quotes }
RETURN source, count(a) AS articles, sum(relations) AS relations, sum(quotes) AS quotes
ORDER BY source
