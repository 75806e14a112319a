// A misspelt keyword: the parser must reject it.
MATCH (o:Occupation {uri: $uri})
RETRUN o.preferredLabel
