// The relation keys (type, subject, object) linking each entity pair [a, b] of $pairs in either direction, for the hops of a path.
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair[0]})-[r:LEADS|CAPTURED|SUPPORTED_BY]-(y:Entity {id: pair[1]})
WITH DISTINCT pair[0] AS a, pair[1] AS b, type(r) AS type, startNode(r).id AS subjectId, endNode(r).id AS objectId
RETURN a, b, type, subjectId, objectId
ORDER BY a, b, type, subjectId
