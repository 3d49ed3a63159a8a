// Which of these article ids are stored already, and with which content hash? (decides new / changed / unchanged before any extraction)
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.contentHash AS contentHash
