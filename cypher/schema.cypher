// Constraints, indexes and full-text indexes the service relies on; idempotent, applied at start-up and before tests.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (a:Alias) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;
CREATE INDEX article_change_version IF NOT EXISTS FOR (c:ArticleChange) ON (c.version);
CREATE INDEX article_change_committed IF NOT EXISTS FOR (c:ArticleChange) ON (c.committedAt);
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt);
CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source);
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX entity_mention_count IF NOT EXISTS FOR (e:Entity) ON (e.mentionCount);
CREATE INDEX leads_article IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.articleId);
CREATE INDEX captured_article IF NOT EXISTS FOR ()-[r:CAPTURED]-() ON (r.articleId);
CREATE INDEX supported_by_article IF NOT EXISTS FOR ()-[r:SUPPORTED_BY]-() ON (r.articleId);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases];
CREATE FULLTEXT INDEX article_text IF NOT EXISTS FOR (a:Article) ON EACH [a.title, a.text];
CREATE FULLTEXT INDEX quote_text IF NOT EXISTS FOR ()-[r:QUOTED_IN]-() ON EACH [r.quote];
CALL db.awaitIndexes(300);
