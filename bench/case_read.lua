-- Authenticated GET /api/v1/cases/{id}, the ids spread over a list fetched beforehand
-- (one id a line, the file given after "--"). The requests are formatted once in init();
-- each thread starts at its own place in the list and walks it round and round.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests_ = {}
local next_ = 1

function init(args)
  local ids = common.read_lines(args[1])
  assert(#ids > 0, "no case ids in " .. tostring(args[1]))
  for i, id in ipairs(ids) do
    requests_[i] = wrk.format("GET", "/api/v1/cases/" .. id)
  end
  -- The threads start far apart in the list.
  next_ = 1 + ((thread_index or 1) - 1) * math.floor(#requests_ / 2 + 1) % #requests_
end

function request()
  local r = requests_[next_]
  next_ = next_ % #requests_ + 1
  return r
end
