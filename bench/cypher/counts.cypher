// Benchmark only: size of the graph (count store lookups, cheap).
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH ()-[r:LEADS|CAPTURED|SUPPORTED_BY]->() RETURN count(r) AS relations }
CALL () { MATCH ()-[q:QUOTED_IN]->() RETURN count(q) AS quotes }
CALL () { MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions }
RETURN articles, entities, relations, quotes, mentions
