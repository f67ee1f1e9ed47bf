#!/usr/bin/env bash
# One sampler ask with 1,000 complete trials in the history (Hartmann6), with JMH (docs/benchmarks.md).
#   bench/hpo-ask.sh [forks=1] [iterations=5]
set -euo pipefail
cd "$(dirname "$0")/.."
FORKS=${1:-1}
ITERATIONS=${2:-5}
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/hpo
../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "target/classes:../../ejb/target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main \
  -f "$FORKS" -wi 3 -w 2s -i "$ITERATIONS" -r 3s -rf text -rff target/ask-results.txt "io.mabeam.bench.hpo.AskOverheadBenchmark"
cat target/ask-results.txt
