// Migration: give quotes new ids ($ids: [{ref: elementId of the QUOTED_IN relationship, id}]).
UNWIND $ids AS u
MATCH ()-[q:QUOTED_IN]->()
WHERE elementId(q) = u.ref
SET q.id = u.id
RETURN count(q) AS updated
