// Mark a curation action undone (once) and delete its rules; returns the action as it was, or nothing when it does not exist.
MATCH (c:CurationAction {id: $id})
WITH c, c.undone AS wasUndone
CALL (c, wasUndone) {
  WITH c WHERE NOT wasUndone
  MATCH (r:CurationRule {actionId: c.id})
  DETACH DELETE r
}
SET c.undone = true, c.undoneAt = coalesce(c.undoneAt, datetime()), c.undoneBy = coalesce(c.undoneBy, $by)
RETURN c.id AS id, c.kind AS kind, c.detail AS detail, wasUndone
