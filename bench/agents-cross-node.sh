#!/usr/bin/env bash
# Message round trips between two nodes' post offices over a real Hazelcast data grid (two members in one JVM,
# TCP on loopback), same node and cross node, at most and at least once (docs/benchmarks.md).
#   bench/agents-cross-node.sh [asks=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/agents
../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xms1g -Xmx1g --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED -cp "target/classes:../../ejb/target/classes:$(cat target/classpath.txt)" \
  io.mabeam.bench.agents.CrossNodeLatency "$@"
