#!/usr/bin/env bash
# Monitoring footprint benchmark: starts Steward (./steward start) on a fresh PostgreSQL metadata store, registers N
# connections (alternately the local PostgreSQL and MariaDB, each on its own scratch database), switches their
# monitoring on every BENCH_INTERVAL seconds and lets them be sampled for BENCH_MINUTES. Prints Steward's CPU-seconds
# (and % of one core), the database time of one sample on the target (PostgreSQL's sample statements timed with
# EXPLAIN ANALYZE-free client timing, mean of 50), the store's growth extrapolated to a day, the time of a chart query
# over 30 days of 1-minute data (synthetic rows), and the load average. Not part of the tests.
# Settings: BENCH_CONNECTIONS (200), BENCH_MINUTES (10), BENCH_INTERVAL (15), BENCH_PORT (18490)
# Each monitored connection keeps one session open: half of N go to the local PostgreSQL, so N must stay below
# twice its max_connections less Steward's store pool (120 with the default 100; see RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${BENCH_CONNECTIONS:-200}
minutes=${BENCH_MINUTES:-10}
interval=${BENCH_INTERVAL:-15}
port=${BENCH_PORT:-18490}
base="http://127.0.0.1:$port"
password=bench-only-password-1
work=$(mktemp -d)
suffix=$(date +%s)$$
store="steward_bench_store_$suffix"
pgdb="steward_bench_pg_$suffix"
mydb="steward_bench_my_$suffix"
psql_() { psql -X -q -A -t -h 127.0.0.1 -U postgres "$@"; }

pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $store WITH (FORCE)" >/dev/null 2>&1 || true
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $mydb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
store_bytes() {
  psql_ -d "$store" -c "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
    WHERE c.relname IN ('monitor_samples', 'monitor_rollups', 'monitor_settings') AND c.relkind = 'r'"
}

echo "bench/monitor: $(date -u +%FT%TZ), $(nproc) cores, load $(load), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "bench/monitor: $n connections every $interval s for $minutes min"
psql_ -d postgres -c "CREATE DATABASE $store" -c "CREATE DATABASE $pgdb" >/dev/null
mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $mydb"

