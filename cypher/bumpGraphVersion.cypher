// The last statement of every write transaction (Db.writeTx runs it): a new stamp on the one GraphVersion node, committed with the change, so servers (in any process) know their cached answers are stale. Taken last, after every other lock of the transaction, so two writers cannot deadlock on it.
MERGE (v:GraphVersion {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1, v.stamp = randomUUID(), v.changedAt = datetime()
RETURN v.stamp AS stamp, v.version AS version
