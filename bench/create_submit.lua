-- The full submission: create a draft (POST /api/v1/cases), then submit it
-- (POST /api/v1/cases/{id}/transitions {"action":"submit"}: the submission rules, the
-- state change, the event and the audit entry). Each thread keeps the ids of the drafts
-- it created and submits one whenever it has one, so creates and submits alternate.
-- Counts every answer by kind (read from its status and body); done() reports submits per second besides the
-- request rate (about twice that: each submission is two requests).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local create_request
local submit_body = '{"action":"submit"}'
local pending = {}
created, submitted, create_failed, submit_failed, other_status = 0, 0, 0, 0, 0

function init(args)
  wrk.headers["Content-Type"] = "application/json"
  create_request = wrk.format("POST", "/api/v1/cases", nil, common.read_file(args[1]))
end

function request()
  local id = table.remove(pending)
  if id then
    return wrk.format("POST", "/api/v1/cases/" .. id .. "/transitions", nil, submit_body)
  end
  return create_request
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":(%d+),"number"')
    if id then
      created = created + 1
      table.insert(pending, id)
    else
      create_failed = create_failed + 1
    end
  elseif status == 200 then
    submitted = submitted + 1
  elseif body:find('"rules_failed"', 1, true) or body:find('"invalid_state"', 1, true) then
    submit_failed = submit_failed + 1
  else
    other_status = other_status + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  common.report(summary, latency, {
    created = common.sum("created"),
    submitted = common.sum("submitted"),
    create_failed = common.sum("create_failed"),
    submit_failed = common.sum("submit_failed"),
    other_status = common.sum("other_status"),
    submits_per_s = string.format("%.1f", common.sum("submitted") / seconds),
  })
end
