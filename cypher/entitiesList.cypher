// Entities without a search, optionally of one type, most mentioned first; paginated.
MATCH (e:Entity)
WHERE $type IS NULL OR e.type = $type
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS n ORDER BY n DESC, e.id
WITH collect(e.id) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
