#!/usr/bin/env bash
# Cluster lock throughput and rate-limit decision latency, with JMH (docs/benchmarks.md).
#   bench/coordination.sh [forks=1] [iterations=5]
# Two Hazelcast members in one JVM on loopback (as two Payara nodes): FencedLock take-and-release alone and
# contended from four threads on both members; a shared Bucket4j bucket (compare-and-swap on a Hazelcast map,
# what RateLimits uses) beside Bucket4j's in-memory bucket.
set -euo pipefail
cd "$(dirname "$0")/.."
FORKS=${1:-1}
ITERATIONS=${2:-5}
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/coordination
../../mvnw -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main \
  -f "$FORKS" -wi 3 -w 2s -i "$ITERATIONS" -r 5s -rf text -rff target/results.txt "io.mabeam.bench.coordination.*"
cat target/results.txt
