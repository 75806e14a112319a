// Which of $uris name no concept (relation ends that the batch does not write itself).
UNWIND $uris AS uri
OPTIONAL MATCH (c:Concept {uri: uri})
WITH uri, c
  WHERE c IS NULL
RETURN uri
