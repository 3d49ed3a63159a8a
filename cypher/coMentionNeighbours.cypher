// One breadth-first step of a co-mention path search (src/store/path-search.ts): the entities mentioned in an article with one of $ids and not in $seen, each (entity, neighbour) pair once however many articles mention both.
UNWIND $ids AS id
MATCH (x:Entity {id: id})<-[:MENTIONS]-(:Article)-[:MENTIONS]->(y:Entity)
WHERE NOT y.id IN $seen
RETURN DISTINCT x.id AS from, y.id AS to
