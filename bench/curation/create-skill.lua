-- POST /graphql: a steward creates one skill per request (a single-concept change with its change set), each with a
-- label of its own (thread id + counter), so no write is refused as a duplicate. The key comes from $SKILLGRAPH_KEY.
local counter = 0
local thread_id = 0
local threads = {}

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  thread_id = id
end

request = function()
  counter = counter + 1
  local label = string.format("bench skill %d-%d-%d", thread_id, counter, math.random(1, 1000000000))
  local body = '{"query":"mutation($input: CreateConceptInput!) { createConcept(input: $input) { changeSet { id } userErrors { code } } }",'
    .. '"variables":{"input":{"kind":"SKILL","preferredLabel":"' .. label .. '","comment":"load test"}}}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Api-Key"] = os.getenv("SKILLGRAPH_KEY"),
  }, body)
end

-- $WRITE_DELAY_MS: each connection waits this long before its next write (wrk's delay hook), to pace the writers.
local pause = tonumber(os.getenv("WRITE_DELAY_MS") or "0")
delay = function()
  return pause
end

bad = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"changeSet":{"id"', 1, true) then
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("bad responses: %d\n", bad))
end
