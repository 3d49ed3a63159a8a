// Shortest paths between two entities over LEADS / CAPTURED / SUPPORTED_BY (either direction), every hop backed by evidence; up to $first paths of at most $maxHops. (The length filter sits after the match: inside it, Neo4j falls back to an exhaustive search.)
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:LEADS|CAPTURED|SUPPORTED_BY*..10]-(b))
WITH p WHERE length(p) <= $maxHops
WITH p LIMIT $first
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [r IN relationships(p) | {type: type(r), subjectId: startNode(r).id, objectId: endNode(r).id}] AS rels
