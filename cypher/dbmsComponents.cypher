// Which Neo4j answers? Version and edition (for diagnostics and tests).
CALL dbms.components() YIELD versions, edition
RETURN versions[0] AS version, edition
