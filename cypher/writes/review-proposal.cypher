// Records a reviewer's decision on a pending proposal (accepted: in the transaction of the write that applies it, with
// the change set's id). No row when the proposal is not pending (or there is none): the caller fails the transaction.
MATCH (p:Proposal {id: $id})
  WHERE p.status = 'pending'
SET p.status = $status, p.reviewer = $reviewer, p.reviewComment = $reviewComment, p.reviewedAt = $reviewedAt,
  p.changeSetId = $changeSetId
RETURN p.id AS id
