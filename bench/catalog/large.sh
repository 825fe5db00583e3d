#!/usr/bin/env bash
# The ten-times-larger catalog of issue 9, the way a user meets it: the packaged jar (java -jar, H2 store unless
# STEWARD_DB_URL says otherwise) on a fresh data dir, a PostgreSQL connection registered over HTTP to a database of
# 100,000 tables / 1,000,000 columns, then over HTTP: the first full sync, a re-sync, the first table page (cold and
# warm), a search for one table name; then the server's heap after a full GC, its peak heap and its RSS.
# Builds the database once (about 15-30 min: BENCH_DB, default bench_100k, kept for later runs; BENCH_DROP=1 drops it).
# Needs curl, psql, jcmd and the jar (./mvnw -DskipTests package). Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${BENCH_DB:-bench_100k}
tables=${BENCH_TABLES:-100000}
port=${BENCH_PORT:-18482}
base="http://127.0.0.1:$port"
jar=target/steward-0.1.0-SNAPSHOT.jar
pw=bench-only-password-1
work=$(mktemp -d)
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
load() { cut -d' ' -f1-3 /proc/loadavg; }
ms() { date +%s%3N; }
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

have=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 't\_%'" 2>/dev/null || echo 0)
if [ "$have" -lt "$tables" ]; then
  echo "bench/catalog/large: building $db with $tables tables (once)"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql -h 127.0.0.1 -U postgres -d "$db" -q <<SQL
DO \$\$ BEGIN
  FOR i IN 1..$tables LOOP
    EXECUTE format('CREATE TABLE t_%s (id bigserial PRIMARY KEY, parent_id bigint%s, name text NOT NULL,
      code varchar(20), amount numeric(12,2), created_at timestamptz DEFAULT now(), flag boolean,
      note text, qty integer, ref uuid)', lpad(i::text, 6, '0'),
      CASE WHEN i % 10 = 0 THEN format(' REFERENCES t_%s(id)', lpad((i - 1)::text, 6, '0')) ELSE '' END);
    IF i % 10 = 0 THEN EXECUTE format('CREATE INDEX ON t_%s (code)', lpad(i::text, 6, '0')); END IF;
    IF i % 500 = 0 THEN COMMIT; END IF;
  END LOOP;
END \$\$;
ANALYZE;
SQL
fi
echo "bench/catalog/large: $(date -u +%FT%TZ), $(nproc) cores, load $(load), commit $(git rev-parse --short HEAD), $db: $(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname LIKE 't\_%' AND c.relkind = 'r' AND a.attnum > 0") columns"

STEWARD_PORT=$port STEWARD_DATA_DIR="$work/data" STEWARD_ADMIN_PASSWORD=$pw "$JAVA/java" ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "$base/actuator/health/readiness"; do kill -0 "$pid" || { tail -20 "$work/server.log"; exit 1; }; sleep 0.3; done
cj="$work/cookies"
curl -fs -c "$cj" -b "$cj" -o /dev/null "$base/api/auth/csrf"
xsrf() { awk '/XSRF-TOKEN/ {print $7}' "$cj"; }
curl -fs -c "$cj" -b "$cj" -o /dev/null -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "$base/api/auth/login"
token=$(curl -fs -c "$cj" -b "$cj" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  "$base/api/tokens" | sed -n 's/.*"token":"\(stw_[A-Za-z0-9_-]*\)".*/\1/p')
api() { curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
id=$(api -d "{\"name\":\"large\",\"engine\":\"POSTGRESQL\",\"host\":\"127.0.0.1\",\"port\":5432,\"database\":\"$db\",\"username\":\"postgres\"}" \
  "$base/api/connections" | sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$id" ] || { echo "could not register the connection" >&2; exit 1; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat"; }
heap_used() { "$JAVA/jcmd" "$pid" GC.heap_info | awk '/garbage-first heap|def new generation|heap total/ {for (i=1;i<=NF;i++) if ($i ~ /^used/) {print $(i+1); exit}}'; }
peak_sampler() { local peak=0 v; while kill -0 "$pid" 2>/dev/null; do
    v=$(curl -fs -H "Authorization: Bearer $token" "$base/actuator/prometheus" 2>/dev/null \
      | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {if (NR) printf "%.0f", s}')
    [ -n "$v" ] && peak=$(awk -v a="$peak" -v b="$v" 'BEGIN {print (b > a ? b : a)}'); echo "$peak" > "$work/peak"; sleep 0.2; done; }
"$JAVA/jcmd" "$pid" GC.run >/dev/null
echo "heap after start and GC: $(heap_used)"
echo 0 > "$work/peak"
peak_sampler & sampler=$!
for run in first re-sync; do
  c0=$(cpu); t0=$(ms); out=$(api -X POST "$base/api/connections/$id/catalog/sync"); t1=$(ms)
  echo "sync ($run): $((t1 - t0)) ms wall, server CPU $(echo "$(cpu) - $c0" | bc) s, reported $(echo "$out" | sed -n 's/.*"durationMillis":\([0-9]*\).*/\1/p') ms, objects $(echo "$out" | sed -n 's/.*"objects":\([0-9]*\).*/\1/p'), columns $(echo "$out" | sed -n 's/.*"columns":\([0-9]*\).*/\1/p'), load $(load)"
done
kill $sampler 2>/dev/null || true
echo "peak heap used during the syncs (sampled every 0.2 s): $(awk '{printf "%.0f MB", $1 / 1048576}' "$work/peak")"
for run in cold warm warm; do
  t0=$(ms); api -o /dev/null "$base/api/connections/$id/catalog/objects?database=$db&schema=public&page=0&size=50"; t1=$(ms)
  echo "first table page ($run): $((t1 - t0)) ms"
done
for q in t_054321 t_0543 code; do
  t0=$(ms); n=$(api "$base/api/catalog/search?q=$q&page=0&size=20" | sed -n 's/.*"totalElements":\([0-9]*\).*/\1/p'); t1=$(ms)
  echo "search '$q': $((t1 - t0)) ms ($n hits)"
done
"$JAVA/jcmd" "$pid" GC.run >/dev/null
echo "heap after GC: $(heap_used), RSS $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' /proc/$pid/status), load $(load)"
grep "Catalog sync of" "$work/server.log" | sed 's/.*Catalog sync/Catalog sync/' || true
if [ "${BENCH_DROP:-0}" = 1 ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $db"; fi
