#!/usr/bin/env bash
# Our agent runtime against Apache Pekko typed actors, same JVM (docs/benchmarks.md).
#   bench/agents.sh [--agents 1000000] [--pingpong 1000000] [--runs mabeam,pekko,pekko-2] [--repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/agents
../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xms4g -Xmx4g -XX:+UseParallelGC -cp "target/classes:../../ejb/target/classes:$(cat target/classpath.txt)" \
  io.mabeam.bench.agents.AgentBenchmark "$@"
