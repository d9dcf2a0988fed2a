-- The soak's busy clients (scripts/soak.sh): the requests of a file (one path a line, given
-- after "--"), round and round, each thread from its own place; the cookie comes with -H.
-- Prints bench/common.lua's "BENCH_JSON {...}" line at the end.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests_ = {}
local next_ = 1

function init(args)
  local paths = common.read_lines(args[1])
  assert(#paths > 0, "no paths in " .. tostring(args[1]))
  for i, p in ipairs(paths) do
    requests_[i] = wrk.format("GET", p)
  end
  next_ = 1 + ((thread_index or 1) - 1) * 7 % #requests_
end

function request()
  local r = requests_[next_]
  next_ = next_ % #requests_ + 1
  return r
end
