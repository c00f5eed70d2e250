-- Organisers at work: each connection is one organiser who opens a page, reads it
-- for 0.5 to 1.5 seconds (1 s on average, a quick reader) and opens the next,
-- with the organiser's session cookie (wrk ... -- SESSION_KEY). wrk times each
-- request from when it is sent: the reading time is not in the latencies.
dofile("bench/report.lua")

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

function init(args)
  wrk.headers["Cookie"] = "sessionid=" .. args[1]
  math.randomseed(os.time() * 10 + thread_id)
end

function delay()
  return math.random(500, 1500)
end
