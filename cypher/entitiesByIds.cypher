// Entities by id, with how many articles mention them (DataLoader batch).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) AS articleCount
