// Curation actions, newest first; paginated.
MATCH (c:CurationAction)
WITH c ORDER BY c.seq DESC
WITH collect(c) AS actions
RETURN size(actions) AS total, [c IN actions[$offset..$offset + $limit] | c {.id, .seq, at: toString(c.at), .by, .kind, .summary, .detail, .undone, undoneAt: toString(c.undoneAt), .undoneBy}] AS items
