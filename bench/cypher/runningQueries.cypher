// Benchmark only: queries still running in Neo4j whose text contains $like (to see whether an answered request left work behind).
SHOW TRANSACTIONS YIELD transactionId, currentQuery, elapsedTime, status
WHERE currentQuery CONTAINS $like
RETURN transactionId, status, elapsedTime.milliseconds AS ms
