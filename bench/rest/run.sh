#!/usr/bin/env bash
# REST load benchmark: starts Steward the README's way (./steward start) on a fresh data dir, makes an API token
# through the API, and runs wrk at 50 and 200 connections against /api/connections and a catalog page of the
# Chinook sample. Prints req/s, p50/p99/max, non-2xx, timeouts, the server's CPU-seconds and the load average.
# Not part of the tests. Needs wrk and curl. Settings (environment):
#   BENCH_PORT (18480), BENCH_DURATION (20s), BENCH_CONNECTIONS ("50 200"), BENCH_TIMEOUT (10s: wrk counts a
#   slower answer as a timeout and leaves it out of the latency figures), BENCH_THREADS (2)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${BENCH_PORT:-18480}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-50 200}
timeout=${BENCH_TIMEOUT:-10s}
threads=${BENCH_THREADS:-2}
base="http://127.0.0.1:$port"
password=bench-only-password-1
work=$(mktemp -d)
command -v wrk >/dev/null || { echo "bench/rest: wrk is not installed" >&2; exit 1; }

pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "bench/rest: $(date -u +%FT%TZ), $(nproc) cores, load $(load), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "bench/rest: starting Steward with ./steward start (builds first if sources changed) on a fresh data dir"
STEWARD_PORT=$port STEWARD_DATA_DIR="$work/data" STEWARD_ADMIN_PASSWORD=$password ./steward start >"$work/server.log" 2>&1 &
pid=$! # ./steward start execs java: this is the server's pid
until curl -fs -o /dev/null "$base/actuator/health/readiness"; do
  kill -0 "$pid" 2>/dev/null || { echo "bench/rest: Steward did not start:" >&2; tail -30 "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "bench/rest: ready (server pid $pid, load $(load))"

jar="$work/cookies"
curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/api/auth/csrf"
xsrf() { awk '/XSRF-TOKEN/ {print $7}' "$jar"; }
curl -fs -c "$jar" -b "$jar" -o /dev/null -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login"
token=$(curl -fs -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d '{"name":"bench/rest"}' "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench/rest: could not create an API token" >&2; exit 1; }
sample=$(curl -fs -H "Authorization: Bearer $token" "$base/api/connections" \
  | sed -n 's/^\[{"id":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$sample" ] || { echo "bench/rest: the Chinook sample is not registered" >&2; exit 1; }

declare -A urls=(
  [connections]="$base/api/connections"
  [catalog]="$base/api/connections/$sample/catalog/objects?database=main&schema=main&page=0&size=50"
)

run_wrk() { # name url connections seconds
  wrk -t"$threads" -c"$3" -d"$4" --timeout "$timeout" -s bench/rest/statuses.lua \
    -H "Authorization: Bearer $token" "$2" | sed -n 's/^RESULT //p'
}

echo "bench/rest: warming up (JIT) for 10 s per endpoint"
for name in connections catalog; do run_wrk "$name" "${urls[$name]}" 50 10s >/dev/null; done

printf '\n%-12s %5s %9s %9s %9s %9s %8s %8s %8s %10s  %s\n' endpoint conns 'req/s' 'p50 ms' 'p99 ms' 'max ms' \
  'non-2xx' timeouts 'cpu s' 'cpu ms/req' 'load (1 5 15 min)  statuses'
for name in connections catalog; do
  for c in $connections; do
    before=$(cpu_seconds "$pid")
    line=$(run_wrk "$name" "${urls[$name]}" "$c" "$duration")
    after=$(cpu_seconds "$pid")
    eval "$(echo "$line" | tr ' ' '\n' | grep '=' | sed 's/^\([a-z0-9_]*\)=\(.*\)$/r_\1="\2"/')"
    non2xx=$(echo "$r_statuses" | tr ',' '\n' | awk -F: '$1 !~ /^2/ {n += $2} END {print n + 0}')
    awk -v name="$name" -v c="$c" -v req="$r_requests" -v dur="$r_duration_us" -v p50="$r_p50_us" -v p99="$r_p99_us" \
      -v max="$r_max_us" -v non="$non2xx" -v to="$r_timeouts" -v cpu="$(echo "$after - $before" | bc)" -v la="$(load)" \
      -v st="$r_statuses" 'BEGIN {
        printf "%-12s %5d %9.0f %9.1f %9.1f %9.1f %8d %8d %8.1f %10.2f  %s  %s\n", name, c, req / (dur / 1e6), p50 / 1000,
          p99 / 1000, max / 1000, non, to, cpu, (req > 0 ? 1000 * cpu / req : 0), la, st }'
  done
done
echo
echo "bench/rest: server RSS $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status"), load $(load)"
if grep -q ' 5[0-9][0-9] ' <(grep 'steward.request' "$work/server.log" | sed -n 's/.*status=\([0-9]*\).*/ \1 /p' | sort | uniq -c); then
  echo "bench/rest: server-side 5xx answers:"; grep 'steward.request' "$work/server.log" | sed -n 's/.*status=\(5[0-9]*\).*/\1/p' | sort | uniq -c
fi
