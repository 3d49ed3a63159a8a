// Curation actions by id.
UNWIND $ids AS id
MATCH (c:CurationAction {id: id})
RETURN c {.id, .seq, at: toString(c.at), .by, .kind, .summary, .detail, .undone, undoneAt: toString(c.undoneAt), .undoneBy} AS action
