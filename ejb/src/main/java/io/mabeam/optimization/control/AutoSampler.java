package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;

/**
 * The default: picks a sampler by the study's space and objectives, so users who do not know samplers get
 * a good one. For now TPE (multivariate, where joint kernels learn interactions); see docs/optimization.md
 * for how the choice is made and measured.
 */
public final class AutoSampler implements Sampler {

    private final Sampler tpe;

    public AutoSampler(long seed, boolean constantLiar) {
        this.tpe = new TpeSampler(
                seed, TpeSampler.Options.defaults().withMultivariate(true).withConstantLiar(constantLiar));
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        return tpe.suggest(history, number);
    }

    @Override
    public String name() {
        return "auto";
    }
}
