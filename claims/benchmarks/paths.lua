-- wrk script: each request takes the next path from PATHS_FILE (one per line), each thread from its
-- own offset, so that a page the cache could answer is asked for only once in a while. COOKIE, when set,
-- signs the requests in. done() prints one JSON line that the load benchmark reads.
local paths, index = {}, 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  for line in io.lines(os.getenv("PATHS_FILE")) do
    paths[#paths + 1] = line
  end
  index = (offset or 0) % #paths
  wrk.headers["Host"] = "127.0.0.1"
  wrk.headers["X-Forwarded-Proto"] = "https"
  local cookie = os.getenv("COOKIE")
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "non2xx": %d, "socket": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
