-- wrk script: every request comes from the next logged-in parent of the bench dataset, so the
-- pages are measured over thousands of sessions, families and children, not one warm family.
--
--   wrk -s tests/bench/parents.lua URL -- SESSIONS PATH CSRF_COOKIE THREADS
--
-- SESSIONS: "session token;child id;family id" lines (portail seed-bench --sessions-file).
-- PATH: the page, "{child}" replaced by the child's id, e.g.
--   /famille/planning?enfant={child}&mois=2026-12
-- or several pages separated by spaces: each parent then asks for them in a row before the
-- next parent comes (a visit: "/famille /famille/planning?… /facturation"), so the second and
-- third pages find the family in the worker's cache, as a real parent's would.
-- CSRF_COOKIE: sent as the csrf cookie, as a browser does (else every answer sets a new one).
-- THREADS: wrk's -t, so that each thread starts at its own place in the list.
-- wrk counts 3xx as success: an answer other than 200 (a session that expired redirects to
-- /connexion) is counted here and printed by done() as "not 200: N" (unless PARENTS_CHECK=0,
-- see response() below).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  for line in io.lines(args[1]) do
    local token, child = line:match("^([^;]+);([^;]+);")
    if token then
      sessions[#sessions + 1] = { token, child }
    end
  end
  if #sessions == 0 then
    error("no session in " .. tostring(args[1]))
  end
  templates = {}
  for p in string.gmatch(args[2], "%S+") do
    templates[#templates + 1] = p
  end
  page = #templates
  csrf = args[3]
  local count = tonumber(args[4]) or 1
  position = math.floor(#sessions * id / count)
  bad = 0
end

function request()
  page = page % #templates + 1
  if page == 1 then
    position = position % #sessions + 1
  end
  local s = sessions[position]
  local path = templates[page]:gsub("{child}", s[2])
  return wrk.format("GET", path, { ["Cookie"] = "session=" .. s[1] .. "; csrf=" .. csrf })
end

-- PARENTS_CHECK=0 leaves response() undefined: wrk then neither gathers the headers nor copies
-- each body into Lua (40 KB for a planning month, a tenth of wrk's time per request on the
-- shared cores); scripts/bench counts the measured run's answers in Nginx's access log instead.
if os.getenv("PARENTS_CHECK") ~= "0" then
  function response(status, headers, body)
    if status ~= 200 then
      bad = bad + 1
    end
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + (tonumber(t:get("bad")) or 0)
  end
  if response then
    io.write(string.format("not 200: %d\n", total))
  end
end
