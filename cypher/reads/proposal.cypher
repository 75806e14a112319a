// One proposal by id (no row when there is none).
MATCH (p:Proposal {id: $id})
RETURN p
