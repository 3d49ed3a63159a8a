// Store curation rules (redirect, split, canonical, unalias, reject) of one action, each stamped with the action's id and sequence number.
UNWIND $rules AS rule
CREATE (r:CurationRule {id: randomUUID()})
SET r += rule, r.actionId = $actionId, r.seq = $seq
RETURN count(r) AS added
