// An alias added back: drop the rules that removed it from the entity.
MATCH (r:CurationRule {key: $key})
WHERE r.kind = 'unalias' AND r.entityId = $id
DETACH DELETE r
RETURN count(*) AS dropped
