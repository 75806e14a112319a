// Example queries an analyst can run at once (one tab each), and the GraphiQL set-up.
const examples = [
  {
    query: `# An occupation ("software developer") with its essential and optional skills.
query OccupationSkills {
  occupation(uri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1") {
    preferredLabel
    code
    iscoGroup { code preferredLabel }
    essentialSkills(first: 100) { totalCount nodes { preferredLabel skillType reuseLevel } }
    optionalSkills(first: 100) { totalCount nodes { preferredLabel } }
  }
}`,
  },
  {
    query: `# Label search over preferred and alternative labels, best first.
query SearchLabels {
  search(text: "python", first: 10) {
    score
    matchedLabel
    matchedLabelKind
    concept { __typename uri preferredLabel }
  }
}`,
  },
  {
    query: `# ICT professionals (ISCO 25) that need a given skill, paged.
query IctOccupations($after: String) {
  occupations(filter: { iscoGroup: "25", labelContains: "developer" }, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { preferredLabel code essentialSkills(first: 5) { totalCount nodes { preferredLabel } } }
  }
}`,
  },
  {
    query: `# Who needs a skill, and where it sits in the skills hierarchy.
query SkillInContext {
  skills(filter: { labelContains: "SQL", skillType: KNOWLEDGE }, first: 3) {
    nodes {
      preferredLabel
      reuseLevel
      ancestors { edges { depth node { __typename preferredLabel } } }
      essentialFor(first: 5) { totalCount nodes { preferredLabel } }
      relatedSkills(relation: OPTIONAL, first: 5) { nodes { preferredLabel } }
    }
  }
}`,
  },
  {
    query: `# An ISCO group, the groups above it and what lies below it.
query IscoHierarchy {
  iscoGroup(code: "251") {
    preferredLabel
    ancestors { nodes { code preferredLabel } }
    narrower(first: 20) { nodes { code preferredLabel } }
  }
}`,
  },
  {
    query: `# What a Java developer lacks to become a software developer, and where else their skills lead.
query SkillGapAndMoves {
  skillGap(
    occupationUri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
    heldSkillsText: "Java, SQL, computer programming"
  ) {
    essentialCoverage
    held { skill { label } fromText }
    missingEssential { skill { label } priority cover { how heldSkill { label } } reasons }
  }
  relatedOccupations(uri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1", first: 5) {
    occupation { label } score reasons
  }
  careerMoves(from: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1", first: 5) {
    occupation { label } missingEssentialCount reasons
  }
}`,
  },
  {
    query: `# Refetch anything by its global id (Relay's Node), as normalised caches do; every concept has an id.
query RefetchByGlobalId {
  node(id: "AfKxWg7mWkOKr_spudULd9E") {
    __typename
    id
    ... on Occupation { preferredLabel code iscoGroup { id code } }
  }
  nodes(ids: ["AhmoKTuOlU3jmD93SEB5w4k", "A2lzY28vQzI1MTI", "not-an-id"]) {
    __typename
    id
    ... on Concept { uri preferredLabel }
    ... on Skill { skillType }
  }
}`,
  },
];

const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    defaultTabs: examples.map((e) => ({ query: e.query, variables: e.variables })),
  }),
);
