#!/usr/bin/env bash
# Backup benchmark: a ~1 GB PostgreSQL database (pgbench -i -s 70 plus wide text tables), then, pair by pair,
#   pg_dump -Fc -f file (its default gzip)        vs  a Steward backup (zstd + AES-256-GCM, local storage) over the API
#   pg_restore -j2 of that -Fc archive             vs  a Steward restore of its backup into a new database
# printing wall time, stored size and Steward's RSS growth. Not part of the tests. Needs the local PostgreSQL
# (127.0.0.1:5432, trust) and pgbench, pg_dump, pg_restore, curl, jq.
#   SCALE=70 (pgbench scale)   KEEP=1 (keep the source database between runs)
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
JAR=target/steward-0.1.0-SNAPSHOT.jar
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
cleanup() {
  [ -n "${STEWARD_PID:-}" ] && kill "$STEWARD_PID" 2>/dev/null && wait "$STEWARD_PID" 2>/dev/null || true
  for db in steward_bench_pgrestore steward_bench_stwrestore; do psql_q "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
  [ -z "${KEEP:-}" ] && psql_q "DROP DATABASE IF EXISTS $SRC WITH (FORCE)" || true
  rm -rf "$WORK"
}
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
PEAK=$RSS_BEFORE
watch_rss() { # samples Steward's RSS while the given run id is in progress
  while [ "$(api GET "/api/backups/$1" | jq -r .status)" = IN_PROGRESS ]; do
    r=$(rss_kb); [ "$r" -gt "$PEAK" ] && PEAK=$r; sleep 0.2
  done
}

# --- pg_dump vs Steward backup -------------------------------------------------------------------------------
t0=$(now); pg_dump -Fc -f "$WORK/plain.dump" "$SRC"; t1=$(now)
PG_DUMP_S=$(secs "$t0" "$t1"); PG_DUMP_SIZE=$(stat -c %s "$WORK/plain.dump")

steward_backup() { # level -> sets RUN, STW_S, STW_SIZE, STW_SERVER_MS
  local t0 t1 view
  t0=$(now)
  RUN=$(api POST /api/backups "{\"connectionId\":\"$CONN\",\"kind\":\"FULL\",\"compression\":\"ZSTD\",\"compressionLevel\":$1,\"encrypted\":true,\"storage\":\"local\"}" | jq -r .id)
  watch_rss "$RUN"
  t1=$(now)
  view=$(api GET "/api/backups/$RUN")
  [ "$(echo "$view" | jq -r .status)" = COMPLETED ] || { echo "Steward backup failed: $(echo "$view" | jq -r .error)"; exit 1; }
  STW_S=$(secs "$t0" "$t1"); STW_SIZE=$(echo "$view" | jq -r .storedSize); STW_SERVER_MS=$(echo "$view" | jq -r .durationMillis)
}
# the first backup runs on a cold JVM (interpreted code, JIT still compiling); Steward is a long-running
# server, so the warm figure is the steady state, and both are printed
steward_backup 3; COLD_S=$STW_S; COLD_SIZE=$STW_SIZE; COLD_MS=$STW_SERVER_MS
steward_backup 1; L1_S=$STW_S; L1_SIZE=$STW_SIZE
steward_backup 3   # warm, default level: the one restored below
ADDED_MB=$(( (PEAK - RSS_BEFORE) / 1024 ))

# --- pg_restore -j2 vs Steward restore -----------------------------------------------------------------------
psql_q "CREATE DATABASE steward_bench_pgrestore"
t0=$(now); pg_restore -j2 --no-owner -d steward_bench_pgrestore "$WORK/plain.dump"; t1=$(now)
PG_RESTORE_S=$(secs "$t0" "$t1")
t0=$(now)
RESTORE=$(api POST "/api/backups/$RUN/restore" "{\"targetConnectionId\":\"$CONN\",\"database\":\"steward_bench_stwrestore\",\"newDatabase\":true,\"jobs\":2,\"confirm\":\"steward_bench_stwrestore\"}")
t1=$(now)
STW_RESTORE_S=$(secs "$t0" "$t1")
ROWS_SRC=$(psql -X -tA -d "$SRC" -c "SELECT count(*) FROM pgbench_accounts")
ROWS_RESTORED=$(psql -X -tA -d steward_bench_stwrestore -c "SELECT count(*) FROM pgbench_accounts")

ratio() { echo "scale=2; $1 / $2" | bc; }
printf '\n%-34s %12s %14s %10s\n' "" "wall (s)" "stored" "vs pg_dump"
printf '%-34s %12.1f %14s %10s\n' "pg_dump -Fc (gzip, default)" "$PG_DUMP_S" "$(numfmt --to=iec "$PG_DUMP_SIZE")" "1.00"
printf '%-34s %12.1f %14s %10s\n' "Steward backup, cold JVM (zstd-3)" "$COLD_S" "$(numfmt --to=iec "$COLD_SIZE")" "$(ratio "$COLD_S" "$PG_DUMP_S") time"
printf '%-34s %12.1f %14s %10s\n' "Steward backup, warm (zstd-3)" "$STW_S" "$(numfmt --to=iec "$STW_SIZE")" "$(ratio "$STW_S" "$PG_DUMP_S") time"
printf '%-34s %12s %14s %10s\n' "" "" "" "$(ratio "$STW_SIZE" "$PG_DUMP_SIZE") size"
printf '%-34s %12.1f %14s %10s\n' "Steward backup, warm (zstd-1)" "$L1_S" "$(numfmt --to=iec "$L1_SIZE")" "$(ratio "$L1_S" "$PG_DUMP_S") time"
printf '%-34s %12s %14s %10s\n' "" "" "" "$(ratio "$L1_SIZE" "$PG_DUMP_SIZE") size"
printf '%-34s %12.1f\n' "pg_restore -j2" "$PG_RESTORE_S"
printf '%-34s %12.1f %14s %10s\n' "Steward restore (jobs=2)" "$STW_RESTORE_S" "" "$(ratio "$STW_RESTORE_S" "$PG_RESTORE_S") time"
echo
echo "database size:            $(numfmt --to=iec "$DB_SIZE")"
echo "Steward server-side time: cold ${COLD_MS} ms, warm ${STW_SERVER_MS} ms (dump start to manifest written)"
echo "Steward RSS before/peak:  $((RSS_BEFORE/1024)) MB / $((PEAK/1024)) MB  (added ${ADDED_MB} MB; target <= 64 MB)"
echo "pgbench_accounts rows:    source $ROWS_SRC, Steward-restored $ROWS_RESTORED"
echo "targets: backup <= 0.60 x pg_dump time, size <= pg_dump, restore <= 1.10 x pg_restore -j2"
