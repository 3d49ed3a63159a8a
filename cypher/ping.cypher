// Does the database answer at all? (readiness probe)
RETURN 1 AS ok
