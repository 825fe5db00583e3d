#!/usr/bin/env bash
# Export benchmark: starts Steward the README's way (./steward start) on a fresh data dir, makes an API token,
# creates a scratch PostgreSQL database with a table of BENCH_ROWS rows x 8 mixed columns (int, bigint, numeric,
# text, timestamp, bool, uuid, jsonb), registers it, then runs pairs A B A B …: psql's \copy (SELECT …) TO STDOUT CSV
# into a file (A) vs curl of Steward's POST /sql/export CSV of the same SELECT (B). Prints per run the wall time,
# rows/s and bytes; per pair the throughput ratio (Steward / psql); Steward's CPU-seconds and heap growth during
# its export (jcmd GC.heap_info sampled every 0.3 s: used heap, garbage included, so an upper bound); the time to
# the first page of the same SELECT through POST /sql + GET /executions/{id}; and the load average.
# Not part of the tests. Needs psql, curl, jcmd (from the JDK Steward runs on). Settings (environment):
#   BENCH_PORT (18481), BENCH_ROWS (1000000), BENCH_PAIRS (3), BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432),
#   BENCH_PG_USER (postgres; trust auth or PGPASSWORD)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${BENCH_PORT:-18481}
rows=${BENCH_ROWS:-1000000}
pairs=${BENCH_PAIRS:-3}
pg_host=${BENCH_PG_HOST:-127.0.0.1}
pg_port=${BENCH_PG_PORT:-5432}
pg_user=${BENCH_PG_USER:-postgres}
base="http://127.0.0.1:$port"
password=bench-only-password-1
work=$(mktemp -d)
db="bench_export_$$_$(date +%s)"
for tool in psql curl; do command -v $tool >/dev/null || { echo "bench/export: $tool is not installed" >&2; exit 1; }; done
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" "$@"; }

pid=""
created=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$created" ]; then psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
now() { date +%s.%N; }
heap_used_kb() { "$jcmd" "$pid" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1; }

echo "bench/export: $(date -u +%FT%TZ), $(nproc) cores, load $(load), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $rows rows, $pairs pairs"
echo "bench/export: creating database $db"
psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null
created=1
psql_ -d "$db" -c "CREATE TABLE wide AS SELECT g AS i, g::bigint * 1000003 AS b, (g / 7.0)::numeric(18,6) AS n,
  md5(g::text) || ' text, \"quoted\"' AS s, timestamp '2024-01-01' + g * interval '1 second' AS ts, g % 2 = 0 AS f,
  md5(g::text)::uuid AS u, jsonb_build_object('g', g, 'h', md5(g::text)) AS j FROM generate_series(1, $rows) g" >/dev/null
psql_ -d "$db" -c "VACUUM ANALYZE wide" >/dev/null
select="SELECT i, b, n, s, ts, f, u, j FROM wide"

