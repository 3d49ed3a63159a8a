// Relations of many entities at once, aggregated over articles: one row per (entity, type, direction, other end), most attested first, at most $first per entity, with the other end's header.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[r:LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN]->(x)
  WHERE ($type IS NULL OR type(r) = $type) AND $direction IN ['OUT', 'BOTH']
  RETURN type(r) AS type, e.id AS subjectId, x.id AS objectId, x:Article AS objectIsArticle, x AS other, r
  UNION ALL
  MATCH (e)<-[r:LEADS|CAPTURED|SUPPORTED_BY]-(x:Entity)
  WHERE ($type IS NULL OR type(r) = $type) AND $direction IN ['IN', 'BOTH']
  RETURN type(r) AS type, x.id AS subjectId, e.id AS objectId, false AS objectIsArticle, x AS other, r
}
WITH id, type, subjectId, objectId, objectIsArticle, other,
     CASE WHEN type = 'QUOTED_IN' THEN 1 ELSE count(DISTINCT r.articleId) END AS articleCount,
     min(r.publishedAt) AS firstSeen, max(r.publishedAt) AS lastSeen,
     [t IN collect(r.time) WHERE t IS NOT NULL][0] AS time
WITH id, type, subjectId, objectId, objectIsArticle, articleCount, firstSeen, lastSeen, time,
     CASE WHEN objectIsArticle THEN other {.id, .title, .url, .source, .publishedAt}
          ELSE other {.id, .name, .type, .aliases, articleCount: coalesce(other.mentionCount, COUNT { (other)<-[:MENTIONS]-() })} END AS header
ORDER BY id, articleCount DESC, type, objectId
WITH id, collect({type: type, subjectId: subjectId, objectId: objectId, objectIsArticle: objectIsArticle,
                  articleCount: articleCount, firstSeen: firstSeen, lastSeen: lastSeen, time: time, header: header}) AS rels
RETURN id, size(rels) AS total, rels[0..$first] AS items
