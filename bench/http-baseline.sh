#!/usr/bin/env bash
# Walking-skeleton baselines (docs/benchmarks.md): boot-to-ready of a Payara Micro node with mabeam.war
# against an empty WAR and a bare JAX-RS WAR, and wrk throughput/latency of a trivial authenticated
# endpoint against the bare JAX-RS endpoint, in one run on this machine. Loopback only.
#   bench/http-baseline.sh [runs=3] [seconds=20] [connections=16]
# Needs: ./mabeam build (or demo) done, wrk (apt-get install wrk), PostgreSQL on 127.0.0.1 with role mabeam.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-3}; SECONDS_PER_RUN=${2:-20}; CONNECTIONS=${3:-16}
PAYARA_VERSION="$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -n 1)"
MICRO="$ROOT/run/lib/payara-micro-$PAYARA_VERSION.jar"
OUT="$ROOT/target/bench"; mkdir -p "$OUT"
PORT=18480

[ -f "$MICRO" ] || ./mvnw -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" -DoutputDirectory="$ROOT/run/lib"
[ -f web/target/mabeam.war ] || ./mvnw -B -q package -DskipTests -pl web -am
./mvnw -B -q -f bench/baseline-war/pom.xml package
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }

# an empty WAR: one static file
EMPTY="$OUT/empty"; rm -rf "$EMPTY"; mkdir -p "$EMPTY/war"; echo ok >"$EMPTY/war/index.html"
(cd "$EMPTY/war" && jar cf ../empty.war index.html)

runuser -u postgres -- dropdb --if-exists --force mabeam_bench
runuser -u postgres -- createdb -O mabeam mabeam_bench
export MABEAM_DB_URL=jdbc:postgresql://127.0.0.1:5432/mabeam_bench MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam
export MABEAM_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource MABEAM_ADMIN_PASSWORD=bench-admin-password MABEAM_NODE_NAME=bench

start() { # start WAR READY_PATH [TEXT] -> ms from launch to the first 200 on READY_PATH (whose body has TEXT)
  local war=$1 ready=$2 text=${3:-} t0 body
  t0=$(date +%s%N)
  java -Xmx768m -jar "$MICRO" --deploy "$war" --contextroot / --port $PORT --clustermode tcpip:127.0.0.1:6990 \
    --startport 6990 --interfaces 127.0.0.1 --clustername "bench-$$" >"$OUT/node.log" 2>&1 &
  PID=$!; echo $PID >"$OUT/pid"
  # Payara answers /health/ready before the application is deployed: wait for the application's own checks
  until body=$(curl -fs "http://127.0.0.1:$PORT$ready") && [[ "$body" == *"$text"* ]]; do
    kill -0 "$PID" 2>/dev/null || { tail -30 "$OUT/node.log" >&2; exit 1; }
    sleep 0.1
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { # start runs in a subshell when its output is captured, so the pid travels through a file
  local pid; pid=$(cat "$OUT/pid")
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

[ "$RUNS" -gt 0 ] && echo "== boot to ready, $RUNS runs each (ms)"
for war in empty baseline mabeam; do
  [ "$RUNS" -gt 0 ] || break
  case $war in
    empty) file="$EMPTY/empty.war"; ready=/index.html; text= ;;
    baseline) file="bench/baseline-war/target/baseline.war"; ready=/api/hello; text= ;;
    mabeam) file="web/target/mabeam.war"; ready=/health/ready; text='"name":"database","status":"UP"' ;;
  esac
  times=()
  for _ in $(seq 1 "$RUNS"); do times+=("$(start "$file" "$ready" "$text")"); stop; done
  echo "$war: ${times[*]}  median $(printf '%s\n' "${times[@]}" | median)"
done

wrk_run() { # label URL [header] [connections]
  local label=$1 url=$2 header=${3:-} file
  local CONNECTIONS=${4:-$CONNECTIONS}
  file="$OUT/wrk-$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' '-').txt"
  if [ -n "$header" ]; then
    wrk -t2 -c"$CONNECTIONS" -d10s -H "$header" "$url" >/dev/null  # warm-up
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "$header" "$url" >"$file"
  else
    wrk -t2 -c"$CONNECTIONS" -d10s "$url" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$url" >"$file"
  fi
  printf '%-28s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' "$file")" \
    "$(awk '$1=="50%" {print $2}' "$file")" \
    "$(awk '$1=="99%" {print $2}' "$file")" \
    "$(awk '/Non-2xx/ {print $NF}' "$file")"
}

echo "== wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s on loopback"
start bench/baseline-war/target/baseline.war /api/hello >/dev/null
wrk_run "bare JAX-RS /api/hello" "http://127.0.0.1:$PORT/api/hello"
stop

start web/target/mabeam.war /health/ready '"name":"database","status":"UP"' >/dev/null
BASIC="Authorization: Basic $(printf 'admin:bench-admin-password' | base64)"
TOKEN=$(curl -fsS -H "$BASIC" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  "http://127.0.0.1:$PORT/api/v1/tokens" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
wrk_run "mabeam /api/v1/me (Bearer)" "http://127.0.0.1:$PORT/api/v1/me" "Authorization: Bearer $TOKEN"
# Basic verifies a PBKDF2 hash per request (~0.3 s of a core): with 16 connections every request waits past
# wrk's 2 s timeout, so this one runs with 2 connections, one per core.
wrk_run "mabeam /api/v1/me (Basic, 2 conn.)" "http://127.0.0.1:$PORT/api/v1/me" "$BASIC" 2
stop
