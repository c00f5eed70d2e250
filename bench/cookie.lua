-- GET with the organiser's session cookie (wrk ... -- SESSION_KEY).
dofile("bench/report.lua")

function init(args)
  wrk.headers["Cookie"] = "sessionid=" .. args[1]
end
