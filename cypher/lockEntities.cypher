// Take the write locks of the entities $ids in id order (two writers locking overlapping sets cannot deadlock), and return those that still exist once locked: one deleted or merged away meanwhile is absent.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e ORDER BY e.id
SET e.lockedBy = $tag
REMOVE e.lockedBy
RETURN e.id AS id
