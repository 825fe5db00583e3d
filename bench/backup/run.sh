#!/usr/bin/env bash
# Backup benchmark: a ~1.5 GB PostgreSQL database (pgbench -i -s 70 plus wide text tables), then PAIRS interleaved
# pairs (peer, Steward, peer, Steward, ...) of
#   pg_dump -Fc -f file (its default gzip)        vs  a Steward backup (zstd-3 + AES-256-GCM, local storage) over the API
#   pg_restore -j2 of that -Fc archive             vs  a Steward restore job (jobs=2) of its backup into a new database
# printing per run wall time, the tool side's CPU-seconds (pg_dump/pg_restore and their workers; Steward's JVM plus
# the pg_dump/pg_restore it runs), stored size and the load average; then Steward's RSS growth. The first Steward
# backup after start (cold JVM) is printed apart and left out of the pairs. Not part of the tests. Needs the local
# PostgreSQL (127.0.0.1:5432, trust) and pgbench, pg_dump, pg_restore, curl, jq.
#   SCALE=70 (pgbench scale)   PAIRS=3   KEEP=1 (keep the source database between runs)   JAR=path
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SCALE=${SCALE:-70}
PORT=${PORT:-18480}
PGHOST=127.0.0.1 PGPORT=5432 PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
SRC=steward_bench_src
WORK=$(mktemp -d /tmp/steward-bench-XXXX)
BASE="http://127.0.0.1:$PORT"
JAR=${JAR:-target/steward-0.1.0-SNAPSHOT.jar}
PAIRS=${PAIRS:-3}
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
cleanup() {
  [ -n "${STEWARD_PID:-}" ] && kill "$STEWARD_PID" 2>/dev/null && wait "$STEWARD_PID" 2>/dev/null || true
  drop_restored || true
  [ -z "${KEEP:-}" ] && psql_q "DROP DATABASE IF EXISTS $SRC WITH (FORCE)" || true
  rm -rf "$WORK"
}
drop_restored() { for db in steward_bench_pgrestore steward_bench_stwrestore; do psql_q "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
trap cleanup EXIT

# --- the data set --------------------------------------------------------------------------------------------
if [ -n "${KEEP:-}" ] && psql -X -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$SRC'" | grep -q 1; then
  echo "reusing database $SRC"
else
  psql_q "DROP DATABASE IF EXISTS $SRC WITH (FORCE)"
  psql_q "CREATE DATABASE $SRC"
  echo "loading pgbench scale $SCALE and wide text tables into $SRC ..."
  pgbench -q -i -s "$SCALE" "$SRC" >/dev/null 2>&1
  for t in 1 2 3; do
    psql -X -q -v ON_ERROR_STOP=1 -d "$SRC" -c "CREATE TABLE wide_$t AS SELECT g AS id, md5(g::text) || repeat(md5((g*$t)::text), 6) AS a, repeat('steward ', 20) || g AS b, now() - (g || ' s')::interval AS at FROM generate_series(1, 300000) g; ALTER TABLE wide_$t ADD PRIMARY KEY (id);"
  done
fi
DB_SIZE=$(psql -X -tA -d "$SRC" -c "SELECT pg_database_size(current_database())")
echo "source database: $(numfmt --to=iec "$DB_SIZE")"

# --- Steward -------------------------------------------------------------------------------------------------
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$JAR" ] || JAVA_HOME=$JAVA_HOME ./mvnw -q -B -DskipTests -Dskip.web=true package
STEWARD_DATA_DIR=$WORK/data STEWARD_PORT=$PORT STEWARD_ADMIN_PASSWORD=bench-admin-password \
  "$JAVA_HOME/bin/java" -jar "$JAR" > "$WORK/steward.log" 2>&1 &
STEWARD_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
JAR_COOKIES=$WORK/cookies
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/api/auth/csrf" >/dev/null
xsrf() { awk '$6=="XSRF-TOKEN"{print $7}' "$JAR_COOKIES"; }
api() { # method path [json]
  curl -sf -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
    -X "$1" "$BASE$2" ${3:+--data "$3"}
}
api POST /api/auth/login '{"username":"admin","password":"bench-admin-password"}' >/dev/null
CONN=$(api POST /api/connections "{\"name\":\"bench\",\"engine\":\"POSTGRESQL\",\"host\":\"127.0.0.1\",\"port\":5432,\"database\":\"$SRC\",\"username\":\"$PGUSER\"}" | jq -r .id)
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$STEWARD_PID/status"; }
sleep 2
RSS_BEFORE=$(rss_kb)
echo "$RSS_BEFORE" > "$WORK/peak"
# Steward's CPU-seconds: its own (utime + stime) and the children it has waited for (cutime + cstime: pg_dump,
# pg_restore), from /proc/<pid>/stat
jvm_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15 + $16 + $17) / hz}' "/proc/$STEWARD_PID/stat"; }
watch_rss() { # samples Steward's RSS while the given backup run is in progress
  while [ "$(api GET "/api/backups/$1" | jq -r .status)" = IN_PROGRESS ]; do
    peak; sleep 0.1
  done
}
# runs in command substitutions (subshells): the peak is kept in a file
peak() { local r p; r=$(rss_kb); p=$(cat "$WORK/peak"); [ "$r" -gt "$p" ] && echo "$r" > "$WORK/peak"; return 0; }
wait_job() { # job id -> its final status
  local st
  while :; do
    st=$(api GET "/api/jobs/$1" | jq -r .status)
    case $st in COMPLETED|FAILED|CANCELLED) echo "$st"; return;; esac
    peak; sleep 0.1
  done
}

