// One breadth-first step of a path search (src/store/path-search.ts): the entities linked to $ids by LEADS / CAPTURED / SUPPORTED_BY in either direction and not in $seen, each (entity, neighbour) pair once however many articles assert it.
UNWIND $ids AS id
MATCH (x:Entity {id: id})-[:LEADS|CAPTURED|SUPPORTED_BY]-(y:Entity)
WHERE NOT y.id IN $seen
RETURN DISTINCT x.id AS from, y.id AS to
