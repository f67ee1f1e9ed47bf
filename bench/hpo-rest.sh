#!/usr/bin/env bash
# End-to-end ask+tell over REST, every trial persisted: one MABEAM node (Payara Micro) on a fresh single-node
# PostgreSQL database, driven by the HPO harness in REST mode (docs/benchmarks.md). Prints the harness table
# (wall ms per ask+tell in the last columns) and trials/s per study; then the same with parallel workers.
#   bench/hpo-rest.sh [trials=200] [seeds=3] [workers=4]
# Needs: PostgreSQL on 127.0.0.1 with role mabeam (./mabeam test or ./mabeam cluster set it up).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TRIALS=${1:-200}; SEEDS=${2:-3}; WORKERS=${3:-4}
PAYARA_VERSION="$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -n 1)"
MICRO="$ROOT/run/lib/payara-micro-$PAYARA_VERSION.jar"
OUT="$ROOT/target/bench"; mkdir -p "$OUT"
PORT=18481

[ -f "$MICRO" ] || ./mvnw -B -q -o dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" -DoutputDirectory="$ROOT/run/lib"
./mvnw -B -q -o install -DskipTests -Dspotless.check.skip=true -pl .,db,ejb,batch-jobs,web
(cd bench/hpo && ../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)

runuser -u postgres -- dropdb --if-exists --force mabeam_bench
runuser -u postgres -- createdb -O mabeam mabeam_bench
export MABEAM_DB_URL=jdbc:postgresql://127.0.0.1:5432/mabeam_bench MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam
export MABEAM_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource MABEAM_ADMIN_PASSWORD=bench-admin-password MABEAM_NODE_NAME=bench
# the harness is one client: lift the per-client write limit
export MABEAM_RATELIMIT_ENABLED=false

java -Xmx1g -jar "$MICRO" --deploy web/target/mabeam.war --contextroot / --port $PORT --clustermode tcpip:127.0.0.1:6991 \
  --startport 6991 --interfaces 127.0.0.1 --clustername "bench-hpo-$$" >"$OUT/hpo-node.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/health/ready" | grep -q '"name":"database","status":"UP"'; do
  kill -0 "$PID" 2>/dev/null || { tail -30 "$OUT/hpo-node.log" >&2; exit 1; }
  sleep 0.5
done
TOKEN=$(curl -fs -u admin:bench-admin-password -H 'Content-Type: application/json' \
  -d '{"name":"bench","owner":"admin","lifetimeDays":1}' "http://127.0.0.1:$PORT/api/v1/tokens" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
CP="bench/hpo/target/classes:ejb/target/classes:$(cat bench/hpo/target/classpath.txt)"
echo "== sequential: one client, ask then tell, $SEEDS studies of $TRIALS trials"
java -cp "$CP" io.mabeam.bench.hpo.HpoBenchmark --url "http://127.0.0.1:$PORT/" --token "$TOKEN" \
  --problems branin,mixed --samplers random,tpe,auto --seeds "$SEEDS" --trials "$TRIALS" --threads 1
echo "== $WORKERS clients at once, each its own study"
java -cp "$CP" io.mabeam.bench.hpo.HpoBenchmark --url "http://127.0.0.1:$PORT/" --token "$TOKEN" \
  --problems branin --samplers tpe --seeds "$WORKERS" --trials "$TRIALS" --threads "$WORKERS"
