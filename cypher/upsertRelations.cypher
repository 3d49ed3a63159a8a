// Store LEADS / CAPTURED / SUPPORTED_BY assertions: one relationship per subject, type, object and article, carrying its evidence.
UNWIND $relations AS rel
MATCH (s:Entity {id: rel.subject})
MATCH (o:Entity {id: rel.object})
MERGE (s)-[r:$(rel.type) {articleId: rel.articleId}]->(o)
SET r.sentence = rel.sentence, r.start = rel.start, r.end = rel.end, r.confidence = rel.confidence,
    r.time = rel.time, r.publishedAt = rel.publishedAt, r.extractor = rel.extractor
RETURN count(r) AS relations
