package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.SearchSpace;

/**
 * The default sampler: picks one by the study's space, objectives and number of complete trials, so users who
 * do not know samplers get a good one. Measured on the reference problems (docs/benchmarks.md):
 *
 * <ul>
 *   <li>one objective, no conditional variables, fewer than {@value #GP_TRIALS} complete trials: the Gaussian
 *       process ({@link GpSampler}), far ahead of TPE and CMA-ES within a few hundred trials (median regret over
 *       30 seeds at 100 / 200 trials: Branin 1.3e-5 / 3.0e-6, Hartmann6 1.0e-4 / 3.5e-5, Mixed 8.4e-5 / 2.6e-5,
 *       against Optuna TPE's 0.058 / 0.0039, 0.31 / 0.11 and 9.5e-4 / 4.1e-5);
 *   <li>after that, whose GP asks grow as the cube of the trials: CMA-ES for numbers only (it starts a run of its
 *       own; the GP's best trials stay the study's best) and multivariate TPE when there are categoricals;
 *   <li>one objective with conditional variables: multivariate TPE, whose joint kernels follow the conditions
 *       (the GP would model only the unconditional variables);
 *   <li>several objectives: multi-objective TPE (non-domination rank and hypervolume subset selection split the
 *       trials) with a larger good group than Optuna's ({@link TpeSampler.Options#forFronts()}): on DTLZ2 its
 *       hypervolume ratio after 100 / 200 / 500 trials is 0.629 / 0.834 / 0.920 against Optuna's 0.611 / 0.818 /
 *       0.908, at a tenth of its cost per ask.
 * </ul>
 *
 * The choice depends on the space, the number of objectives and the number of complete trials only, and the
 * samplers chosen are themselves stateless, so every node makes the same choice for the same history.
 */
public final class AutoSampler implements Sampler {

    /** Complete trials after which a single-objective study leaves the Gaussian process. */
    static final int GP_TRIALS = 250;

    private final GpSampler gp;
    private final CmaEsSampler cmaEs;
    private final TpeSampler multivariateTpe;
    private final TpeSampler frontTpe;

    public AutoSampler(long seed, boolean constantLiar) {
        TpeSampler.Options options = TpeSampler.Options.defaults().withConstantLiar(constantLiar);
        this.gp = new GpSampler(seed);
        this.cmaEs = new CmaEsSampler(seed);
        this.multivariateTpe = new TpeSampler(seed, options.withMultivariate(true));
        this.frontTpe = new TpeSampler(seed, options.forFronts());
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        return choose(history).suggest(history, number);
    }

    /** Which sampler answers this history. */
    Sampler choose(StudyHistory history) {
        if (history.multiObjective()) {
            return frontTpe;
        }
        SearchSpace space = history.space();
        if (conditional(space)) {
            return multivariateTpe;
        }
        if (history.complete().size() < GP_TRIALS) {
            return gp;
        }
        return numeric(space) ? cmaEs : multivariateTpe;
    }

    static boolean conditional(SearchSpace space) {
        return space.variables().stream().anyMatch(v -> v.condition().isPresent());
    }

    static boolean numeric(SearchSpace space) {
        return space.variables().stream()
                .noneMatch(
                        v -> v instanceof CategoricalVariable || v.condition().isPresent());
    }

    /** The name of the sampler that answers this history. */
    public String choice(StudyHistory history) {
        return choose(history).name();
    }

    @Override
    public String name() {
        return "auto";
    }
}
