// End this service's transactions tagged $tag (metadata kgTx): a read whose request was cancelled. Auto-commit only.
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.kgTx = $tag
TERMINATE TRANSACTIONS transactionId
YIELD message
RETURN count(*) AS terminated
