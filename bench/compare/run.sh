#!/usr/bin/env bash
# Interleaved A/B of two Steward builds on the jar a user runs (java -jar, over HTTP): for each pair, A then B,
# each on a fresh data dir: time to readiness, then wrk with an API token against GET /api/connections after a
# warm-up. Prints per run: ready s, req/s, p50/p99/max, non-2xx, timeouts, the server's CPU-seconds during wrk,
# RSS and the load average. Not part of the tests.
#   bench/compare/run.sh A.jar B.jar        (e.g. a jar built from an older commit, then target/steward-*.jar)
# Settings (environment): BENCH_PAIRS (3), BENCH_CONNECTIONS (50), BENCH_DURATION (15s), BENCH_PORT (18470),
# JAVA_HOME (else /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
cd "$(dirname "$0")/../.."
a=${1:?usage: bench/compare/run.sh A.jar B.jar}
b=${2:?usage: bench/compare/run.sh A.jar B.jar}
pairs=${BENCH_PAIRS:-3}
conns=${BENCH_CONNECTIONS:-50}
duration=${BENCH_DURATION:-15s}
port=${BENCH_PORT:-18470}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
base="http://127.0.0.1:$port"
password=bench-only-password-1
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "bench/compare: wrk is not installed" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
now() { date +%s.%N; }

one() { # label jar
  local label=$1 jar=$2 data="$work/data-$RANDOM" t0 ready cookies="$work/cookies" xsrf token line before after rss
  t0=$(now)
  STEWARD_PORT=$port STEWARD_DATA_DIR=$data STEWARD_ADMIN_PASSWORD=$password "$java" -jar "$jar" >"$work/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "$base/actuator/health/readiness"; do
    kill -0 "$pid" 2>/dev/null || { echo "bench/compare: $label did not start" >&2; tail -20 "$work/log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(echo "$(now) - $t0" | bc)
  rm -f "$cookies"
  # the first admin may still be being created just after readiness in older builds: retry the login briefly
  for _ in $(seq 1 50); do
    curl -fs -c "$cookies" -b "$cookies" -o /dev/null "$base/api/auth/csrf"
    xsrf=$(awk '/XSRF-TOKEN/ {print $7}' "$cookies")
    curl -fs -c "$cookies" -b "$cookies" -o /dev/null -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login" && break
    sleep 0.2
  done
  xsrf=$(awk '/XSRF-TOKEN/ {print $7}' "$cookies")
  token=$(curl -fs -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench/compare"}' "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
  [ -n "$token" ] || { echo "bench/compare: $label: no API token" >&2; exit 1; }
  wrk -t2 -c"$conns" -d10s --timeout 10s -H "Authorization: Bearer $token" "$base/api/connections" >/dev/null
  before=$(cpu_seconds "$pid")
  line=$(wrk -t2 -c"$conns" -d"$duration" --timeout 10s -s bench/rest/statuses.lua \
    -H "Authorization: Bearer $token" "$base/api/connections" | sed -n 's/^RESULT //p')
  after=$(cpu_seconds "$pid")
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  eval "$(echo "$line" | tr ' ' '\n' | grep '=' | sed 's/^\([a-z0-9_]*\)=\(.*\)$/r_\1="\2"/')"
  non2xx=$(echo "$r_statuses" | tr ',' '\n' | awk -F: '$1 !~ /^2/ {n += $2} END {print n + 0}')
  awk -v l="$label" -v ready="$ready" -v req="$r_requests" -v dur="$r_duration_us" -v p50="$r_p50_us" -v p99="$r_p99_us" \
    -v max="$r_max_us" -v non="$non2xx" -v to="$r_timeouts" -v cpu="$(echo "$after - $before" | bc)" -v rss="$rss" \
    -v la="$(load)" 'BEGIN {
      printf "%-3s %8.2f %8.0f %8.1f %9.1f %9.1f %8d %8d %7.1f %8.2f %7d  %s\n", l, ready, req / (dur / 1e6), p50 / 1000,
        p99 / 1000, max / 1000, non, to, cpu, (req > 0 ? 1000 * cpu / req : 0), rss, la }'
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo "bench/compare: $(date -u +%FT%TZ), $(nproc) cores, load $(load); A=$a B=$b; $pairs pairs, $conns connections, $duration"
printf '%-3s %8s %8s %8s %9s %9s %8s %8s %7s %8s %7s  %s\n' run 'ready s' 'req/s' 'p50 ms' 'p99 ms' 'max ms' non-2xx \
  timeouts 'cpu s' 'cpu ms/r' 'RSS MB' 'load (1 5 15 min)'
for i in $(seq 1 "$pairs"); do
  one A "$a"
  one B "$b"
done
