#!/usr/bin/env bash
# How long a role goes without a leader when the leader's node is cut off without a reset, and whether the
# cut-off node refuses fenced writes (docs/benchmarks.md). Needs root (network namespaces).
#   bench/leader-partition.sh [runs=10]
# Three Payara Micro nodes, each in its own network namespace (ip netns) with two veth links: one to the
# data grid's bridge (10.77.0.0/24) and one to the service bridge (10.78.0.0/24) where PostgreSQL listens
# for the run and the benchmark calls the REST API. Per run: find the leader of study-scheduler, take its
# data grid link down (packets vanish, no TCP reset; it still reaches the database, the dangerous kind of
# partition), poll the others until one names a new leader, and take the new term's start minus the
# moment of the cut; then ask the cut-off node for a fenced write (expect 503: it sees no quorum) and its
# leadership (expect none), kill it and start it again on a restored link. Failure detection: heartbeats
# every second, a member silent for 5 s is dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
ROOT=$(pwd)
WAR=$ROOT/web/target/mabeam.war
VERSION=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -n 1)
MICRO=$ROOT/run/lib/payara-micro-$VERSION.jar
[ -f "$WAR" ] && [ -f "$MICRO" ] || { echo "build first: ./mabeam build, and ./mabeam demo once for Payara Micro" >&2; exit 1; }
WORK=$(mktemp -d /tmp/mabeam-partition.XXXX)
DB=mabeam_partitionbench
PG_VERSION=$(pg_lsclusters -h | awk '$3 == 5432 {print $1; exit}')
PG_CONF=/etc/postgresql/$PG_VERSION/main
BRIDGE=mbr0
SERVICE_BRIDGE=mbr1
ip_of() { echo "10.77.0.$((10 + $1))"; }
service_ip_of() { echo "10.78.0.$((10 + $1))"; }
MEMBERS="$(ip_of 1):6900,$(ip_of 2):6900,$(ip_of 3):6900"
ADMIN_PASSWORD=bench-admin-password-1

cleanup() {
  set +e
  for i in 1 2 3; do
    [ -f "$WORK/node-$i.pid" ] && kill -9 "$(cat "$WORK/node-$i.pid")" 2>/dev/null
    ip netns del "mb$i" 2>/dev/null
    ip link del "veth-mb$i" 2>/dev/null
    ip link del "vsvc-mb$i" 2>/dev/null
  done
  ip link del "$BRIDGE" 2>/dev/null
  ip link del "$SERVICE_BRIDGE" 2>/dev/null
  rm -f "$PG_CONF/conf.d/mabeam-partition.conf"
  sed -i '/mabeam-partition/d' "$PG_CONF/pg_hba.conf"
  pg_ctlcluster "$PG_VERSION" main restart
}
trap cleanup EXIT
# what an interrupted earlier run may have left
for i in 1 2 3; do ip link del "veth-mb$i" 2>/dev/null || true; ip link del "vsvc-mb$i" 2>/dev/null || true; done

# --- network: two bridges in this namespace, one namespace per node with a link to each -------------
ip link add "$BRIDGE" type bridge
ip addr add 10.77.0.1/24 dev "$BRIDGE"
ip link set "$BRIDGE" up
ip link add "$SERVICE_BRIDGE" type bridge
ip addr add 10.78.0.1/24 dev "$SERVICE_BRIDGE"
ip link set "$SERVICE_BRIDGE" up
for i in 1 2 3; do
  ip netns add "mb$i"
  ip link add "veth-mb$i" type veth peer name eth0 netns "mb$i"
  ip link set "veth-mb$i" master "$BRIDGE" up
  ip -n "mb$i" addr add "$(ip_of "$i")/24" dev eth0
  ip -n "mb$i" link set eth0 up
  ip link add "vsvc-mb$i" type veth peer name eth1 netns "mb$i"
  ip link set "vsvc-mb$i" master "$SERVICE_BRIDGE" up
  ip -n "mb$i" addr add "$(service_ip_of "$i")/24" dev eth1
  ip -n "mb$i" link set eth1 up
  ip -n "mb$i" link set lo up
done