STEWARD_PORT=$port STEWARD_DATA_DIR="$work/data" STEWARD_ADMIN_PASSWORD=$password \
  STEWARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$store" STEWARD_DB_USER=postgres STEWARD_DB_PASSWORD= \
  STEWARD_MONITOR_MINUTERETENTION=31d STEWARD_CONNECTION_SAMPLE_ENABLED=false \
  ./steward start >"$work/server.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "$base/actuator/health/readiness"; do
  kill -0 "$pid" 2>/dev/null || { echo "bench/monitor: Steward did not start:" >&2; tail -30 "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "bench/monitor: ready (server pid $pid, load $(load))"

jar="$work/cookies"
curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/api/auth/csrf"
xsrf() { awk '/XSRF-TOKEN/ {print $7}' "$jar"; }
curl -fs -c "$jar" -b "$jar" -o /dev/null -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login"
token=$(curl -fs -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d '{"name":"bench/monitor"}' "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench/monitor: could not create an API token" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

ids=()
for i in $(seq 1 "$n"); do
  if [ $((i % 2)) -eq 1 ]; then
    body="{\"name\":\"bench pg $i\",\"engine\":\"POSTGRESQL\",\"host\":\"127.0.0.1\",\"port\":5432,\"database\":\"$pgdb\",\"username\":\"postgres\",\"sslMode\":\"DISABLE\"}"
  else
    body="{\"name\":\"bench my $i\",\"engine\":\"MYSQL\",\"host\":\"127.0.0.1\",\"port\":3306,\"database\":\"$mydb\",\"username\":\"root\",\"sslMode\":\"DISABLE\"}"
  fi
  answer=$(curl -s "${auth[@]}" -d "$body" "$base/api/connections")
  id=$(sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$answer")
  [ -n "$id" ] || { echo "bench/monitor: could not register connection $i: $answer" >&2; exit 1; }
  ids+=("$id")
done
for id in "${ids[@]}"; do
  curl -fsS -o /dev/null -X PUT "${auth[@]}" -d "{\"enabled\":true,\"intervalSeconds\":$interval}" \
    "$base/api/connections/$id/monitoring" || { echo "bench/monitor: could not switch monitoring on for $id" >&2; exit 1; }
done
echo "bench/monitor: $n connections registered and monitored (load $(load))"

sleep "$interval" # first round of samples
cpu0=$(cpu_seconds "$pid"); bytes0=$(store_bytes); t0=$(date +%s)
sleep $((minutes * 60))
cpu1=$(cpu_seconds "$pid"); bytes1=$(store_bytes); t1=$(date +%s)
elapsed=$((t1 - t0))
samples=$(psql_ -d "$store" -c "SELECT count(DISTINCT (connection_id, sampled_at)) FROM monitor_samples
  WHERE sampled_at >= to_timestamp($t0)")
up=$(curl -fs "${auth[@]}" "$base/api/monitoring/overview" | grep -o '"status":"UP"' | wc -l)

# database time of one PostgreSQL sample: its statements, timed on the server by psql's \timing, mean of 50 rounds
pgms=$(
  { echo '\timing on'
    for _ in $(seq 1 50); do
      echo "SELECT 1;"
      echo "SELECT count(*), count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE cardinality(pg_blocking_pids(pid)) > 0), max(now() - query_start), current_setting('max_connections')::int FROM pg_stat_activity WHERE backend_type = 'client backend';"
      echo "SELECT s.xact_commit, s.blks_hit, pg_database_size(d.oid), age(d.datfrozenxid) FROM pg_stat_database s JOIN pg_database d ON d.oid = s.datid WHERE d.datname = current_database();"
    done; } | psql -X -q -h 127.0.0.1 -U postgres -d "$pgdb" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' \
    | awk '{s += $1} END {printf "%.2f", s / 50}')

# a chart over 30 days of 1-minute data: synthetic rollup rows for the first connection, then the API's answer time
first=${ids[0]}
psql_ -d "$store" -c "INSERT INTO monitor_rollups (resolution, connection_id, metric, bucket, avg_value, min_value,
  max_value, sample_count) SELECT 'MINUTE', '$first', 'latency', b, 5, 1, 9, 4 FROM generate_series(
  date_trunc('minute', now()) - interval '30 days', date_trunc('minute', now()) - interval '1 day', interval '1 minute') b
  ON CONFLICT DO NOTHING" >/dev/null
from=$(date -u -d '-30 days' +%FT%TZ); to=$(date -u +%FT%TZ)
curl -fs -o /dev/null "${auth[@]}" "$base/api/connections/$first/metrics?names=latency&from=$from&to=$to" # warm
chart=$(for _ in 1 2 3 4 5; do
  curl -fs -o "$work/chart.json" -w '%{time_total}\n' "${auth[@]}" "$base/api/connections/$first/metrics?names=latency&from=$from&to=$to"
done | sort -n | sed -n 3p)
points=$(grep -o '"t":\[[^]]*\]' "$work/chart.json" | tr ',' '\n' | wc -l)
resolution=$(sed -n 's/.*"resolution":"\([A-Z]*\)".*/\1/p' "$work/chart.json")

awk -v cpu="$(echo "$cpu1 - $cpu0" | bc)" -v el="$elapsed" -v n="$n" -v samples="$samples" -v up="$up" \
  -v b0="$bytes0" -v b1="$bytes1" -v pgms="$pgms" -v chart="$chart" -v points="$points" -v res="$resolution" \
  -v la="$(load)" 'BEGIN {
    printf "\nconnections %d, interval %s s, measured %d s, samples taken %d (%.1f/s), UP now %d\n", n, '"$interval"', el, samples, samples / el, up
    printf "Steward CPU: %.1f s = %.1f %% of one core (%.2f ms per sample)\n", cpu, 100 * cpu / el, samples ? 1000 * cpu / samples : 0
    printf "per-sample database time on PostgreSQL (3 statements, psql timing): %s ms\n", pgms
    printf "store growth: %.1f MB in %d s -> %.0f MB/day (raw rows; rollups and retention cap it at 48 h of raw)\n", (b1 - b0) / 1e6, el, (b1 - b0) / el * 86400 / 1e6
    printf "chart: 30 days of 1-minute data, median of 5: %.0f ms, %d points from %s\n", chart * 1000, points, res
    printf "load average (1 5 15 min): %s\n", la
  }'