# --- interleaved pairs ---------------------------------------------------------------------------------------
TIMEFORMAT='%R %U %S'
timed() { # command... -> "wall cpu" of the command and its children
  local t
  t=$( { time "$@" >/dev/null 2>"$WORK/err"; } 2>&1 ) || { cat "$WORK/err"; exit 1; }
  echo "$t" | awk '{printf "%.2f %.2f", $1, $2 + $3}'
}
steward_backup() { # level -> "wall cpu size run"
  local t0 t1 c0 c1 run view
  c0=$(jvm_cpu); t0=$(now)
  run=$(api POST /api/backups "{\"connectionId\":\"$CONN\",\"kind\":\"FULL\",\"compression\":\"ZSTD\",\"compressionLevel\":$1,\"encrypted\":true,\"storage\":\"local\"}" | jq -r .id)
  watch_rss "$run"
  t1=$(now); c1=$(jvm_cpu)
  view=$(api GET "/api/backups/$run")
  [ "$(echo "$view" | jq -r .status)" = COMPLETED ] || { echo "Steward backup failed: $(echo "$view" | jq -r .error)" >&2; exit 1; }
  printf '%.2f %.2f %s %s' "$(secs "$t0" "$t1")" "$(echo "$c1 - $c0" | bc)" "$(echo "$view" | jq -r .storedSize)" "$run"
}
steward_restore() { # run -> "wall cpu"
  local t0 t1 c0 c1 job st
  c0=$(jvm_cpu); t0=$(now)
  job=$(api POST "/api/backups/$1/restore" "{\"targetConnectionId\":\"$CONN\",\"database\":\"steward_bench_stwrestore\",\"newDatabase\":true,\"jobs\":2,\"confirm\":\"steward_bench_stwrestore\"}" | jq -r .id)
  st=$(wait_job "$job")
  t1=$(now); c1=$(jvm_cpu)
  [ "$st" = COMPLETED ] || { echo "Steward restore $st: $(api GET "/api/jobs/$job" | jq -c .failure)" >&2; exit 1; }
  printf '%.2f %.2f' "$(secs "$t0" "$t1")" "$(echo "$c1 - $c0" | bc)"
}
row() { printf '%-4s %-30s %8s %8s %10s  %s\n' "$@"; }
echo "bench/backup: $(date -u +%FT%TZ), $(nproc) cores, $PAIRS pairs, load $(load)"
row pair run "wall s" "cpu s" stored "load (1 5 15 min)"
read -r w c size RUN <<<"$(steward_backup 3)"
row 0 "Steward backup, cold JVM" "$w" "$c" "$(numfmt --to=iec "$size")" "$(load)"
declare -a DUMP_W STW_W PGR_W STR_W
for i in $(seq 1 "$PAIRS"); do
  read -r w c <<<"$(timed pg_dump -Fc -f "$WORK/plain.dump" "$SRC")"; DUMP_W+=("$w")
  row "$i" "pg_dump -Fc" "$w" "$c" "$(numfmt --to=iec "$(stat -c %s "$WORK/plain.dump")")" "$(load)"
  read -r w c size RUN <<<"$(steward_backup 3)"; STW_W+=("$w")
  row "$i" "Steward backup (zstd-3, AES)" "$w" "$c" "$(numfmt --to=iec "$size")" "$(load)"
done
for i in $(seq 1 "$PAIRS"); do
  drop_restored; psql_q "CREATE DATABASE steward_bench_pgrestore"
  read -r w c <<<"$(timed pg_restore -j2 --no-owner -d steward_bench_pgrestore "$WORK/plain.dump")"; PGR_W+=("$w")
  row "$i" "pg_restore -j2" "$w" "$c" "" "$(load)"
  read -r w c <<<"$(steward_restore "$RUN")"; STR_W+=("$w")
  row "$i" "Steward restore (jobs=2, new db)" "$w" "$c" "" "$(load)"
done
ROWS_SRC=$(psql -X -tA -d "$SRC" -c "SELECT count(*) FROM pgbench_accounts")
ROWS_RESTORED=$(psql -X -tA -d steward_bench_stwrestore -c "SELECT count(*) FROM pgbench_accounts")
PEAK=$(cat "$WORK/peak")
ADDED_MB=$(( (PEAK - RSS_BEFORE) / 1024 ))
ratios() { # a[] b[] -> per-pair ratios and their median
  local -n a=$1 b=$2; local out=() i
  for i in "${!a[@]}"; do out+=("$(echo "scale=2; ${b[$i]} / ${a[$i]}" | bc)"); done
  printf '%s (median %s)' "${out[*]}" "$(printf '%s\n' "${out[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')"
}
echo
echo "backup / pg_dump -Fc, per pair:      $(ratios DUMP_W STW_W)   target <= 0.60"
echo "restore / pg_restore -j2, per pair:  $(ratios PGR_W STR_W)   target <= 1.10"
echo "database size:            $(numfmt --to=iec "$DB_SIZE")"
echo "Steward RSS before/peak:  $((RSS_BEFORE/1024)) MB / $((PEAK/1024)) MB  (added ${ADDED_MB} MB; target <= 64 MB)"
echo "pgbench_accounts rows:    source $ROWS_SRC, Steward-restored $ROWS_RESTORED"
[ "$ROWS_SRC" = "$ROWS_RESTORED" ] || { echo "restored row count differs" >&2; exit 1; }
