// Relations across articles, filtered by type, subject ids and/or object ids (each branch starts from an indexed end), aggregated per (type, subject, object), most attested first; paginated, with subject and object headers.
CALL () {
  WITH $objects AS oids WHERE oids IS NOT NULL
  UNWIND oids AS oid
  MATCH (o:Entity {id: oid})<-[r:LEADS|CAPTURED|SUPPORTED_BY]-(s:Entity)
  WHERE $subjects IS NULL OR s.id IN $subjects
  RETURN s, r, o
  UNION ALL
  WITH $objects AS oids, $subjects AS sids WHERE oids IS NULL AND sids IS NOT NULL
  UNWIND sids AS sid
  MATCH (s:Entity {id: sid})-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  RETURN s, r, o
  UNION ALL
  WITH $objects AS oids, $subjects AS sids WHERE oids IS NULL AND sids IS NULL
  MATCH (s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  RETURN s, r, o
}
WITH s, r, o WHERE $type IS NULL OR type(r) = $type
WITH type(r) AS type, s, o,
     count(DISTINCT r.articleId) AS articleCount, min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
     [t IN collect(r.time) WHERE t IS NOT NULL][0] AS time
WHERE articleCount >= $minArticles
ORDER BY articleCount DESC, type, s.id, o.id
WITH collect({type: type, subjectId: s.id, objectId: o.id, objectIsArticle: false, articleCount: articleCount,
              firstSeen: firstSeen, lastSeen: lastSeen, time: time, s: s, o: o}) AS found
RETURN size(found) AS total,
       [item IN found[$offset..$offset + $limit] | item {.type, .subjectId, .objectId, .objectIsArticle, .articleCount, .firstSeen, .lastSeen, .time,
         entities: [x IN [item.s, item.o] | x {.id, .name, .type, .aliases, articleCount: coalesce(x.mentionCount, COUNT { (x)<-[:MENTIONS]-() })}]}] AS items
