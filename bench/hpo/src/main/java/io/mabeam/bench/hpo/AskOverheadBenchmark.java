package io.mabeam.bench.hpo;

import io.mabeam.optimization.control.CmaEsSampler;
import io.mabeam.optimization.control.InMemoryStudy;
import io.mabeam.optimization.control.RandomSampler;
import io.mabeam.optimization.control.Sampler;
import io.mabeam.optimization.control.TpeSampler;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one ask with a long history: Hartmann6 with {@code trials} complete trials (found by the
 * sampler itself), then the sampler suggests trial number {@code trials}. Optuna 4.9's TPE takes 34 ms wall
 * for this at 1,000 trials on this machine (../shared/benchmarks/hpo/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AskOverheadBenchmark {

    @Param({"tpe", "tpe-multivariate", "cmaes", "random"})
    public String sampler;

    @Param({"1000"})
    public int trials;

    private Sampler instance;
    private StudyHistory history;

    @Setup
    public void prepare() {
        instance = create(sampler, 1);
        InMemoryStudy study = new InMemoryStudy(Problem.HARTMANN6.space, List.of(Direction.MINIMIZE), create(sampler, 1));
        study.optimize(Problem.HARTMANN6::evaluate, trials);
        history = study.history();
    }

    static Sampler create(String name, long seed) {
        switch (name) {
            case "tpe":
                return new TpeSampler(seed);
            case "tpe-multivariate":
                return new TpeSampler(seed, TpeSampler.Options.defaults().withMultivariate(true));
            case "cmaes":
                return new CmaEsSampler(seed);
            default:
                return new RandomSampler(seed);
        }
    }

    @Benchmark
    public Object ask() {
        return instance.suggest(history, trials);
    }
}
