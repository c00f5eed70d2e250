-- Side-event sign-up POSTs from approved delegates' private links, a different
-- delegate per request (wrk ... -- TOKENS_FILE MEETING SESSION_SLUG).
dofile("bench/report.lua")

local CSRF = "benchmarkcsrfsecret0123456789abc"
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  meeting, session = args[2], args[3]
  next_index = thread_id
end

function request()
  local token = tokens[(next_index - 1) % #tokens + 1]
  next_index = next_index + 8
  local path = string.format("/%s/register/manage/%s/side-events/%s/", meeting, token, session)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. CSRF,
  }, "csrfmiddlewaretoken=" .. CSRF)
end
