// Shared parameter sets and canonical-answer rules for the SkillGraph peer baselines.
// Mirrors bench/SkillGraph.Bench.Peers/PeerWorkloads.cs and Canonical.cs: keep them in step.

export const OCCUPATION_SOFTWARE_DEVELOPER =
  'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';
export const SKILL_JAVA = 'http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389';
export const EXTRA_HELD_SKILL = 'http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab';

export const RELATED_TOP = 10;
export const NEIGHBOURHOOD_TOP = 20;

// Occupations of different sizes (essential / optional skill counts in ESCO v1.1.1).
export const OCCUPATIONS = [
  OCCUPATION_SOFTWARE_DEVELOPER, // software developer: 24 / 80
  'http://data.europa.eu/esco/occupation/49e4e358-8ba3-4a05-8ef9-abb73156f5f7', // chiropractor: 133 / 15 (most essential)
  'http://data.europa.eu/esco/occupation/4b05bef2-ded4-4b09-ab94-f4c6a555a775', // social worker: 61 / 196
  'http://data.europa.eu/esco/occupation/abae06d8-525f-4a2d-8bbd-67b559aad8f2', // temperature screener: 14 / 2
  'http://data.europa.eu/esco/occupation/ebff4fcf-6b69-4290-a55c-9bfe4cc7a1ef', // fishing net maker: 2 / 8
];

// Skills for the 2-hop workload (number of occupations having it as essential skill).
export const SKILLS = [
  SKILL_JAVA, // Java (computer programming): 3
  'http://data.europa.eu/esco/skill/339ac029-066a-4985-9f9d-b3d7c8fea0bb', // manage staff: 257 (most)
  'http://data.europa.eu/esco/skill/f632251a-4078-4546-b19f-7ef528d08325', // use IT tools: 46
  'http://data.europa.eu/esco/skill/1a6c7e0d-fc13-41d7-a5c0-8ca00606de89', // promote sustainable energy: 11
  'http://data.europa.eu/esco/skill/6b839893-1cfc-467d-89ce-b5daa5d0f78f', // use ballasts: 2
];

/** Ordinal (UTF-16 code unit) comparison, identical to .NET string.CompareOrdinal's sign. */
export function ordinal(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function distinctSorted(uris) {
  return [...new Set(uris)].sort(ordinal);
}

/** Held-set rule: O's essential skills sorted by URI, indices 0,2,4,..., plus EXTRA_HELD_SKILL. */
export function heldSkills(essentialSkillUris) {
  const sorted = distinctSorted(essentialSkillUris);
  const held = sorted.filter((_, i) => i % 2 === 0);
  held.push(EXTRA_HELD_SKILL);
  return distinctSorted(held);
}

const ref = (r) => ({ uri: r.uri, label: r.label });
const byUri = (a, b) => ordinal(a.uri, b.uri);

function distinctRefs(refs) {
  const m = new Map();
  for (const r of refs) if (!m.has(r.uri)) m.set(r.uri, ref(r));
  return [...m.values()].sort(byUri);
}

/**
 * ctx: { occupation, broader: [{uri,label}], skills: [{uri,label,relation:'essential'|'optional',broader:[{uri,label}]}] }
 * -> {"occupation","broader":[{uri,label}],"skills":[{uri,label,relation,broader:[{uri,label}]}]}
 */
export function canonicalOccupationContext(ctx) {
  const skills = ctx.skills
    .map((s) => ({ uri: s.uri, label: s.label, relation: s.relation, broader: distinctRefs(s.broader) }))
    .sort((a, b) => ordinal(a.uri, b.uri) || ordinal(a.relation, b.relation));
  return JSON.stringify({ occupation: ctx.occupation, broader: distinctRefs(ctx.broader), skills });
}

/** res: { occupation, top: [{uri,label,shared}] } in rank order. */
export function canonicalRelatedOccupations(res) {
  return JSON.stringify({
    occupation: res.occupation,
    top: res.top.map((t) => ({ uri: t.uri, label: t.label, shared: t.shared })),
  });
}

/** res: { occupation, held: [uri], missingEssential: [uri], missingOptional: [uri] } */
export function canonicalSkillGap(res) {
  return JSON.stringify({
    occupation: res.occupation,
    held: distinctSorted(res.held),
    missingEssential: distinctSorted(res.missingEssential),
    missingOptional: distinctSorted(res.missingOptional),
  });
}

/** res: { skill, occupations: n, top: [{uri,label,count}] } in rank order. */
export function canonicalSkillNeighbourhood(res) {
  return JSON.stringify({
    skill: res.skill,
    occupations: res.occupations,
    top: res.top.map((t) => ({ uri: t.uri, label: t.label, count: t.count })),
  });
}
