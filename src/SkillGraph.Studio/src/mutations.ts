// The curation mutations the studio sends. A rule the input breaks comes back as data (userErrors), shown next to its field.
import { gql } from './graphql';

export interface UserError { field: string | null; message: string; code: string }
export interface CurationPayload {
  concept: { uri: string; version: number; preferredLabel: string } | null;
  changeSet: { id: string } | null;
  proposal: { id: string; status: string } | null;
  userErrors: UserError[];
  warnings: string[];
}
export interface ProposalPayload { proposal: { id: string; status: string } | null; changeSet: { id: string } | null; userErrors: UserError[]; warnings: string[] }

const payload = 'concept { uri version preferredLabel } changeSet { id } proposal { id status } userErrors { field message code } warnings';
const proposalPayload = 'proposal { id status } changeSet { id } userErrors { field message code } warnings';

export type Mutation = 'updateConcept' | 'addRelation' | 'removeRelation' | 'deprecateConcept' | 'mergeConcepts' | 'revertChangeSet';
const inputTypes: Record<Mutation, string> = {
  updateConcept: 'UpdateConceptInput',
  addRelation: 'RelationInput',
  removeRelation: 'RelationInput',
  deprecateConcept: 'DeprecateConceptInput',
  mergeConcepts: 'MergeConceptsInput',
  revertChangeSet: 'RevertChangeSetInput',
};

export async function curate(mutation: Mutation, input: Record<string, unknown>): Promise<CurationPayload> {
  const data = await gql<Record<string, CurationPayload>>(
    `mutation Curate($input: ${inputTypes[mutation]}!) { result: ${mutation}(input: $input) { ${payload} } }`, { input });
  return data.result!;
}

export async function review(decision: 'acceptProposal' | 'rejectProposal', id: string, comment: string): Promise<ProposalPayload> {
  const data = await gql<Record<string, ProposalPayload>>(
    `mutation Review($input: ReviewProposalInput!) { result: ${decision}(input: $input) { ${proposalPayload} } }`, { input: { id, comment } });
  return data.result!;
}

export type RelationKind = 'ESSENTIAL' | 'OPTIONAL' | 'BROADER' | 'RELATED' | 'OPTIONAL_RELATED';

/** The last segment of a userError's field (input.preferredLabel, changes[0].preferredLabel → preferredLabel). */
export function fieldName(error: UserError): string | null {
  if (!error.field) return null;
  const parts = error.field.split('.');
  return parts[parts.length - 1]!.replace(/\[\d+\]$/, '');
}
