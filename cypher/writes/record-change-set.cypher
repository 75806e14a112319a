// Records a steward's change set in the write's transaction: who, when, why; concepts = the URIs it touched (what
// reads/change-sets filters on); changes = the field changes as JSON text ([{concept, field, before, after}, …]);
// reviewer = who accepted it when it was a proposal (null otherwise).
CREATE (cs:ChangeSet {
  id: $id, author: $author, comment: $comment, createdAt: $createdAt, reverts: $reverts, reviewer: $reviewer,
  concepts: $concepts, changes: $changes
})
RETURN cs.id AS id
