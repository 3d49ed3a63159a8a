// When no relation path links two entities: the shortest chain through articles that mention both ends of each hop, up to $maxHops entity hops (filter after the match, see shortestPaths).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:MENTIONS*..8]-(b))
WITH p WHERE length(p) <= 2 * $maxHops
RETURN [n IN nodes(p) WHERE n:Entity | n.id] AS nodeIds, [n IN nodes(p) WHERE n:Article | n.id] AS articleIds
LIMIT 1
