// Migration: give every entity without an aliases list one (an empty list): `neo4j-admin database import` cannot store an empty list, so entities seeded from `kg export --format csv` that had no aliases arrive without the property; ingest appends to the list. A label scan, writing only where the list is missing.
MATCH (e:Entity) WHERE e.aliases IS NULL
CALL (e) {
  SET e.aliases = []
} IN TRANSACTIONS OF 5000 ROWS
RETURN count(e) AS backfilled
