package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.variables.control.UnitScale;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Quasi-random search: trial {@code number} takes point {@code number} of a scrambled Sobol or Halton sequence,
 * which covers the space more evenly than independent draws. Every variable of the space has a coordinate
 * (conditional variables keep theirs while inactive, unused), mapped through {@link UnitScale} so log-scale
 * variables are spread in log space. The scramble comes from the study's seed, and a point depends on nothing
 * but the seed and the trial's number, so any node gives the same answer.
 */
public final class QuasiRandomSampler implements Sampler {

    /** Which low-discrepancy sequence. */
    public enum Kind {
        /** Sobol with Joe–Kuo direction numbers, linear matrix scramble and digital shift. */
        SOBOL("sobol"),
        /** Halton with random digit permutations. */
        HALTON("halton");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final long seed;
    private final boolean scrambled;
    private final Map<Integer, LongFunction<double[]>> sequences = new ConcurrentHashMap<>();

    public QuasiRandomSampler(Kind kind, long seed) {
        this(kind, seed, true);
    }

    /** @param scrambled false for the plain sequence (its first point is the origin): for tests and comparison */
    public QuasiRandomSampler(Kind kind, long seed, boolean scrambled) {
        if (kind == null) {
            throw new IllegalArgumentException("a quasi-random sampler is sobol or halton");
        }
        this.kind = kind;
        this.seed = seed;
        this.scrambled = scrambled;
    }

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        return Suggestion.of(sample(history.space(), number));
    }

    public Map<String, Object> sample(SearchSpace space, long number) {
        List<Variable> variables = space.variables();
        double[] u = point(number, variables.size());
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (int d = 0; d < variables.size(); d++) {
            Variable variable = variables.get(d);
            if (space.isActive(variable, chosen)) {
                chosen.put(variable.name(), UnitScale.fromUnit(variable, u[d]));
            }
        }
        return chosen;
    }

    /** Point {@code number} of the sequence in {@code dimension} dimensions, in [0, 1)^dimension. */
    public double[] point(long number, int dimension) {
        return sequences.computeIfAbsent(dimension, this::sequence).apply(number);
    }

    private LongFunction<double[]> sequence(int dimension) {
        return kind == Kind.SOBOL
                ? new SobolSequence(dimension, seed, scrambled)::point
                : new HaltonSequence(dimension, seed, scrambled)::point;
    }
}
