// The curated canonical name and type of entities (merge targets, renames, split-offs), the latest action's; entities without one are absent.
UNWIND $ids AS id
MATCH (r:CurationRule {entityId: id})
WHERE r.kind = 'canonical'
WITH id, r ORDER BY r.seq DESC
WITH id, collect(r)[0] AS r
RETURN id, r.name AS name, r.type AS type
