// Point earlier redirect and split rules whose target was merged away at the entity that absorbed it; returns what changed so an undo can restore it.
UNWIND $from AS fid
MATCH (r:CurationRule {target: fid})
SET r.target = $into
RETURN r.id AS id, fid AS previous
