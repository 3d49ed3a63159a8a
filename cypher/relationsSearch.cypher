// Relations across articles, filtered by type and by subject and/or object given as an entity id or a name/alias key list (each resolved here to one entity by the rule of entityIdsByRefs: the exact id, else the most mentioned entity with that name or alias) (each branch starts from an indexed end), aggregated per (type, subject, object), most attested first; paginated, with subject and object headers and, when $evidenceFirst > 0, each relation's top evidence with article headers.
WITH CASE WHEN $subjectRef IS NULL THEN null ELSE COLLECT {
       CALL () {
         MATCH (e:Entity {id: $subjectRef}) RETURN e, 0 AS rank
         UNION
         MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity) WHERE al.key IN $subjectKeys RETURN e, 1 AS rank }
       WITH e, min(rank) AS rank
       RETURN e.id AS id ORDER BY rank, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) DESC, e.id LIMIT 1 } END AS subjects,
     CASE WHEN $objectRef IS NULL THEN null ELSE COLLECT {
       CALL () {
         MATCH (e:Entity {id: $objectRef}) RETURN e, 0 AS rank
         UNION
         MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity) WHERE al.key IN $objectKeys RETURN e, 1 AS rank }
       WITH e, min(rank) AS rank
       RETURN e.id AS id ORDER BY rank, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) DESC, e.id LIMIT 1 } END AS objects
CALL (subjects, objects) {
  WITH objects AS oids WHERE oids IS NOT NULL
  UNWIND oids AS oid
  MATCH (o:Entity {id: oid})<-[r:LEADS|CAPTURED|SUPPORTED_BY]-(s:Entity)
  WHERE subjects IS NULL OR s.id IN subjects
  RETURN s, r, o
  UNION ALL
  WITH objects AS oids, subjects AS sids WHERE oids IS NULL AND sids IS NOT NULL
  UNWIND sids AS sid
  MATCH (s:Entity {id: sid})-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  RETURN s, r, o
  UNION ALL
  WITH objects AS oids, subjects AS sids WHERE oids IS NULL AND sids IS NULL
  MATCH (s:Entity)-[r:LEADS|CAPTURED|SUPPORTED_BY]->(o:Entity)
  RETURN s, r, o
}
WITH s, r, o WHERE $type IS NULL OR type(r) = $type
WITH type(r) AS type, s, o, collect(r) AS rs,
     count(DISTINCT r.articleId) AS articleCount, min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
     [t IN collect(r.time) WHERE t IS NOT NULL][0] AS time
WHERE articleCount >= $minArticles
ORDER BY articleCount DESC, type, s.id, o.id
WITH collect({type: type, subjectId: s.id, objectId: o.id, objectIsArticle: false, articleCount: articleCount,
              firstSeen: firstSeen, lastSeen: lastSeen, time: time, s: s, o: o, rs: rs}) AS found
RETURN size(found) AS total,
       [item IN found[$offset..$offset + $limit] | item {.type, .subjectId, .objectId, .objectIsArticle, .articleCount, .firstSeen, .lastSeen, .time,
         entities: [x IN [item.s, item.o] | x {.id, .name, .type, .aliases, articleCount: coalesce(x.mentionCount, COUNT { (x)<-[:MENTIONS]-() })}],
         evidence: CASE WHEN $evidenceFirst > 0 THEN COLLECT {
           UNWIND item.rs AS r
           MATCH (a:Article {id: r.articleId})
           WITH r, a ORDER BY r.confidence DESC, r.publishedAt, r.articleId LIMIT $evidenceFirst
           RETURN {articleId: r.articleId, sentence: r.sentence, start: r.start, end: r.end, confidence: r.confidence, time: r.time, quote: null,
                   article: a {.id, .title, .url, .source, .publishedAt}}
         } END}] AS items
