// Relations of many (entity, filter) requests at once, aggregated over articles: per request {key, id, keys, named, type, direction, first} (the entity by id, or by name as entityIdsByAlias resolves it when keys are given), one row per (type, direction, other end), most attested first, at most first, with the other end's header, the entity's header when named, and, when $evidenceFirst > 0, each relation's top evidence (as relationEvidence gives it) with article headers.
UNWIND $requests AS q
CALL (q) {
  MATCH (e:Entity {id: q.id})
  RETURN e, 0 AS rank
  UNION
  MATCH (al:Alias)-[:ALIAS_OF]->(e:Entity)
  WHERE al.key IN q.keys
  RETURN e, 1 AS rank
}
WITH q, e, min(rank) AS rank
ORDER BY rank, coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() }) DESC, e.id
WITH q, collect(e)[0] AS e
WITH q, e, e.id AS eid
CALL (e, eid, q) {
  CALL (e, eid, q) {
    MATCH (e)-[r:LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN]->(x)
    WHERE (q.type IS NULL OR type(r) = q.type) AND q.direction IN ['OUT', 'BOTH']
    RETURN type(r) AS type, eid AS subjectId, x.id AS objectId, x:Article AS objectIsArticle, x AS other, r
    UNION ALL
    MATCH (e)<-[r:LEADS|CAPTURED|SUPPORTED_BY]-(x:Entity)
    WHERE (q.type IS NULL OR type(r) = q.type) AND q.direction IN ['IN', 'BOTH']
    RETURN type(r) AS type, x.id AS subjectId, eid AS objectId, false AS objectIsArticle, x AS other, r
  }
  WITH type, subjectId, objectId, objectIsArticle, other,
       CASE WHEN type = 'QUOTED_IN' THEN 1 ELSE count(DISTINCT r.articleId) END AS articleCount,
       min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
       [t IN collect(r.time) WHERE t IS NOT NULL][0] AS time,
       CASE WHEN $evidenceFirst > 0 THEN collect(DISTINCT r) ELSE [] END AS rs
  WITH type, subjectId, objectId, objectIsArticle, articleCount, firstSeen, lastSeen, time, rs,
       CASE WHEN objectIsArticle THEN other {.id, .title, .url, .source, .publishedAt}
            ELSE other {.id, .name, .type, .aliases, articleCount: coalesce(other.mentionCount, COUNT { (other)<-[:MENTIONS]-() })} END AS header
  ORDER BY articleCount DESC, type, objectId
  RETURN collect({type: type, subjectId: subjectId, objectId: objectId, objectIsArticle: objectIsArticle,
                  articleCount: articleCount, firstSeen: firstSeen, lastSeen: lastSeen, time: time, header: header, rs: rs}) AS rels
}
RETURN q.key AS id, size(rels) AS total,
       CASE WHEN q.named THEN e {.id, .name, .type, .aliases, articleCount: coalesce(e.mentionCount, COUNT { (e)<-[:MENTIONS]-() })} END AS entity,
       [item IN rels[0..q.first] | item {.type, .subjectId, .objectId, .objectIsArticle, .articleCount, .firstSeen, .lastSeen, .time, .header,
         evidence: CASE WHEN $evidenceFirst > 0 THEN COLLECT {
           UNWIND item.rs AS r
           WITH r, coalesce(r.articleId, item.objectId) AS articleId
           ORDER BY r.confidence DESC, r.publishedAt, articleId LIMIT $evidenceFirst
           OPTIONAL MATCH (a:Article {id: articleId})
           RETURN {articleId: articleId, sentence: r.sentence, start: r.start, end: r.end, confidence: r.confidence, time: r.time, quote: r.quote,
                   article: a {.id, .title, .url, .source, .publishedAt}}
         } END}] AS items
