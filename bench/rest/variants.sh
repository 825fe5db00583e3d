#!/usr/bin/env bash
# Where does the REST tail come from? Runs the packaged jar (java -jar, fresh data dir each time) under wrk against
# /api/connections once per variant of JVM/Spring settings, interleaved over BENCH_ROUNDS rounds, and prints per run:
# req/s, client p50/p99/max (wrk), the server's own p50/p99/p99.9 (from its request log, i.e. inside the filter
# chain), listen-queue overflows (nstat), the server's CPU-seconds and the load average. Not part of the tests.
#   bench/rest/variants.sh [jar]        variants in BENCH_VARIANTS, separated by '|', each a list of java options
# Settings: BENCH_CONNECTIONS ("50 200"), BENCH_DURATION (10s), BENCH_ROUNDS (1), BENCH_PORT (18475).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=${1:-target/steward-0.1.0-SNAPSHOT.jar}
IFS='|' read -r -a variants <<<"${BENCH_VARIANTS:- -Dsteward.bench.variant=default | -Dspring.threads.virtual.enabled=false | -Dlogging.level.steward.request=warn}"
connections=${BENCH_CONNECTIONS:-50 200}
duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-1}
port=${BENCH_PORT:-18475}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
base="http://127.0.0.1:$port"
pw=bench-only-password-1
command -v wrk >/dev/null || { echo "bench/rest/variants: wrk is not installed" >&2; exit 1; }
command -v nstat >/dev/null || { echo "bench/rest/variants: nstat (iproute2) is not installed" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
pid=""; work=""
stop() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; pid=""; }
trap 'stop; [ -n "$work" ] && rm -rf "$work"' EXIT
printf '%-52s %5s %8s %8s %8s %8s | %8s %8s %8s | %9s %6s  %s\n' variant conns req/s 'p50 ms' 'p99 ms' 'max ms' \
  'srv p50' 'srv p99' 'srv p999' overflows 'cpu s' 'load'
for round in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    read -r -a opts <<<"$v"
    work=$(mktemp -d)
    STEWARD_PORT=$port STEWARD_DATA_DIR="$work/data" STEWARD_ADMIN_PASSWORD=$pw "$java" "${opts[@]}" -jar "$jar" >"$work/log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "$base/actuator/health/readiness"; do kill -0 "$pid" || { tail "$work/log"; exit 1; }; sleep 0.2; done
    cj="$work/cj"
    curl -fs -c "$cj" -b "$cj" -o /dev/null "$base/api/auth/csrf"
    xsrf=$(awk '/XSRF-TOKEN/ {print $7}' "$cj")
    curl -fs -c "$cj" -b "$cj" -o /dev/null -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "$base/api/auth/login"
    xsrf=$(awk '/XSRF-TOKEN/ {print $7}' "$cj")
    token=$(curl -fs -c "$cj" -b "$cj" -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' -d '{"name":"v"}' \
      "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
    wrk -t2 -c50 -d8s -H "Authorization: Bearer $token" "$base/api/connections" >/dev/null # warm-up (JIT)
    for c in $connections; do
      mark=$(wc -l <"$work/log")
      nstat -n >/dev/null
      c0=$(cpu "$pid")
      out=$(wrk -t2 -c"$c" -d"$duration" --timeout 10s --latency -H "Authorization: Bearer $token" "$base/api/connections")
      c1=$(cpu "$pid")
      overflows=$(nstat -az TcpExtListenOverflows | awk '/ListenOverflows/ {print $2}')
      srv=$(tail -n +"$((mark + 1))" "$work/log" | { grep -o 'duration_ms=[0-9.]*' || true; } | cut -d= -f2 | sort -n \
        | awk '{a[NR] = $1} END {if (NR) printf "%8.1f %8.1f %8.1f", a[int(NR * .5) + 1], a[int(NR * .99) + 1], a[int(NR * .999) + 1]; else printf "%8s %8s %8s", "-", "-", "-"}')
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      max=$(echo "$out" | awk '$1 == "Latency" {print $4}')
      tomsv() { awk -v x="$1" 'BEGIN { n = x + 0; if (x ~ /us$/) n /= 1000; else if (x ~ /ms$/) n *= 1; else if (x ~ /s$/) n *= 1000; printf "%.1f", n }'; }
      printf '%-52s %5s %8.0f %8s %8s %8s | %s | %9s %6.1f  %s\n' "${v:0:52}" "$c" "$rps" "$(tomsv "$p50")" "$(tomsv "$p99")" \
        "$(tomsv "$max")" "$srv" "$overflows" "$(echo "$c1 - $c0" | bc)" "$(load)"
    done
    stop; rm -rf "$work"; work=""
  done
done
