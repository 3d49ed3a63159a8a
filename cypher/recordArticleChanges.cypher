// The change log (run by Db.writeTx right after bumpGraphVersion, whose lock it holds, when the transaction noted article changes): one ArticleChange per article at this graph version, so other servers learn which articles changed since their last version by an index seek; entries older than a day are pruned a few at a time.
MATCH (v:GraphVersion {id: 'graph'})
WITH v, toString(datetime.realtime()) AS committedAt
FOREACH (c IN $changes |
  CREATE (:ArticleChange {version: v.version, committedAt: committedAt, articleId: c.articleId, kind: c.kind, source: c.source,
                          entityIds: c.entityIds, entities: c.entities, relations: c.relations, quotes: c.quotes}))
WITH v, committedAt
CALL (v) {
  MATCH (old:ArticleChange)
  WHERE old.version < v.version AND old.committedAt < toString(datetime.realtime() - duration({hours: 24}))
  WITH old LIMIT 200
  DELETE old
}
RETURN v.version AS version, committedAt
