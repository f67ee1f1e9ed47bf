#!/usr/bin/env bash
# How long a config change made on one node takes to reach another (docs/benchmarks.md).
#   bench/config-propagation.sh [changes=30]
# Starts a two-node cluster with ./mabeam on a fresh PostgreSQL database, declares a setting, changes it
# on node 1 and measures, per change, the time until node 2's MicroProfile Config resolves the new value
# (client side, polling node 2 every 10 ms; MicroProfile Config keeps values up to half a second), then prints
# node 2's own commit-to-cache timer (Payara prints its values in nanoseconds despite the name).
set -euo pipefail
cd "$(dirname "$0")/.."
CHANGES=${1:-30}
PORT=18100
runuser -u postgres -- dropdb --if-exists --force mabeam_configbench
runuser -u postgres -- createdb -O mabeam mabeam_configbench
export MABEAM_DB_URL=jdbc:postgresql://127.0.0.1:5432/mabeam_configbench MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam
export MABEAM_ADMIN_PASSWORD=bench-admin-password-1
./mabeam cluster --nodes 2 --port $PORT >/dev/null
trap './mabeam stop >/dev/null 2>&1 || true' EXIT
ONE=http://127.0.0.1:$PORT/api/v1/config
TWO=http://127.0.0.1:$((PORT + 1))/api/v1/config
# a bearer token: Basic authentication hashes the password (PBKDF2, ~250 ms here) on every request
TOKEN=$(curl -fsS -u "admin:$MABEAM_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/tokens" -d '{"name":"config-propagation"}' | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
AUTH=(-H "Authorization: Bearer $TOKEN")
curl -fsS "${AUTH[@]}" -X PUT -H 'Content-Type: application/json' "$ONE/schemas/bench.propagation" \
  -d '{"type":"integer","minimum":0}' >/dev/null
times=()
for i in $(seq 1 "$CHANGES"); do
  start=$(date +%s%N)
  curl -fsS "${AUTH[@]}" -X PUT -H 'Content-Type: application/json' "$ONE/bench.propagation" -d "{\"value\":$i}" >/dev/null
  acknowledged=$(date +%s%N)
  until curl -fsS "${AUTH[@]}" "$TWO/bench.propagation" | grep -q "\"effective\":{\"value\":\"$i\""; do sleep 0.01; done
  seen=$(date +%s%N)
  times+=($(( (seen - acknowledged) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "changes: $n; from node 1's acknowledgement to node 2 resolving the value (ms):"
echo "  min ${sorted[0]}  median ${sorted[$((n / 2))]}  p90 ${sorted[$((n * 9 / 10))]}  max ${sorted[$((n - 1))]}"
echo "node 2's commit-to-cache timer:"
curl -fsS "http://127.0.0.1:$((PORT + 1))/metrics" | grep -E '^mabeam_config_change_delay_seconds(_max|_count|\{.*quantile="0.5"|\{.*quantile="0.99")' || true
