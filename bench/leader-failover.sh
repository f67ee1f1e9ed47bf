#!/usr/bin/env bash
# How long a role goes without a leader when the leader's process is killed (docs/benchmarks.md).
#   bench/leader-failover.sh [runs=10]
# Starts a three-node cluster with ./mabeam on a fresh PostgreSQL database (quorum 2), then per run: finds
# the leader of study-scheduler, kills its process with SIGKILL, polls a surviving node every 20 ms until
# it names another leader, and takes the new term's start (stamped by the new leader, same machine clock)
# minus the moment of the kill. The killed node is restarted before the next run, so it rejoins as the
# youngest member. Prints every run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
PORT=18300
runuser -u postgres -- dropdb --if-exists --force mabeam_failoverbench
runuser -u postgres -- createdb -O mabeam mabeam_failoverbench
export MABEAM_DB_URL=jdbc:postgresql://127.0.0.1:5432/mabeam_failoverbench MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam
export MABEAM_ADMIN_PASSWORD=bench-admin-password-1
./mabeam cluster --nodes 3 --port $PORT >/dev/null
trap './mabeam stop >/dev/null 2>&1 || true' EXIT
TOKEN=$(curl -fsS -u "admin:$MABEAM_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/tokens" -d '{"name":"leader-failover"}' | jq -r .secret)
AUTH=(-H "Authorization: Bearer $TOKEN")
leader_seen_by() { curl -fsS "${AUTH[@]}" "http://127.0.0.1:$1/api/v1/coordination/leaders/study-scheduler"; }
times=()
for run in $(seq 1 "$RUNS"); do
  old=$(leader_seen_by $PORT 2>/dev/null || leader_seen_by $((PORT + 1)))
  leader=$(jq -r .leader.node <<<"$old")
  survivor_port=""
  for name in node-1 node-2 node-3; do
    [ "$name" != "$leader" ] && { survivor_port=$(cat "run/$name.port"); break; }
  done
  killed_at=$(date +%s%N)
  kill -9 "$(cat "run/$leader.pid")"
  while true; do
    now=$(leader_seen_by "$survivor_port" || echo '{}')
    new=$(jq -r '.leader.node // empty' <<<"$now")
    if [ -n "$new" ] && [ "$new" != "$leader" ]; then break; fi
    sleep 0.02
  done
  seen_at=$(date +%s%N)
  since=$(date -d "$(jq -r .leader.since <<<"$now")" +%s%N)
  ms=$(( (since - killed_at) / 1000000 ))
  times+=("$ms")
  echo "run $run: killed $leader (epoch $(jq .leader.epoch <<<"$old")); $new leads from epoch $(jq .leader.epoch <<<"$now") ${ms} ms after the kill (seen by polling after $(( (seen_at - killed_at) / 1000000 )) ms)"
  ./mabeam restart "$leader" >/dev/null
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "runs: $n; from SIGKILL of the leader to the new leader's term (ms):"
median=$(( n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
echo "  min ${sorted[0]}  median ${median}  max ${sorted[$((n - 1))]}"
