#!/usr/bin/env bash
# HPO quality and sampler overhead against ../shared/benchmarks/hpo (docs/benchmarks.md).
#   bench/hpo.sh [--problems branin,hartmann6,mixed,dtlz2,dtlz2_2] [--first-seed 0] [--samplers random,tpe,...] [--seeds 30] [--trials 200] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/hpo
../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "target/classes:../../ejb/target/classes:$(cat target/classpath.txt)" io.mabeam.bench.hpo.HpoBenchmark "$@"
