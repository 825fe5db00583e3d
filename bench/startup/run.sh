#!/usr/bin/env bash
# Start-up benchmark: time from launch to readiness (GET /actuator/health/readiness = 200) on a fresh data dir
# (first start: migrations, admin, sample) and again on the same data dir (second start), for
#   1. the README's command, ./steward start (extracted jar + JDK 25 AOT cache; no rebuild when nothing changed)
#   2. plain java -jar on the fat jar
# plus the idle RSS after start-up and the load average beside every figure. Not part of the tests.
# Settings (environment): BENCH_PORT (18490), BENCH_RUNS (3), BENCH_IDLE_SECONDS (15), JAVA_HOME (else the JDK
# ./steward would pick), BENCH_REBUILD=1 also times ./steward start with its build stamp removed.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${BENCH_PORT:-18490}
runs=${BENCH_RUNS:-3}
idle=${BENCH_IDLE_SECONDS:-15}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=target/steward-0.1.0-SNAPSHOT.jar
work=$(mktemp -d)
pid=""
cleanup() {
  pid=$(cat "$work/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }

# start_until_ready DATA_DIR LOG command... : runs the command in the background, waits for readiness, prints
# the seconds it took (it runs in a command substitution: the server's pid goes to $work/pid)
start_until_ready() {
  local data=$1 log=$2; shift 2
  local t0; t0=$(now)
  STEWARD_PORT=$port STEWARD_DATA_DIR=$data STEWARD_ADMIN_PASSWORD=bench-only-password-1 "$@" >"$log" 2>&1 &
  pid=$!
  echo "$pid" > "$work/pid"
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 "$pid" 2>/dev/null || { echo "bench/startup: did not start:" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$(now) - $t0" | bc
}
stop() { # the server is not this shell's child: wait until it is gone
  pid=$(cat "$work/pid"); kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  pid=""
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
started_line() { sed -n 's/.*Started StewardApplication in \([0-9.]*\) seconds.*/\1/p' "$1" | head -1; }
login_ok() { # the first login works as soon as the server is ready
  local jar="$work/cookies" xsrf
  rm -f "$jar"
  curl -fs -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$port/api/auth/csrf"
  xsrf=$(awk '/XSRF-TOKEN/ {print $7}' "$jar")
  curl -fs -c "$jar" -b "$jar" -o /dev/null -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-only-password-1"}' "http://127.0.0.1:$port/api/auth/login" \
    && echo yes || echo NO
}

echo "bench/startup: $(date -u +%FT%TZ), $(nproc) cores, load $(load), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# make sure the jar is built and the AOT cache trained (a build, if needed, is not part of the figures)
echo "bench/startup: preparing (./steward start builds and trains the cache if needed)..."
t=$(start_until_ready "$work/prepare" "$work/prepare.log" ./steward start); stop
echo "  preparing start: ${t} s (includes any build and cache training), load $(load)"

echo
printf '%-34s %4s %9s %11s %8s %9s  %s\n' path run 'ready s' 'Started s' 'RSS MB' 'login ok' 'load (1 5 15 min)'
report() { # label run seconds log
  local rss=""
  if [ "$2" = second ]; then sleep "$idle"; rss=$(rss_mb "$(cat "$work/pid")"); fi
  printf '%-34s %4s %9.2f %11s %8s %9s  %s\n' "$1" "$2" "$3" "$(started_line "$4")" "${rss:--}" \
    "$([ "$2" = first ] && login_ok || echo -)" "$(load)"
}
for i in $(seq 1 "$runs"); do
  data="$work/readme-$i"
  t=$(start_until_ready "$data" "$work/r1.log" ./steward start); report "./steward start (README)" first "$t" "$work/r1.log"; stop
  t=$(start_until_ready "$data" "$work/r2.log" ./steward start); report "./steward start (README)" second "$t" "$work/r2.log"; stop
  data="$work/jar-$i"
  t=$(start_until_ready "$data" "$work/j1.log" "$java" -jar "$jar"); report "java -jar (fat jar)" first "$t" "$work/j1.log"; stop
  t=$(start_until_ready "$data" "$work/j2.log" "$java" -jar "$jar"); report "java -jar (fat jar)" second "$t" "$work/j2.log"; stop
done

echo
# the build check alone: how long ./steward start takes before it launches Java when nothing changed
t0=$(now); out=$(bash -c 'source <(sed -n "/^digest()/,/^}/p; /^build_if_changed()/,/^}/p" steward); build_if_changed' 2>&1)
echo "build check with nothing changed: $(echo "$(now) - $t0" | bc) s ($out), load $(load)"
if [ "${BENCH_REBUILD:-0}" = 1 ]; then
  rm -f target/.build.stamp # as if a source had changed: Maven's incremental package (web unchanged: skipped)
  t=$(start_until_ready "$work/rebuild" "$work/rebuild.log" ./steward start); stop
  echo "./steward start with the build stamp gone (mvnw package, web skipped, cache kept if the jar is the same): ${t} s, load $(load)"
fi
