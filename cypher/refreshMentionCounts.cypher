// Set each given entity's mentionCount to how many articles mention it now (locking it first, so concurrent writers cannot lose a count); ids of deleted entities are skipped.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.mentionCount = e.mentionCount
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS n
WHERE e.mentionCount IS NULL OR e.mentionCount <> n
SET e.mentionCount = n
RETURN count(e) AS changed
