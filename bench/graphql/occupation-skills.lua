-- POST /graphql: "software developer" with its 24 essential and 80 optional skills (104 skill nodes).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.body = [[{"query":"query OccupationSkills($uri: String!) { occupation(uri: $uri) { uri preferredLabel essentialSkills(first: 100) { totalCount nodes { uri preferredLabel } } optionalSkills(first: 100) { totalCount nodes { uri preferredLabel } } } }","variables":{"uri":"http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"}}]]

-- Every response must be a 200 with data; count the others so a broken server cannot look fast.
bad = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"optionalSkills"', 1, true) then
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("bad responses: %d\n", bad))
end
