// `label` is not a property of the model: preferredLabel is.
MATCH (s:Skill {uri: $uri})
RETURN s.label
