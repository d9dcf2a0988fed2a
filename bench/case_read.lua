-- Authenticated GET /api/v1/cases/{id}, the ids spread over a list fetched beforehand
-- (one id a line, the file given after "--"). The requests are formatted once in init();
-- each thread starts at its own place in the list and walks it round and round.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

request = common.cycle_request

function init(args)
  local ids = common.read_lines(args[1])
  assert(#ids > 0, "no case ids in " .. tostring(args[1]))
  local paths = {}
  for i, id in ipairs(ids) do
    paths[i] = "/api/v1/cases/" .. id
  end
  -- The threads start far apart in the list.
  common.cycle(paths, math.floor(#paths / 2 + 1))
end
