// Benchmark only: empty the bench database in batches (auto-commit session). Never run on the default or test instance.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
