package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.variables.control.UnitScale;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent uniform draws in each variable's unit scale (so log-scale variables are log-uniform),
 * skipping variables their condition leaves inactive. A trial's draw depends only on the study's seed and
 * the trial's number, so it is the same whichever node asks and in whatever order trials are asked.
 */
public final class RandomSampler implements Sampler {

    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        return Suggestion.of(sample(history.space(), number));
    }

    public Map<String, Object> sample(SearchSpace space, long trialNumber) {
        SplittableRandom random = new SplittableRandom(mix(seed, trialNumber));
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            double u = random.nextDouble(); // drawn for every variable, so one's activity never shifts another's draw
            if (space.isActive(variable, chosen)) {
                chosen.put(variable.name(), UnitScale.fromUnit(variable, u));
            }
        }
        return chosen;
    }

    /** SplitMix64's finalizer over the pair: well-spread seeds for neighbouring trial numbers. */
    static long mix(long seed, long trialNumber) {
        long z = seed * 0x9E3779B97F4A7C15L + trialNumber;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
