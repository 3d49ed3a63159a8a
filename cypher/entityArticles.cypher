// Articles that mention each of many entities (DataLoader batch), newest first, with mention counts and article headers; paginated per entity (a top-k sort of each entity's articles; the total from the relationship count). With $withMentions, each article of the page also brings the entities it mentions (optionally of type $mentionType, most mentioned first, with entity headers, as articleMentions gives them), so articles → entities costs no second statement. With $withEntity, each row also brings the entity's own header (as entitiesByIds gives it), so entity(id:) → articles is one statement.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-(a:Article)
  WITH a, m ORDER BY a.publishedAt DESC, a.id SKIP $offset LIMIT $limit
  RETURN collect(a {articleId: a.id, mentions: m.count, article: a {.id, .title, .url, .source, .publishedAt},
    entities: CASE WHEN $withMentions THEN COLLECT {
      MATCH (a)-[mm:MENTIONS]->(me:Entity)
      WHERE $mentionType IS NULL OR me.type = $mentionType
      WITH mm, me ORDER BY mm.count DESC, me.name
      RETURN {entityId: me.id, mentions: mm.count, names: mm.names,
              entity: me {.id, .name, .type, .aliases, articleCount: coalesce(me.mentionCount, COUNT { (me)<-[:MENTIONS]-() })}}
    } END}) AS items
}
RETURN id, COUNT { (e)<-[:MENTIONS]-() } AS total, items,
       CASE WHEN $withEntity THEN e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })} END AS entity
