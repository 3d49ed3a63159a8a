// Start a curation action: take the next sequence number (serialising curation writes) and record who, when, what; its rules and changes are added by the same transaction.
MERGE (s:CurationSeq {id: 'seq'})
  ON CREATE SET s.value = 0
SET s.value = s.value + 1
CREATE (c:CurationAction {id: $id, seq: s.value, at: datetime(), by: $by, kind: $kind, summary: $summary, detail: $detail, undone: false})
RETURN c.seq AS seq
