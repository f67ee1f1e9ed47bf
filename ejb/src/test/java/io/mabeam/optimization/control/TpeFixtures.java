package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Fixed histories for pinning what TPE suggests (built without any sampler, so they never move). */
final class TpeFixtures {

    private TpeFixtures() {}

    static final double[] HARTMANN6_OPTIMUM = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
    };
    private static final double[][] P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
    };

    static double hartmann6(Map<String, Object> p) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double x = ((Number) p.get("x" + j)).doubleValue();
                inner += A[i][j] * (x - P[i][j]) * (x - P[i][j]);
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    static SearchSpace hartmannSpace() {
        List<io.mabeam.variables.entity.Variable> variables = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            variables.add(FloatVariable.uniform("x" + j, 0, 1));
        }
        return new SearchSpace(variables);
    }

    /** Six floats, a third spread uniformly and the rest clustered near the optimum, as a converging study. */
    static StudyHistory hartmann(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (int j = 0; j < 6; j++) {
                double x = i % 3 == 0
                        ? random.nextDouble()
                        : HARTMANN6_OPTIMUM[j] + 0.08 * Math.min(3, Math.max(-3, gaussian(random)));
                p.put("x" + j, Math.min(1, Math.max(0, x)));
            }
            trials.add(Trial.complete(i, p, hartmann6(p)));
        }
        return StudyHistory.minimizing(hartmannSpace(), trials);
    }

    static SearchSpace mixedSpace() {
        return SearchSpace.of(
                IntVariable.uniform("n_layers", 1, 8),
                FloatVariable.logUniform("lr", 1e-5, 1e-1),
                CategoricalVariable.of("optimizer", "sgd", "momentum", "adam", "rmsprop"),
                new FloatVariable(
                        "momentum",
                        0.5,
                        0.99,
                        false,
                        null,
                        Optional.of(new Condition("optimizer", List.of("momentum")))),
                FloatVariable.uniform("dropout", 0, 0.5),
                new FloatVariable("step", 0, 0.5, false, 0.05, Optional.empty()),
                new IntVariable("units", 4, 512, true, 1, Optional.empty()),
                new IntVariable("even", 0, 20, false, 2, Optional.empty()),
                new FixedVariable("epochs", 10, Optional.empty()));
    }

    /** The mixed space drawn at random; losses rounded so that ties occur. */
    static StudyHistory mixed(int n, long seed) {
        SearchSpace space = mixedSpace();
        RandomSampler random = new RandomSampler(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = random.sample(space, i);
            double loss = TpeSamplerTest.MIXED_LOSS.applyAsDouble(p)
                    + Math.abs(((Number) p.get("step")).doubleValue() - 0.2)
                    + Math.abs(Math.log(((Number) p.get("units")).doubleValue() / 64.0)) / 10
                    + ((Number) p.get("even")).doubleValue() / 100;
            trials.add(Trial.complete(i, p, Math.round(loss * 20) / 20.0));
        }
        return StudyHistory.minimizing(space, trials);
    }

    /** Three floats, two objectives (one minimised, one maximised). */
    static StudyHistory multiObjective(int n, long seed) {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("a", 0, 1),
                FloatVariable.uniform("b", -2, 2),
                FloatVariable.logUniform("c", 0.01, 10));
        RandomSampler random = new RandomSampler(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = random.sample(space, i);
            double a = ((Number) p.get("a")).doubleValue();
            double b = ((Number) p.get("b")).doubleValue();
            double c = Math.log10(((Number) p.get("c")).doubleValue());
            trials.add(Trial.complete(i, p, a * a + b * b / 4 + c * c, -(1 - a) * (1 - a) - (b - 1) * (b - 1) / 4));
        }
        return new StudyHistory(space, List.of(Direction.MINIMIZE, Direction.MAXIMIZE), trials);
    }

    /** Hartmann-like (four floats and an int) with complete trials and, at the end, some still running. */
    static StudyHistory withRunning(int complete, int running, long seed) {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("x0", 0, 1),
                FloatVariable.uniform("x1", 0, 1),
                FloatVariable.uniform("x2", 0, 1),
                FloatVariable.uniform("x3", 0, 1),
                IntVariable.uniform("k", -3, 3));
        RandomSampler random = new RandomSampler(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < complete + running; i++) {
            Map<String, Object> p = random.sample(space, i);
            double loss = 0;
            for (int j = 0; j < 4; j++) {
                loss += Math.pow(((Number) p.get("x" + j)).doubleValue() - 0.25 * j, 2);
            }
            loss += Math.abs(((Number) p.get("k")).doubleValue() - 1) / 10;
            trials.add(i < complete ? Trial.complete(i, p, loss) : Trial.running(i, p));
        }
        return StudyHistory.minimizing(space, trials);
    }

    /**
     * Complete, pruned (after various numbers of steps), failed, infeasible and running trials, interleaved,
     * some with equal losses.
     */
    static StudyHistory withPruned(int n, long seed) {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("x", -1, 1),
                FloatVariable.logUniform("y", 1e-3, 1),
                IntVariable.uniform("k", 0, 10));
        RandomSampler random = new RandomSampler(seed);
        SplittableRandom kind = new SplittableRandom(seed + 1);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = random.sample(space, i);
            double x = ((Number) p.get("x")).doubleValue();
            double y = Math.log10(((Number) p.get("y")).doubleValue());
            double k = ((Number) p.get("k")).doubleValue();
            double loss = Math.round((x * x + (y + 1) * (y + 1) + Math.abs(k - 4) / 5) * 10) / 10.0;
            int what = kind.nextInt(10);
            TreeMap<Long, Double> intermediates = new TreeMap<>();
            int steps = 1 + kind.nextInt(6);
            for (long s = 0; s < steps; s++) {
                intermediates.put(s, loss + (steps - s) * 0.1);
            }
            TrialState state;
            List<Double> values = List.of();
            List<Double> constraints = List.of();
            if (what < 5) {
                state = TrialState.COMPLETE;
                values = List.of(loss);
                constraints = List.of(x - 0.9, -1.0);
            } else if (what < 7) {
                state = TrialState.PRUNED;
                if (what == 6 && steps > 4) {
                    intermediates.clear(); // pruned before reporting anything
                }
            } else if (what == 7) {
                state = TrialState.FAILED;
            } else if (what == 8) {
                state = TrialState.COMPLETE;
                values = List.of(loss);
                constraints = List.of(0.5 + k / 10, -0.2);
            } else {
                state = i > n - 10 ? TrialState.RUNNING : TrialState.COMPLETE;
                values = state == TrialState.COMPLETE ? List.of(loss) : List.of();
            }
            trials.add(new Trial(i, state, p, values, intermediates, constraints, Map.of()));
        }
        return StudyHistory.minimizing(space, trials);
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** The same history with every trial a new object of equal content (as reloaded from the database). */
    static StudyHistory reloaded(StudyHistory history) {
        List<Trial> copies = new ArrayList<>();
        for (Trial t : history.trials()) {
            copies.add(new Trial(
                    t.number(),
                    t.state(),
                    new LinkedHashMap<>(t.parameters()),
                    new ArrayList<>(t.values()),
                    new TreeMap<>(t.intermediates()),
                    new ArrayList<>(t.constraints()),
                    new LinkedHashMap<>(t.systemAttributes())));
        }
        return new StudyHistory(history.space(), history.directions(), copies);
    }
}
