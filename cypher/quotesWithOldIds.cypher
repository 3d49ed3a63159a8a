// Migration: up to $limit articles whose quotes still have ids built from their sentence start ("<article>#<start>-<speaker>", before ids came from the quote's own span), with their text and those quotes in text order.
MATCH (a:Article)<-[q:QUOTED_IN]-(:Entity)
WHERE NOT q.id =~ '(?s).*#[0-9]+-[0-9]+'
WITH a, q ORDER BY q.start, q.end, elementId(q)
WITH a, collect({ref: elementId(q), quote: q.quote, start: q.start}) AS quotes
LIMIT $limit
RETURN a.id AS articleId, a.text AS text, quotes
