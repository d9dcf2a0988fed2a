-- The soak's busy clients (scripts/soak.sh): the requests of a file (one path a line, given
-- after "--"), round and round, each thread from its own place; the cookie comes with -H.
-- Prints bench/common.lua's "BENCH_JSON {...}" line at the end.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

request = common.cycle_request

function init(args)
  local paths = common.read_lines(args[1])
  assert(#paths > 0, "no paths in " .. tostring(args[1]))
  common.cycle(paths, 7)
end
