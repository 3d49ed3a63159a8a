// The evidence for one side of a suggested pair: its most recent mentioning articles with the sentence-level names it goes by there.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (a:Article)-[m:MENTIONS]->(e)
  WITH a, m ORDER BY a.publishedAt DESC, a.id
  LIMIT $limit
  RETURN collect({articleId: a.id, title: a.title, names: m.names, snippet: substring(a.text, CASE WHEN m.spans[0] > 80 THEN m.spans[0] - 80 ELSE 0 END, 200)}) AS articles
}
RETURN e.id AS id, articles
