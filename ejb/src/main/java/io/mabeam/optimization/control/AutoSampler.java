package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.SearchSpace;

/**
 * The default sampler: picks one by the study's space and objectives, so users who do not know samplers
 * get a good one. Measured on the reference problems (docs/benchmarks.md):
 *
 * <ul>
 *   <li>one objective, numbers only, no conditional variables: CMA-ES, which leads on continuous problems
 *       (Branin regret 1.9e-6 at 200 trials against TPE's 0.0068, Hartmann6 0.043 against 0.14);
 *   <li>one objective with categorical or conditional variables: multivariate TPE, whose joint kernels learn
 *       how choices and numbers interact (Mixed 0.0011 at 100 trials against independent TPE's 0.0024);
 *   <li>several objectives: multi-objective TPE (non-domination ranks split the trials).
 * </ul>
 *
 * The choice depends on the space and the number of objectives only, so every node makes the same one.
 */
public final class AutoSampler implements Sampler {

    private final long seed;
    private final boolean constantLiar;
    private volatile Sampler chosen;

    public AutoSampler(long seed, boolean constantLiar) {
        this.seed = seed;
        this.constantLiar = constantLiar;
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        Sampler sampler = chosen;
        if (sampler == null) {
            sampler = choose(history);
            chosen = sampler;
        }
        return sampler.suggest(history, number);
    }

    /** Which sampler this study gets. */
    Sampler choose(StudyHistory history) {
        TpeSampler.Options tpe = TpeSampler.Options.defaults().withConstantLiar(constantLiar);
        if (history.multiObjective()) {
            return new TpeSampler(seed, tpe);
        }
        if (numeric(history.space())) {
            return new CmaEsSampler(seed);
        }
        return new TpeSampler(seed, tpe.withMultivariate(true));
    }

    static boolean numeric(SearchSpace space) {
        return space.variables().stream()
                .noneMatch(
                        v -> v instanceof CategoricalVariable || v.condition().isPresent());
    }

    /** The name of the sampler chosen for this history's study. */
    public String choice(StudyHistory history) {
        return choose(history).name();
    }

    @Override
    public String name() {
        return "auto";
    }
}
