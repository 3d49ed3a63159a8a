// Delete articles whose contributions were already cleared; returns how many existed.
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a
RETURN count(*) AS deleted
