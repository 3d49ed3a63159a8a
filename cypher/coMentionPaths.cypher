// When no relation path links two entities: shortest chains through articles that mention both ends of each hop, up to $maxHops entity hops.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:MENTIONS*..8]-(b))
WHERE length(p) <= 2 * $maxHops
RETURN [n IN nodes(p) WHERE n:Entity | n.id] AS nodeIds, [n IN nodes(p) WHERE n:Article | n.id] AS articleIds
LIMIT 1
