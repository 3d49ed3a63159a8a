// Migration: give every entity without a mentionCount (graphs ingested before it existed) its number of mentioning articles, in batches; auto-commit only. When none is missing (count store = index count) it reads only the index.
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (e:Entity) WHERE e.mentionCount >= 0 RETURN count(e) AS counted }
WITH entities - counted AS missing WHERE missing > 0
MATCH (e:Entity) WHERE e.mentionCount IS NULL
CALL (e) {
  SET e.mentionCount = COUNT { (e)<-[:MENTIONS]-() }
} IN TRANSACTIONS OF 5000 ROWS
RETURN count(e) AS backfilled