echo "bench/export: starting Steward with ./steward start (builds first if sources changed) on a fresh data dir"
STEWARD_PORT=$port STEWARD_DATA_DIR="$work/data" STEWARD_ADMIN_PASSWORD=$password ./steward start >"$work/server.log" 2>&1 &
pid=$! # ./steward start execs java: this is the server's pid
until curl -fs -o /dev/null "$base/actuator/health/readiness"; do
  kill -0 "$pid" 2>/dev/null || { echo "bench/export: Steward did not start:" >&2; tail -30 "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
java_bin=$(readlink -f "/proc/$pid/exe")
jcmd="$(dirname "$java_bin")/jcmd"
[ -x "$jcmd" ] || jcmd=$(command -v jcmd || echo "")
echo "bench/export: ready (server pid $pid, load $(load))"

jar="$work/cookies"
curl -fs -c "$jar" -b "$jar" -o /dev/null "$base/api/auth/csrf"
xsrf() { awk '/XSRF-TOKEN/ {print $7}' "$jar"; }
curl -fs -c "$jar" -b "$jar" -o /dev/null -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login"
token=$(curl -fs -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d '{"name":"bench/export"}' "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench/export: could not create an API token" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
connection=$(curl -fs "${auth[@]}" -d "{\"name\":\"bench export $db\",\"url\":\"postgresql://$pg_user@$pg_host:$pg_port/$db\"}" \
  "$base/api/connections" | sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$connection" ] || { echo "bench/export: could not register the scratch database" >&2; exit 1; }
body="{\"sql\":\"$select\",\"format\":\"csv\"}"

run_psql() { psql_ -d "$db" -c "\\copy ($select) TO STDOUT CSV" >"$work/psql.csv"; }
run_steward() {
  curl -fs -o "$work/steward.csv" "${auth[@]}" -d "$body" "$base/api/connections/$connection/sql/export"
}

echo "bench/export: warming up (JIT) with one export of each"
run_psql; run_steward
[ "$(wc -l <"$work/psql.csv")" -eq "$rows" ] || { echo "bench/export: psql wrote $(wc -l <"$work/psql.csv") rows" >&2; exit 1; }

printf '\n%-5s %-8s %9s %12s %10s %9s %12s  %s\n' pair tool 'wall s' 'rows/s' 'MB' 'cpu s' 'heap +MB' 'load (1 5 15 min)'
ratios=()
for p in $(seq 1 "$pairs"); do
  start=$(now); run_psql; end=$(now)
  a=$(echo "$end - $start" | bc)
  awk -v p="$p" -v t="$a" -v r="$rows" -v by="$(stat -c %s "$work/psql.csv")" -v la="$(load)" \
    'BEGIN { printf "%-5d %-8s %9.2f %12.0f %10.1f %9s %12s  %s\n", p, "psql", t, r / t, by / 1048576, "-", "-", la }'

  base_heap=$(heap_used_kb || true); peak_heap=${base_heap:-0}
  ( while :; do heap_used_kb || true; sleep 0.3; done ) >"$work/heap.samples" 2>/dev/null &
  sampler=$!
  cpu_before=$(cpu_seconds "$pid")
  start=$(now); run_steward; end=$(now)
  cpu_after=$(cpu_seconds "$pid")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  peak_heap=$(sort -n "$work/heap.samples" | tail -1); peak_heap=${peak_heap:-0}
  b=$(echo "$end - $start" | bc)
  lines=$(wc -l <"$work/steward.csv")
  [ "$lines" -eq $((rows + 1)) ] || { echo "bench/export: Steward wrote $lines lines, expected $((rows + 1))" >&2; exit 1; }
  awk -v p="$p" -v t="$b" -v r="$rows" -v by="$(stat -c %s "$work/steward.csv")" -v cpu="$(echo "$cpu_after - $cpu_before" | bc)" \
    -v heap="$(( (peak_heap - ${base_heap:-0}) / 1024 ))" -v la="$(load)" \
    'BEGIN { printf "%-5d %-8s %9.2f %12.0f %10.1f %9.2f %12d  %s\n", p, "steward", t, r / t, by / 1048576, cpu, heap, la }'
  ratios+=("$(echo "scale=3; $a / $b" | bc)")
done
echo
echo "bench/export: throughput ratio Steward/psql per pair: ${ratios[*]} (target >= 0.7)"

# time to the first page of the same SELECT through the console API (POST answers at once; the long-poll returns
# as soon as the first page is there)
first_page() {
  local start end id
  start=$(now)
  id=$(curl -fs "${auth[@]}" -d "{\"sql\":\"$select\"}" "$base/api/connections/$connection/sql" \
    | sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p')
  until curl -fs "${auth[@]}" "$base/api/sql/executions/$id?waitMs=5000" | grep -q '"rows":\[\['; do :; done
  end=$(now)
  curl -fs -o /dev/null "${auth[@]}" -X POST "$base/api/sql/executions/$id/cancel" || true
  echo "$end - $start" | bc
}
first_page >/dev/null
printf 'bench/export: first page through /sql:'
for _ in 1 2 3; do printf ' %.0f ms' "$(echo "$(first_page) * 1000" | bc)"; done
echo " (target <= 200 ms)"
echo "bench/export: server RSS $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status"), load $(load)"
