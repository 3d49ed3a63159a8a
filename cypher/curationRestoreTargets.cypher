// Undo a retarget: point the given rules back at their previous targets.
UNWIND $rules AS x
MATCH (r:CurationRule {id: x.id})
SET r.target = x.previous
RETURN count(r) AS restored
