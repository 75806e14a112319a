// Stores a steward's proposal, pending: who, when, why, and the batch of curation commands as JSON text
// ([{op, ref?, input}, …]). The constraint proposal_id refuses an id stored already.
CREATE (p:Proposal {
  id: $id, author: $author, comment: $comment, createdAt: $createdAt, changes: $changes, status: 'pending'
})
RETURN p.id AS id
