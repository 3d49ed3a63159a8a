// Finish a curation action's audit record: what it did, in words and as JSON.
MATCH (c:CurationAction {id: $id})
SET c.summary = $summary, c.detail = $detail
RETURN c.id AS id
