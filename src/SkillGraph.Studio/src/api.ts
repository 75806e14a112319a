// The GraphQL documents the studio sends and the shapes of their answers (a subset of src/SkillGraph.Server/schema.graphql).
import { gql, GraphQLFailure } from './graphql';
import type { Viewer } from './session';

export type ConceptKind = 'OCCUPATION' | 'SKILL' | 'SKILL_GROUP' | 'ISCO_GROUP';
export interface Ref { uri: string; label: string; kind?: ConceptKind }
export interface Named { uri: string; preferredLabel: string; kind?: ConceptKind }
interface Page<T> { totalCount: number; nodes: T[] }

export interface SearchHit { uri: string; kind: ConceptKind; preferredLabel: string; matchedLabel: string; matchedLabelKind: string; score: number }

export interface Concept {
  __typename: string;
  uri: string;
  kind: ConceptKind;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
  code: string | null;
  status: string;
  version: number;
  replacedBy: Named | null;
  ancestors: { edges: { depth: number; node: Named & { code: string | null } }[] };
  broader: Page<Named>;
  narrower: Page<Named>;
  essentialSkills?: Page<Named>;
  optionalSkills?: Page<Named>;
  essentialFor?: Page<Named>;
  optionalFor?: Page<Named>;
  relatedSkills?: Page<Named>;
  skillType?: string | null;
  reuseLevel?: string | null;
}

/** How many neighbours of each relation the concept page and the picture fetch (the picture stays readable at ~200 nodes). */
export const NeighbourLimit = 150;

const conceptFields = `
  __typename uri kind preferredLabel altLabels description code status version
  replacedBy { uri preferredLabel kind }
  ancestors(first: 30) { edges { depth node { uri kind preferredLabel code } } }
  broader(first: 20) { totalCount nodes { uri kind preferredLabel } }
  narrower(first: $limit) { totalCount nodes { uri kind preferredLabel } }
  ... on Occupation {
    essentialSkills(first: $limit) { totalCount nodes { uri kind preferredLabel } }
    optionalSkills(first: $limit) { totalCount nodes { uri kind preferredLabel } }
  }
  ... on Skill {
    skillType reuseLevel
    essentialFor(first: $limit) { totalCount nodes { uri kind preferredLabel } }
    optionalFor(first: $limit) { totalCount nodes { uri kind preferredLabel } }
    relatedSkills(first: 30) { totalCount nodes { uri kind preferredLabel } }
  }`;

export async function fetchConcept(uri: string, limit = NeighbourLimit): Promise<Concept | null> {
  const data = await gql<{ concept: Concept | null }>(`query Concept($uri: String!, $limit: Int!) { concept(uri: $uri) { ${conceptFields} } }`, { uri, limit });
  return data.concept;
}

export async function fetchViewer(): Promise<Viewer> {
  return (await gql<{ viewer: Viewer }>('query Viewer { viewer { name roles permissions } }')).viewer;
}

export async function search(text: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const data = await gql<{ search: SearchHit[] }>(
    'query Search($text: String!) { search(text: $text, first: 12) { uri kind preferredLabel matchedLabel matchedLabelKind score } }', { text }, signal);
  return data.search;
}

export interface RelatedOccupation { occupation: Ref; score: number; sharedEssential: Ref[]; reasons: string[] }
export interface CareerMove { occupation: Ref; coverage: number; missingEssentialCount: number; essentialSkills: number; missingEssential: Ref[]; reasons: string[] }

export async function fetchOccupationWalks(uri: string): Promise<{ relatedOccupations: RelatedOccupation[]; careerMoves: CareerMove[] }> {
  return gql(`query Walks($uri: String!) {
    relatedOccupations(uri: $uri, first: 8) { occupation { uri label } score sharedEssential { uri label } reasons }
    careerMoves(from: $uri, first: 8) { occupation { uri label } coverage missingEssentialCount essentialSkills missingEssential { uri label } reasons }
  }`, { uri });
}

/** The student answers STUDENT_LOADING while it loads (about 30 s once for a new skill catalog): ask again every 2 s, up to a minute. */
async function whenStudentReady<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GraphQLFailure) || error.code !== 'STUDENT_LOADING' || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

export interface TextSpan { start: number; end: number; text: string }
export interface ExtractedSkill { uri: string; label: string; score: number; spans: TextSpan[] }

export async function extractSkills(text: string, first = 25): Promise<ExtractedSkill[]> {
  const data = await whenStudentReady(() => gql<{ extractSkills: { skills: ExtractedSkill[] } }>(
    'query Extract($text: String!, $first: Int!) { extractSkills(text: $text, first: $first) { model skills { uri label score spans { start end text } } } }', { text, first }));
  return data.extractSkills.skills;
}

