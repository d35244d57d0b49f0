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
  local sessions = {}
  for line in io.lines(args[1]) do
    local token, child = line:match("^([^;]+);([^;]+);")
    if token then
      sessions[#sessions + 1] = { token, child }
    end
  end
  if #sessions == 0 then
    error("no session in " .. tostring(args[1]))
  end
  local templates = {}
  for p in string.gmatch(args[2], "%S+") do
    templates[#templates + 1] = p
  end
  local csrf = args[3]
  -- Every request written once here, not at each call: wrk shares the cores with what it
  -- measures, and building a request in Lua cost it more than the bare hello's whole request.
  requests = {}
  for _, s in ipairs(sessions) do
    local cookie = { ["Cookie"] = "session=" .. s[1] .. "; csrf=" .. csrf }
    for _, t in ipairs(templates) do
      requests[#requests + 1] = wrk.format("GET", t:gsub("{child}", s[2]), cookie)
    end
  end
  local count = tonumber(args[4]) or 1
  -- Each thread starts at its own parent: position counts requests, a visit's pages in a row.
  position = math.floor(#sessions * id / count) * #templates
  bad = 0
end

function request()
  position = position % #requests + 1
  return requests[position]
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
