// How big is the graph? Articles, entities, and relations of the four kinds (each counted once per article that asserts it).
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH ()-[r:LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN]->() RETURN count(r) AS relations }
RETURN articles, entities, relations
