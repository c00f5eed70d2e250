-- Shared by every benchmark script: print the run's numbers as one JSON line.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.stderr:write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, ' ..
    '"bad_status": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
