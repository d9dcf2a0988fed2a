-- Shared by every wrk script of the benchmark (loaded with dofile by the others).
--
-- done() prints one line "BENCH_JSON {...}" that bench/run.sh collects: requests/s,
-- latency percentiles in milliseconds, and the errors wrk saw. wrk counts a response
-- with a status > 399 as errors.status ("non-2xx" below: the API answers no 3xx, and
-- run.sh checks every request once with curl before measuring it). A script that needs
-- exact per-status counts defines response() and fills the thread counters itself
-- (create_submit.lua); the others do not, because a Lua response() makes wrk parse every
-- body and costs client CPU on a machine the server shares.

common = {}
common.threads = {}

-- Each thread gets its number (1, 2, ...) as the global thread_index before its init().
function setup(thread)
  table.insert(common.threads, thread)
  thread:set("thread_index", #common.threads)
end

-- GET requests of `paths`, formatted once in init(), sent round and round; this thread
-- starts `step` places after the previous thread's. A script calls common.cycle() from its
-- init() and names common.cycle_request as its request() at load time (wrk asks then whether
-- a script has one).
local cycled_ = {}
local cycle_at_ = 1

function common.cycle(paths, step)
  for i, p in ipairs(paths) do
    cycled_[i] = wrk.format("GET", p)
  end
  cycle_at_ = 1 + ((thread_index or 1) - 1) * step % #cycled_
end

function common.cycle_request()
  local r = cycled_[cycle_at_]
  cycle_at_ = cycle_at_ % #cycled_ + 1
  return r
end

-- Lines of a file, without empty ones.
function common.read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then table.insert(lines, line) end
  end
  f:close()
  return lines
end

function common.read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local text = f:read("*a")
  f:close()
  return text
end

-- Sum of a numeric thread variable over every thread (0 when unset).
function common.sum(name)
  local total = 0
  for _, t in ipairs(common.threads) do
    total = total + (tonumber(t:get(name)) or 0)
  end
  return total
end

-- extra: a table of additional numeric fields (may be nil).
function common.report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local fields = {
    string.format('"requests":%d', summary.requests),
    string.format('"duration_s":%.3f', seconds),
    string.format('"rps":%.1f', summary.requests / seconds),
    string.format('"p50_ms":%.3f', latency:percentile(50) / 1000),
    string.format('"p90_ms":%.3f', latency:percentile(90) / 1000),
    string.format('"p99_ms":%.3f', latency:percentile(99) / 1000),
    string.format('"max_ms":%.3f', latency.max / 1000),
    string.format('"mean_ms":%.3f', latency.mean / 1000),
    string.format('"non2xx":%d', e.status),
    string.format('"socket_errors":%d', e.connect + e.read + e.write),
    string.format('"timeouts":%d', e.timeout),
    string.format('"bytes":%d', summary.bytes),
  }
  for k, v in pairs(extra or {}) do
    table.insert(fields, string.format('"%s":%s', k, tostring(v)))
  end
  io.write("BENCH_JSON {" .. table.concat(fields, ",") .. "}\n")
end

function done(summary, latency, requests)
  common.report(summary, latency, nil)
end
