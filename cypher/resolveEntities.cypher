// For each extracted entity: does a node with its id exist, and which nodes do its strong aliases point to? (cross-article resolution)
UNWIND $candidates AS c
OPTIONAL MATCH (byId:Entity {id: c.id})
CALL (c) {
  OPTIONAL MATCH (al:Alias)-[:ALIAS_OF {strong: true}]->(x:Entity)
  WHERE al.key IN c.aliasKeys
  RETURN collect(DISTINCT x.id) AS viaAlias
}
RETURN c.ref AS ref, byId.id AS existing, viaAlias
