// Articles that mention each of many entities (DataLoader batch), newest first, with mention counts and article headers; paginated per entity.
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[m:MENTIONS]-(a:Article)
WITH id, a, m ORDER BY a.publishedAt DESC, a.id
WITH id, collect({articleId: a.id, mentions: m.count, article: a {.id, .title, .url, .source, .publishedAt}}) AS found
RETURN id, size(found) AS total, found[$offset..$offset + $limit] AS items