export interface OccupationSuggestion { occupation: Named; score: number; matchedEssential: Ref[]; matchedOptional: Ref[]; reasons: string[] }

export async function suggestOccupations(text: string): Promise<OccupationSuggestion[]> {
  const data = await whenStudentReady(() => gql<{ suggestOccupations: { occupations: OccupationSuggestion[] } }>(`query Suggest($text: String!) {
    suggestOccupations(text: $text, first: 8) { occupations { occupation { uri preferredLabel } score matchedEssential { uri label } matchedOptional { uri label } reasons } }
  }`, { text }));
  return data.suggestOccupations.occupations;
}

export interface ResumeMatch {
  model: string; score: number; matched: boolean; explanation: string; suggestedEdits: string[];
  coveredSkills: { uri: string; label: string; how: string; viaLabel: string | null; resumeLine: string | null; alternatives: { uri: string; label: string }[] }[];
  missingSkills: { uri: string; label: string; jobLine: string | null; suggestedEdit: string | null; alternatives: { uri: string; label: string }[] }[];
}

export async function matchResume(jobDescription: string, resume: string): Promise<ResumeMatch> {
  const data = await whenStudentReady(() => gql<{ matchResume: ResumeMatch }>(`query Match($job: String!, $resume: String!) {
    matchResume(jobDescription: $job, resume: $resume) { model score matched explanation suggestedEdits coveredSkills { uri label how viaLabel resumeLine alternatives { uri label } } missingSkills { uri label jobLine suggestedEdit alternatives { uri label } } }
  }`, { job: jobDescription, resume }));
  return data.matchResume;
}

export interface MissingSkill { skill: Ref; essential: boolean; priority: number; cover: { heldSkill: Ref; how: string; credit: number } | null; reasons: string[] }
export interface SkillGap {
  occupation: Ref; unresolved: string[]; essentialCoverage: number; reasons: string[];
  held: { skill: Ref; fromText: string | null }[];
  coveredEssential: Ref[]; coveredOptional: Ref[]; missingEssential: MissingSkill[]; missingOptional: MissingSkill[];
}

export async function skillGap(occupationUri: string, held: { uris?: string[]; text?: string }): Promise<SkillGap> {
  const missing = 'skill { uri label } essential priority cover { heldSkill { uri label } how credit } reasons';
  const data = await gql<{ skillGap: SkillGap }>(`query Gap($uri: String!, $uris: [String!], $text: String) {
    skillGap(occupationUri: $uri, heldSkillUris: $uris, heldSkillsText: $text) {
      occupation { uri label } unresolved essentialCoverage reasons held { skill { uri label } fromText }
      coveredEssential { uri label } coveredOptional { uri label } missingEssential { ${missing} } missingOptional { ${missing} }
    }
  }`, { uri: occupationUri, uris: held.uris ?? null, text: held.text ?? null });
  return data.skillGap;
}

export interface FieldChange { conceptUri: string; field: string; before: string | null; after: string | null }
export interface ChangeSet { id: string; author: string; comment: string; createdAt: string; reverts: string | null; reviewer: string | null; conceptUris: string[]; changes: FieldChange[] }

export async function fetchHistory(uri: string): Promise<ChangeSet[]> {
  const data = await gql<{ concept: { history: { nodes: ChangeSet[] } } | null }>(`query History($uri: String!) {
    concept(uri: $uri) { history(first: 100) { nodes { id author comment createdAt reverts reviewer conceptUris changes { conceptUri field before after } } } }
  }`, { uri });
  return data.concept?.history.nodes ?? [];
}

export interface Proposal { id: string; author: string; comment: string; createdAt: string; status: string; changes: string; reviewer: string | null; reviewComment: string | null }

export async function fetchProposals(): Promise<Proposal[]> {
  const data = await gql<{ proposals: { nodes: Proposal[] } }>(
    'query Proposals { proposals(status: PENDING, first: 100) { nodes { id author comment createdAt status changes reviewer reviewComment } } }');
  return data.proposals.nodes;
}

/** The preferred labels of these concepts, in one request (aliases); a URI that names nothing is left out. */
export async function fetchLabels(uris: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(uris)].slice(0, 100);
  if (unique.length === 0) return new Map();
  const variables = Object.fromEntries(unique.map((uri, i) => [`u${i}`, uri]));
  const query = `query Labels(${unique.map((_, i) => `$u${i}: String!`).join(', ')}) { ${unique.map((_, i) => `c${i}: concept(uri: $u${i}) { uri preferredLabel }`).join(' ')} }`;
  const data = await gql<Record<string, { uri: string; preferredLabel: string } | null>>(query, variables);
  return new Map(unique.flatMap((uri, i) => (data[`c${i}`] ? [[uri, data[`c${i}`]!.preferredLabel] as [string, string]] : [])));
}
