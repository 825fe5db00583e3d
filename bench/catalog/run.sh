#!/usr/bin/env bash
# Catalog benchmark: 10,000 PostgreSQL tables / 100,000 columns (+ a 2,000-table MariaDB run), measured over
# HTTP against a Steward started in the benchmark's JVM. Needs the local PostgreSQL and MariaDB of the test
# setup (see ScratchDatabases). Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -q -Dskip.web=true -DskipTests test-compile
mvn -q -Dskip.web=true dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.steward.bench.CatalogBenchmark
