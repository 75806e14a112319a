-- bench/soak.sh's mixed workload, one request at a time per connection, drawn at random (weights below): searches,
-- occupation pages, walks (related occupations, skill gap, a skill's hierarchy), extractSkills, matchResume, and a
-- steward's updateConcept on a few skills (the key from $SOAK_KEY; the version tracked from the answers, so a write is
-- refused only when another connection wrote the same skill first: an intended CONFLICT, counted apart).
-- $SOAK_OCCUPATIONS and $SOAK_SKILLS: files of URIs, one a line. done() prints one line of counts for soak.sh.
local occupations, skills = {}, {}
local function lines(path, into)
  for line in io.lines(path) do into[#into + 1] = line end
end
local terms = { "software developer", "nurse", "java", "project management", "welding", "data analysis", "teacher",
  "customer service", "accounting", "electrician", "marketing", "machine learning", "cook", "truck driver" }
local jobs = {
  "We are hiring a backend developer with Java, PostgreSQL and Docker experience to build REST services.",
  "Registered nurse for a surgical ward: patient care, medication administration, teamwork with physicians.",
  "Data analyst: SQL, Python, dashboards in Power BI, statistics, communicating results to managers.",
}
local resumes = {
  "Five years as a Java developer; Spring Boot, PostgreSQL, Kubernetes; mentored two juniors.",
  "Nurse with ICU experience, wound care, patient education and night shifts.",
  "Accountant: bookkeeping, payroll, tax returns, Excel.",
}
local writes = 8 -- skills the stewards edit
local versions = {}
local counter = 0
local last_kind = ""
local thread_id = 0
local threads = {}

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  thread_id = id or 0
  lines(os.getenv("SOAK_OCCUPATIONS"), occupations)
  lines(os.getenv("SOAK_SKILLS"), skills)
  math.randomseed(os.time() + thread_id * 7919)
  counts = { requests = 0, non2xx = 0, errors = 0, conflicts = 0, writes = 0 }
end

local function json(s) return (s:gsub('\\', '\\\\'):gsub('"', '\\"')) end
local function pick(list) return list[math.random(#list)] end

local function post(query, key)
  local headers = { ["Content-Type"] = "application/json" }
  if key then headers["X-Api-Key"] = os.getenv("SOAK_KEY") end
  return wrk.format("POST", "/graphql", headers, '{"query":"' .. json(query) .. '"}')
end

local current_skill = 0
request = function()
  local roll = math.random(100)
  if roll <= 25 then
    last_kind = "search"
    return post('{ search(text: "' .. pick(terms) .. '", first: 10) { score concept { uri preferredLabel } } }')
  elseif roll <= 45 then
    last_kind = "occupation"
    return post('{ occupation(uri: "' .. pick(occupations) .. '") { preferredLabel description altLabels essentialSkills(first: 50) { totalCount nodes { uri preferredLabel } } optionalSkills(first: 20) { nodes { preferredLabel } } broader { nodes { preferredLabel } } } }')
  elseif roll <= 55 then
    last_kind = "related"
    return post('{ relatedOccupations(uri: "' .. pick(occupations) .. '", first: 10) { occupation { label } score } }')
  elseif roll <= 62 then
    last_kind = "gap"
    return post('{ skillGap(occupationUri: "' .. pick(occupations) .. '", heldSkillUris: ["' .. pick(skills) .. '", "' .. pick(skills) .. '"]) { essentialCoverage } }')
  elseif roll <= 70 then
    last_kind = "skill"
    return post('{ skill(uri: "' .. pick(skills) .. '") { preferredLabel broader { nodes { preferredLabel } } narrower(first: 20) { nodes { preferredLabel } } essentialFor(first: 20) { totalCount } } }')
  elseif roll <= 84 then
    last_kind = "extract"
    return post('{ extractSkills(text: "' .. pick(jobs) .. '", first: 10) { skills { uri score } } }')
  elseif roll <= 94 then
    last_kind = "match"
    return post('{ matchResume(jobDescription: "' .. pick(jobs) .. '", resume: "' .. pick(resumes) .. '") { score matched } }')
  else
    last_kind = "write"
    counter = counter + 1
    current_skill = math.random(writes)
    local version = versions[current_skill] or 1
    return post('mutation { updateConcept(input: { uri: "' .. skills[current_skill] .. '", expectedVersion: ' .. version
      .. ', description: "soak edit ' .. thread_id .. '-' .. counter .. '", comment: "soak" }) { concept { uri version } userErrors { code message } } }', true)
  end
end

response = function(status, headers, body)
  counts.requests = counts.requests + 1
  if status < 200 or status > 299 then
    counts.non2xx = counts.non2xx + 1
    return
  end
  local uri, version = string.match(body, '"uri":"([^"]+)","version":(%d+)')
  if uri then
    counts.writes = counts.writes + 1
    for i = 1, writes do if skills[i] == uri then versions[i] = tonumber(version) end end
    return
  end
  if string.find(body, '"code":"CONFLICT"', 1, true) then
    counts.conflicts = counts.conflicts + 1
    local conflicted, actual = string.match(body, '"message":"(%S+) is at version (%d+)')
    for i = 1, writes do if skills[i] == conflicted then versions[i] = tonumber(actual) end end
    return
  end
  if string.find(body, '"errors"', 1, true) or string.find(body, '"userErrors":[{', 1, true) then
    counts.errors = counts.errors + 1
    if counts.errors <= 3 then io.stderr:write("error answer: " .. string.sub(body, 1, 300) .. "\n") end
  end
end

done = function(summary, latency, requests)
  local total = { requests = 0, non2xx = 0, errors = 0, conflicts = 0, writes = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = total[k] + v end
  end
  io.write(string.format("SOAK requests=%d non2xx=%d errors=%d conflicts=%d writes=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    total.requests, total.non2xx, total.errors, total.conflicts, total.writes,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
