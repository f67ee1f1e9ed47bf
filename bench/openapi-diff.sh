#!/usr/bin/env bash
# The REST API's OpenAPI document at two revisions, and the difference: each revision's WAR is built in a
# throw-away worktree, started on Payara Micro with an embedded H2 database, and its /openapi fetched.
#   bench/openapi-diff.sh [before=d6925fa] [after=WORKTREE]
# after defaults to the working tree as it is (uncommitted changes included). Writes
# target/bench/openapi-{before,after}.json and target/bench/openapi.diff: per operation (path and method),
# what was added, removed or changed in its parameters, request body and responses (bench/openapi_diff.py).
# Needs: JDK 17 and Maven Central (or a warm ~/.m2). Loopback only; nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BEFORE=${1:-d6925fa}
AFTER=${2:-WORKTREE}
OUT="$ROOT/target/bench"; mkdir -p "$OUT"
PAYARA_VERSION="$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -n 1)"
MICRO="$ROOT/run/lib/payara-micro-$PAYARA_VERSION.jar"
PORT=18490
[ -f "$MICRO" ] || ./mvnw -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" \
  -DoutputDirectory="$ROOT/run/lib"

war_of() { # REV -> path of its WAR (built in a worktree under target/bench, or here for WORKTREE)
  local rev=$1 dir
  if [ "$rev" = WORKTREE ]; then dir=$ROOT; else
    dir="$OUT/tree-$rev"
    [ -d "$dir" ] || git worktree add -q --detach "$dir" "$rev"
  fi
  (cd "$dir" && ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true -pl web -am >&2)
  echo "$dir/web/target/mabeam.war"
}

fetch() { # WAR LABEL -> target/bench/openapi-LABEL.yaml
  local war=$1 label=$2 data
  data=$(mktemp -d)
  MABEAM_DB_URL="jdbc:h2:file:$data/mabeam;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    MABEAM_DB_DATASOURCE=org.h2.jdbcx.JdbcDataSource MABEAM_DB_USER=mabeam MABEAM_DB_PASSWORD=mabeam \
    MABEAM_ADMIN_PASSWORD=openapi-diff-password MABEAM_NODE_NAME="openapi-$label" \
    java -Xmx768m -jar "$MICRO" --deploy "$war" --contextroot / --port $PORT --nocluster \
    >"$OUT/openapi-$label.log" 2>&1 &
  local pid=$!
  # Payara answers before the application is deployed: wait for the application's own health check
  until curl -fs "http://127.0.0.1:$PORT/health/ready" | grep -q '"name":"database"'; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$OUT/openapi-$label.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs -H "Accept: application/json" "http://127.0.0.1:$PORT/openapi" >"$OUT/openapi-$label.json"
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -rf "$data"
}

before_war=$(war_of "$BEFORE")
after_war=$(war_of "$AFTER")
fetch "$before_war" before
fetch "$after_war" after
python3 bench/openapi_diff.py "$OUT/openapi-before.json" "$OUT/openapi-after.json" | tee "$OUT/openapi.diff"
