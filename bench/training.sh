#!/usr/bin/env bash
# Deeplearning4j on this machine (docs/benchmarks.md):
#   bench/training.sh throughput      GEMM GFLOP/s against the CPU's peak; the demo network's samples/s, 1 and 2 trainers
#   bench/training.sh tuning [50] [5] best validation accuracy after N trials, auto sampler + median pruning vs random,
#                                     on penguins and titanic over S seeds, and the epochs pruning saved
#   bench/training.sh improvement [15] [15] [5]  the coder/reviewer loop on penguins: a cramped space's best after
#                                     F + M trials, with and without a reviewed follow-up study for the last M
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -pl .,db,ejb -DskipTests -Dspotless.check.skip=true
cd bench/training
../../mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
main=io.mabeam.bench.training.TrainingThroughput
case ${1:-throughput} in
  throughput) ;;
  tuning) main=io.mabeam.bench.training.TuningValue ;;
  improvement) main=io.mabeam.bench.training.ImprovementValue ;;
  *) echo "usage: bench/training.sh throughput|tuning [trials] [seeds] | improvement [first] [more] [seeds]" >&2; exit 2 ;;
esac
shift || true
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
exec java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$HOME/.mabeam/javacpp" -cp "target/classes:$(cat target/classpath.txt)" "$main" "$@"