# --- PostgreSQL reachable from the namespaces, for this run only ----------------------------------------
mkdir -p "$PG_CONF/conf.d"
echo "listen_addresses = 'localhost,10.78.0.1' # mabeam-partition" >"$PG_CONF/conf.d/mabeam-partition.conf"
echo "host all all 10.78.0.0/24 scram-sha-256 # mabeam-partition" >>"$PG_CONF/pg_hba.conf"
grep -q "^include_dir = 'conf.d'" "$PG_CONF/postgresql.conf" || echo "include_dir = 'conf.d'" >>"$PG_CONF/postgresql.conf"
pg_ctlcluster "$PG_VERSION" main restart
runuser -u postgres -- dropdb --if-exists --force "$DB"
runuser -u postgres -- createdb -O mabeam "$DB"

start_node() {
  local i=$1
  ip netns exec "mb$i" env MABEAM_NODE_NAME="node-$i" MABEAM_CLUSTER_QUORUM=2 OMP_WAIT_POLICY=PASSIVE \
    MABEAM_DB_URL="jdbc:postgresql://10.78.0.1:5432/$DB" MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam \
    MABEAM_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource MABEAM_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java -Xmx512m -Dhazelcast.heartbeat.interval.seconds=1 -Dhazelcast.max.no.heartbeat.seconds=5 \
    -jar "$MICRO" --deploy "$WAR" --contextroot / --port 8080 --nohostaware \
    --clustermode "tcpip:$MEMBERS" --interfaces "$(ip_of "$i")" --startport 6900 \
    --clustername mabeam-partition --name "node-$i" >"$WORK/node-$i.log" 2>&1 &
  echo $! >"$WORK/node-$i.pid"
}
members_seen() { curl -fsS "http://$(service_ip_of "$1"):8080/health/ready" 2>/dev/null | jq -r '.checks[] | select(.name=="hazelcast") | .data.members' 2>/dev/null || echo 0; }
await_members() {
  for _ in $(seq 1 300); do
    local all=1
    for i in 1 2 3; do [ "$(members_seen "$i")" = 3 ] || all=0; done
    [ "$all" = 1 ] && return 0
    sleep 1
  done
  echo "the nodes did not form a cluster of three; logs in $WORK" >&2; exit 1
}

for i in 1 2 3; do start_node "$i"; done
await_members
TOKEN=$(curl -fsS -u "admin:$ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  "http://$(service_ip_of 1):8080/api/v1/tokens" -d '{"name":"leader-partition"}' | jq -r .secret)
AUTH=(-H "Authorization: Bearer $TOKEN")
leader_seen_by() { curl -fsS -m 2 "${AUTH[@]}" "http://$(service_ip_of "$1"):8080/api/v1/coordination/leaders/study-scheduler"; }

times=()
for run in $(seq 1 "$RUNS"); do
  old=$(leader_seen_by 1 || leader_seen_by 2)
  leader=$(jq -r .leader.node <<<"$old")
  cut=${leader#node-}
  other=$(( cut % 3 + 1 ))
  cut_at=$(date +%s%N)
  ip link set "veth-mb$cut" down
  while true; do
    now=$(leader_seen_by "$other" || echo '{}')
    new=$(jq -r '.leader.node // empty' <<<"$now")
    if [ -n "$new" ] && [ "$new" != "$leader" ]; then break; fi
    sleep 0.05
  done
  since=$(date -d "$(jq -r .leader.since <<<"$now")" +%s%N)
  ms=$(( (since - cut_at) / 1000000 ))
  times+=("$ms")
  # the cut-off node, over the service network, once it noticed that it is alone
  cut_off() { curl -sS -m 10 "${AUTH[@]}" "$@"; }
  CUT_URL="http://$(service_ip_of "$cut"):8080"
  for _ in $(seq 1 60); do
    [ "$(cut_off "$CUT_URL/api/v1/coordination" | jq -r .quorate)" = false ] && break
    sleep 0.5
  done
  fenced=$(cut_off -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    "$CUT_URL/api/v1/coordination/fences/partition-bench" -d '{"token":1000000}')
  led=$(cut_off "$CUT_URL/api/v1/coordination" | jq -c .rolesLed)
  echo "run $run: cut $leader off (epoch $(jq .leader.epoch <<<"$old")); $new leads from epoch $(jq .leader.epoch <<<"$now") ${ms} ms after the cut; the cut-off node answers a fenced write with $fenced and leads $led"
  kill -9 "$(cat "$WORK/node-$cut.pid")"
  sleep 1
  ip link set "veth-mb$cut" up
  start_node "$cut"
  await_members
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "runs: $n; from the cut of the leader's link to the new leader's term (ms):"
median=$(( n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
echo "  min ${sorted[0]}  median ${median}  max ${sorted[$((n - 1))]}"
