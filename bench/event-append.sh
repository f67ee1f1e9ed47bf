#!/usr/bin/env bash
# Event store append throughput against the physical limit of the same PostgreSQL (docs/benchmarks.md).
#   bench/event-append.sh [single appends per client and round=2000] [batches of 100 per client and round=50]
#   (JAVA_OPTS=-Drounds=5: rounds alternate the baseline and MABEAM; the median ratio is the figure)
# Needs PostgreSQL on 127.0.0.1 with the role mabeam (./mabeam test or ./mabeam cluster sets it up).
set -euo pipefail
cd "$(dirname "$0")/.."
SINGLES=${1:-2000}; BATCHES=${2:-50}
runuser -u postgres -- psql -q -c "select 1" >/dev/null
runuser -u postgres -- dropdb --if-exists --force mabeam_bench
runuser -u postgres -- createdb -O mabeam mabeam_bench
./mvnw -B -q install -DskipTests -Dspotless.check.skip=true -pl ejb -am
./mvnw -B -q -f bench/event-append/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java ${JAVA_OPTS:-} -cp "bench/event-append/target/classes:$(cat bench/event-append/target/classpath.txt)" \
  io.mabeam.bench.EventAppendBenchmark jdbc:postgresql://127.0.0.1:5432/mabeam_bench mabeam mabeam "$SINGLES" "$BATCHES"
