-- POST /api/v1/cases: a draft outbound_travel case (validation, write, audit, durable by
-- group commit). The body is the file given after "--"; Cookie and X-CSRF-Token come
-- with -H on the command line.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/cases"
  wrk.body = common.read_file(args[1])
  wrk.headers["Content-Type"] = "application/json"
end
