#!/usr/bin/env bash
# Agents across a cluster (docs/benchmarks.md): cross-node message latency, and how long the agents of a
# killed node take to run again on the survivors.
#   bench/agents-cluster.sh [messages=2000] [agents=1000] [runs=3]
# Starts a three-node cluster with ./mabeam on a fresh PostgreSQL database (quorum 2). Latency: an echo agent
# on node-1 and one on node-2; from one client thread, `messages` requests with awaitReply go through node-1
# to each in turn — same node and cross node in the same run, so the difference is what the second node costs
# (two data grid topic hops and the envelope's JSON). Failover, per run: `agents` echo agents are started on
# node-3, node-3 is killed with SIGKILL, and node-1 is polled every 50 ms until every one of them runs on a
# survivor; the time from the kill is printed, then node-3 is restarted for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-2000}
AGENTS=${2:-1000}
RUNS=${3:-3}
PORT=18400
runuser -u postgres -- dropdb --if-exists --force mabeam_agentsbench
runuser -u postgres -- createdb -O mabeam mabeam_agentsbench
export MABEAM_DB_URL=jdbc:postgresql://127.0.0.1:5432/mabeam_agentsbench MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam
export MABEAM_ADMIN_PASSWORD=bench-admin-password-1
./mabeam cluster --nodes 3 --port $PORT >/dev/null
trap './mabeam stop >/dev/null 2>&1 || true' EXIT
BASE=http://127.0.0.1:$PORT
TOKEN=$(curl -fsS -u "admin:$MABEAM_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  "$BASE/api/v1/tokens" -d '{"name":"agents-bench"}' | jq -r .secret)
AUTH="Authorization: Bearer $TOKEN"
curl -fsS -X PUT -H "$AUTH" -H 'Content-Type: application/json' "$BASE/api/v1/config/mabeam.ratelimit.write.per-minute" \
  -d '{"value":10000000}' >/dev/null
curl -fsS -X PUT -H "$AUTH" -H 'Content-Type: application/json' "$BASE/api/v1/config/mabeam.ratelimit.read.per-minute" \
  -d '{"value":10000000}' >/dev/null
sleep 2

spawn() { # id node [via-port]
  curl -fsS -o /dev/null -X POST -H "$AUTH" -H 'Content-Type: application/json' "http://127.0.0.1:${3:-$PORT}/api/v1/agents" \
    -d "{\"id\":\"$1\",\"type\":\"echo\",\"node\":\"$2\"}"
}
spawn bench-echo-1 node-1
spawn bench-echo-2 node-2
sleep 2

# latency: java's HTTP client from one thread, so curl's process start is not in the figures
cat >/tmp/AgentLatency.java <<'EOF'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

public class AgentLatency {
    public static void main(String[] args) throws Exception {
        String base = args[0], auth = args[1];
        int n = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newHttpClient();
        String[] agents = {"bench-echo-1", "bench-echo-2"};
        long[][] micros = new long[2][n];
        for (int warm = 0; warm < 500; warm++) {
            send(client, base, auth, agents[warm % 2]);
        }
        for (int i = 0; i < 2 * n; i++) {
            long start = System.nanoTime();
            send(client, base, auth, agents[i % 2]);
            micros[i % 2][i / 2] = (System.nanoTime() - start) / 1000;
        }
        for (int a = 0; a < 2; a++) {
            long[] m = micros[a];
            Arrays.sort(m);
            System.out.printf("%s (%s): median %d µs, p90 %d µs, p99 %d µs over %d requests%n",
                    a == 0 ? "same node " : "cross node", agents[a], m[n / 2], m[n * 9 / 10], m[n * 99 / 100], n);
        }
    }

    static void send(HttpClient client, String base, String auth, String agent) throws Exception {
        HttpResponse<String> reply = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/agents/" + agent + "/messages"))
                        .header("Authorization", auth)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{},\"awaitReply\":true}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(reply.statusCode() + " " + reply.body());
        }
    }
}
EOF
echo "== message latency through node-1's REST API, awaiting the echo's answer"
java /tmp/AgentLatency.java "$BASE" "Bearer $TOKEN" "$MESSAGES"
echo "== cluster message counters"
for n in 1 2; do
  curl -fsS "http://127.0.0.1:$(cat run/node-$n.port)/metrics?scope=application" | grep -E '^mabeam_agents_messages_(sent|received)' | sed "s/^/node-$n /"
done

times=()
for run in $(seq 1 "$RUNS"); do
  prefix="doomed-$run-$(date +%s)"
  port3=$(cat run/node-3.port)
  seq 1 "$AGENTS" | xargs -P 4 -I{} curl -fsS -o /dev/null -X POST -H "$AUTH" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$port3/api/v1/agents" -d "{\"id\":\"$prefix-{}\",\"type\":\"echo\"}"
  until [ "$(curl -fsS -H "$AUTH" "$BASE/api/v1/agents?node=node-3&state=running" | jq "[.agents[] | select(.id | startswith(\"$prefix\"))] | length")" = "$AGENTS" ]; do
    sleep 0.2
  done
  killed_at=$(date +%s%N)
  kill -9 "$(cat run/node-3.pid)"
  while true; do
    running=$(curl -fsS -H "$AUTH" "$BASE/api/v1/agents?state=running" \
      | jq "[.agents[] | select((.id | startswith(\"$prefix\")) and .node != \"node-3\")] | length")
    [ "$running" = "$AGENTS" ] && break
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - killed_at) / 1000000 ))
  times+=("$ms")
  echo "run $run: $AGENTS agents of the killed node-3 running on the survivors ${ms} ms after SIGKILL"
  ./mabeam restart node-3 >/dev/null
  sleep 5
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "runs: $n; from SIGKILL to all $AGENTS agents running again (ms): min ${sorted[0]}  median ${sorted[$((n / 2))]}  max ${sorted[$((n - 1))]}"
