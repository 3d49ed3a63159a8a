// The entities many articles mention (DataLoader batch), optionally of one type, most mentioned first, with entity headers.
UNWIND $ids AS id
MATCH (a:Article {id: id})-[m:MENTIONS]->(e:Entity)
WHERE $type IS NULL OR e.type = $type
WITH id, e, m ORDER BY m.count DESC, e.name
WITH id, collect({entityId: e.id, mentions: m.count, names: m.names, entity: e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })}}) AS found
RETURN id, size(found) AS total, found AS items
