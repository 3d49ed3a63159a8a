// Store LEADS / CAPTURED / SUPPORTED_BY assertions with their evidence: one relationship per subject, type, object and article (deduplicated before; the article's old ones were cleared in the same transaction).
UNWIND $relations AS rel
MATCH (s:Entity {id: rel.subject})
MATCH (o:Entity {id: rel.object})
CREATE (s)-[r:$(rel.type)]->(o)
SET r.articleId = rel.articleId, r.sentence = rel.sentence, r.start = rel.start, r.end = rel.end, r.confidence = rel.confidence,
    r.time = rel.time, r.publishedAt = rel.publishedAt, r.extractor = rel.extractor
RETURN count(r) AS relations
