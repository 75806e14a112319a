// One change set by id (no row when there is none).
MATCH (cs:ChangeSet {id: $id})
RETURN cs
