// Which indexes and constraints exist? (diagnostics: did the migration run)
SHOW INDEXES YIELD name
RETURN name
