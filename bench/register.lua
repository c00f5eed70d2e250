-- A valid registration POST per request, each with a new email address
-- (wrk ... -- RUN_ID). The CSRF secret is sent as cookie and form field alike.
dofile("bench/report.lua")

local CSRF = "benchmarkcsrfsecret0123456789abc"
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

function init(args)
  run_id = args[1]
  sent = 0
end

function request()
  sent = sent + 1
  local email = string.format("bench-%s-%d-%d%%40example.org", run_id, thread_id, sent)
  local body = "csrfmiddlewaretoken=" .. CSRF ..
    "&honorific=mr&given_name=Bench&family_name=Delegate&job_title=Director" ..
    "&organisation=Ministry+of+Foreign+Affairs&category=member_state&country=TH" ..
    "&gender=female&role=delegate&phone=%2B6622881234&consent_privacy=on" ..
    "&email=" .. email
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. CSRF,
  }, body)
end
