package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.control.UnitScale;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Gaussian-process Bayesian optimization in the manner of Optuna 4's GPSampler: a {@link GaussianProcess} with a
 * Matérn-5/2 ARD kernel is fitted to the complete trials, and the next trial maximizes the logarithm of expected
 * improvement ({@link LogExpectedImprovement}) over the best loss so far.
 *
 * <p><b>Search space.</b> The GP models the unconditional variables that have more than one value. Numbers are
 * coordinates in [0, 1] through {@link UnitScale} (log-scale variables in log space; integers and stepped floats
 * at their cell); a categorical variable is the chosen index, compared by equality in the kernel (a Hamming
 * distance with its own lengthscale). Conditional variables are not modelled: the companion sampler (random by
 * default) chooses them, as it chooses whole trials until {@code startupTrials} trials are complete. Fixed
 * variables take their value.
 *
 * <p><b>Model.</b> Losses (maximized objectives negated) are standardized; non-finite ones are clipped to the
 * worst or best finite loss. The kernel hyperparameters maximize the marginal likelihood plus Optuna's weak
 * prior, by L-BFGS warm-started from the hyperparameters the latest earlier GP trial records in its system
 * attribute {@value #HYPERPARAMETERS} (defaults without one). Warm starts come from the history, not from
 * memory, so any node with the same history, seed and trial number suggests the same point. A fit costs O(n³)
 * per step, so from {@value #ALWAYS_REFIT_BELOW} observed trials on it runs only when their number is a multiple
 * of the options' refit interval; between refits the latest recorded hyperparameters are reused as they are
 * (one more trial among a hundred barely moves them), and only the O(n³) factorization is redone.
 *
 * <p><b>Acquisition.</b> log EI is evaluated on {@code candidates} points of a scrambled Sobol sequence seeded by
 * (seed, trial number), with discrete coordinates snapped to their cells. From the best observed trial and the
 * best candidates, a local search alternates L-BFGS over the continuous coordinates (analytic gradients of the
 * posterior mean and variance) with exhaustive sweeps of each categorical variable and each numeric variable of
 * at most {@value #ENUMERATED_CELLS} cells; numeric variables with more cells are searched as continuous and then
 * snapped to their cell.
 *
 * <p><b>Parallel asks.</b> Running trials join the data at the worst loss so far (a constant liar), so the
 * posterior's uncertainty and mean there push a concurrent ask elsewhere instead of onto the same point.
 *
 * <p>Single objective only. Constraints are ignored: infeasible trials count with their loss.
 */
public final class GpSampler implements Sampler {

    /** The system attribute with the fitted θ behind a trial's suggestion (a list of doubles). */
    static final String HYPERPARAMETERS = "gp:theta";

    static final int ENUMERATED_CELLS = 64;
    static final int ALWAYS_REFIT_BELOW = 100;
    private static final int LOCAL_SEARCH_ROUNDS = 5;

    /**
     * @param startupTrials complete trials the companion makes before the GP begins
     * @param candidates Sobol points on which the acquisition is evaluated
     * @param localSearches local searches (one from the best trial, the rest from the best candidates)
     * @param fitIterations L-BFGS iterations for the kernel hyperparameters
     * @param refitInterval from {@value #ALWAYS_REFIT_BELOW} observed trials on, the hyperparameters are refitted
     *     when the number of observed trials is a multiple of this, and the latest recorded ones reused otherwise
     */
    public record Options(int startupTrials, int candidates, int localSearches, int fitIterations, int refitInterval) {

        public Options {
            if (startupTrials < 1) {
                throw new IllegalArgumentException("a GP needs at least one startup trial");
            }
            if (candidates < 1 || localSearches < 1 || fitIterations < 0 || refitInterval < 1) {
                throw new IllegalArgumentException(
                        "candidates, local searches and the refit interval are at least 1, fit iterations 0");
            }
        }

        /** Optuna's defaults where it has them: 10 startup trials, 10 local searches, 2048 candidates. */
        public static Options defaults() {
            return new Options(10, 2048, 10, 50, 5);
        }

        public Options withStartupTrials(int trials) {
            return new Options(trials, candidates, localSearches, fitIterations, refitInterval);
        }

        public Options withCandidates(int count) {
            return new Options(startupTrials, count, localSearches, fitIterations, refitInterval);
        }
    }

    private enum Kind {
        /** A float without a step, or a numeric variable with too many cells to enumerate (snapped at the end). */
        CONTINUOUS,
        /** A numeric variable with at most {@link #ENUMERATED_CELLS} cells, searched by trying each. */
        CELLS,
        /** A categorical variable: the coordinate is the choice's index. */
        CATEGORICAL
    }

    /** A modelled variable and how its coordinate is searched; {@code cells} are unit positions or choices. */
    private record Axis(Variable variable, Kind kind, double[] cells, boolean discrete) {

        double snap(double u) {
            if (kind == Kind.CATEGORICAL) {
                return Math.min(cells.length - 1, Math.max(0, Math.floor(u * cells.length)));
            }
            return discrete ? UnitScale.toUnit(variable, UnitScale.fromUnit(variable, u)) : Math.min(1, Math.max(0, u));
        }

        double encode(Object value) {
            if (kind == Kind.CATEGORICAL) {
                return ((CategoricalVariable) variable).indexOf(value);
            }
            return UnitScale.toUnit(variable, value);
        }

        Object decode(double coordinate) {
            if (kind == Kind.CATEGORICAL) {
                return ((CategoricalVariable) variable).choices().get((int) coordinate);
            }
            return UnitScale.fromUnit(variable, coordinate);
        }
    }

    private final long seed;
    private final Sampler companion;
    private final Options options;

    public GpSampler(long seed) {
        this(seed, new RandomSampler(seed), Options.defaults());
    }

    public GpSampler(long seed, Options options) {
        this(seed, new RandomSampler(seed), options);
    }

    /** @param companion chooses conditional variables and the startup trials */
    public GpSampler(long seed, Sampler companion, Options options) {
        if (companion == null || options == null) {
            throw new IllegalArgumentException("a GP sampler needs a companion sampler and options");
        }
        this.seed = seed;
        this.companion = companion;
        this.options = options;
    }

    @Override
    public String name() {
        return "gp";
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        return fit(history).map(model -> model.suggest(number)).orElseGet(() -> companion.suggest(history, number));
    }

    /**
     * The GP fitted to the history, to suggest from and to appraise other points with; empty while fewer than
     * {@code startupTrials} trials are complete (or nothing is modelled), when the companion suggests.
     */
    Optional<Model> fit(StudyHistory history) {
        if (history.multiObjective()) {
            throw new IllegalArgumentException(
                    "the GP sampler optimizes a single objective, not " + history.directions());
        }
        List<Axis> axes = axes(history.space());
        List<Trial> observed = observed(history, axes);
        if (axes.isEmpty() || observed.size() < options.startupTrials()) {
            return Optional.empty();
        }
        List<Trial> running = running(history, axes);
        double[][] x = new double[observed.size() + running.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encode(axes, i < observed.size() ? observed.get(i) : running.get(i - observed.size()));
        }
        double[] y = standardizedLosses(history, observed, running.size());
        boolean[] categorical = new boolean[axes.size()];
        for (int d = 0; d < axes.size(); d++) {
            categorical[d] = axes.get(d).kind() == Kind.CATEGORICAL;
        }
        double[] recorded = recordedTheta(history, axes.size());
        GaussianProcess gp;
        if (recorded != null && x.length >= ALWAYS_REFIT_BELOW && x.length % options.refitInterval() != 0) {
            gp = GaussianProcess.withTheta(x, categorical, y, recorded);
        } else {
            double[] start = recorded == null ? GaussianProcess.defaultTheta(axes.size()) : recorded;
            gp = GaussianProcess.fit(x, categorical, y, start, options.fitIterations());
        }
        int bestIndex = IntStream.range(0, observed.size())
                .boxed()
                .min(Comparator.comparingDouble(i -> y[i]))
                .orElseThrow();
        return Optional.of(new Model(history, axes, gp, x[bestIndex], y[bestIndex]));
    }

    /** A fitted GP over a history: its own suggestion, and log EI of any point of the space. */
    final class Model {
        private final StudyHistory history;
        private final List<Axis> axes;
        private final GaussianProcess gp;
        private final double[] incumbent;
        private final Acquisition acquisition;

        private Model(StudyHistory history, List<Axis> axes, GaussianProcess gp, double[] incumbent, double best) {
            this.history = history;
            this.axes = axes;
            this.gp = gp;
            this.incumbent = incumbent;
            this.acquisition = new Acquisition(gp, axes, best);
        }

        Suggestion suggest(long number) {
            double[] point = acquisition.maximize(incumbent, RandomSampler.mix(seed, number));
            Suggestion companions = companion.suggest(history, number);
            Map<String, Object> attributes = new HashMap<>(companions.systemAttributes());
            attributes.put(HYPERPARAMETERS, Arrays.stream(gp.theta()).boxed().toList());
            return new Suggestion(merge(history.space(), axes, point, companions.parameters(), number), attributes);
        }

        /**
         * log EI of a point over the best loss so far (standardized), or −∞ when a modelled variable has no
         * admissible value in {@code parameters}.
         */
        double logExpectedImprovement(Map<String, Object> parameters) {
            double[] point = new double[axes.size()];
            for (int d = 0; d < axes.size(); d++) {
                Axis axis = axes.get(d);
                Object value = parameters.get(axis.variable().name());
                if (!axis.variable().admits(value)) {
                    return Double.NEGATIVE_INFINITY;
                }
                point[d] = axis.encode(value);
            }
            return acquisition.value(point);
        }
    }

    /** The variables the GP models: unconditional, with more than one value. */
    private static List<Axis> axes(SearchSpace space) {
        List<Axis> axes = new ArrayList<>();
        for (Variable variable : space.variables()) {
            if (variable.condition().isPresent()) {
                continue;
            }
            if (variable instanceof CategoricalVariable c && c.choices().size() > 1) {
                axes.add(new Axis(
                        variable, Kind.CATEGORICAL, new double[c.choices().size()], true));
            } else if (variable instanceof FloatVariable f && f.low() < f.high()) {
                axes.add(numeric(variable, f.step() == null ? 0 : Math.round((f.high() - f.low()) / f.step()) + 1));
            } else if (variable instanceof IntVariable i && i.low() < i.high()) {
                axes.add(numeric(variable, i.log() ? i.high() - i.low() + 1 : (i.high() - i.low()) / i.step() + 1));
            }
        }
        return axes;
    }

    /** @param cellCount the number of values of a discrete variable, 0 for a continuous one */
    private static Axis numeric(Variable variable, long cellCount) {
        if (cellCount == 0 || cellCount > ENUMERATED_CELLS) {
            return new Axis(variable, Kind.CONTINUOUS, new double[0], cellCount > 0);
        }
        double[] cells = new double[(int) cellCount];
        for (int k = 0; k < cells.length; k++) {
            // the cell's centre, snapped to the unit position of the value it holds
            double u = (k + 0.5) / cells.length;
            cells[k] = UnitScale.toUnit(variable, UnitScale.fromUnit(variable, u));
        }
        return new Axis(variable, Kind.CELLS, cells, true);
    }

    /** The complete trials with a value for every modelled variable. */
    private static List<Trial> observed(StudyHistory history, List<Axis> axes) {
        return history.complete().stream()
                .filter(t -> axes.stream()
                        .allMatch(a -> a.variable()
                                .admits(t.parameters().get(a.variable().name()))))
                .filter(t -> !Double.isNaN(t.value()))
                .toList();
    }

    private static double[] encode(List<Axis> axes, Trial trial) {
        double[] point = new double[axes.size()];
        for (int d = 0; d < axes.size(); d++) {
            Axis axis = axes.get(d);
            point[d] = axis.encode(trial.parameters().get(axis.variable().name()));
        }
        return point;
    }

    /** The running trials with a value for every modelled variable: where other workers are looking. */
    private static List<Trial> running(StudyHistory history, List<Axis> axes) {
        return history.inState(TrialState.RUNNING).stream()
                .filter(t -> axes.stream()
                        .allMatch(a -> a.variable()
                                .admits(t.parameters().get(a.variable().name()))))
                .toList();
    }

    /**
     * Losses of the complete trials, infinite ones clipped to the finite range, then {@code running} more at
     * the worst loss (the constant liar), all standardized (numpy's population sd).
     */
    static double[] standardizedLosses(StudyHistory history, List<Trial> trials, int running) {
        Direction direction = history.direction();
        double[] loss = Arrays.copyOf(
                trials.stream().mapToDouble(t -> direction.loss(t.value())).toArray(), trials.size() + running);
        double worst = Arrays.stream(loss, 0, trials.size())
                .filter(Double::isFinite)
                .max()
                .orElse(0);
        double best = Arrays.stream(loss, 0, trials.size())
                .filter(Double::isFinite)
                .min()
                .orElse(0);
        Arrays.fill(loss, trials.size(), loss.length, worst);
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] == Double.POSITIVE_INFINITY) {
                loss[i] = worst;
            } else if (loss[i] == Double.NEGATIVE_INFINITY) {
                loss[i] = best;
            }
        }
        double mean = Arrays.stream(loss).average().orElse(0);
        double variance =
                Arrays.stream(loss).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        double sd = Math.max(1e-10, Math.sqrt(variance));
        return Arrays.stream(loss).map(v -> (v - mean) / sd).toArray();
    }

    /** θ recorded by the latest trial that has one of the right size, else null. */
    private static double[] recordedTheta(StudyHistory history, int dimension) {
        List<Trial> trials = history.trials();
        for (int t = trials.size() - 1; t >= 0; t--) {
            if (trials.get(t).systemAttributes().get(HYPERPARAMETERS) instanceof List<?> list
                    && list.size() == dimension + 2
                    && list.stream().allMatch(v -> v instanceof Number n && Double.isFinite(n.doubleValue()))) {
                return list.stream()
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .toArray();
            }
        }
        return null;
    }

    private Map<String, Object> merge(
            SearchSpace space, List<Axis> axes, double[] point, Map<String, Object> fromCompanion, long number) {
        Map<String, Object> byAxis = new HashMap<>();
        for (int d = 0; d < axes.size(); d++) {
            byAxis.put(axes.get(d).variable().name(), axes.get(d).decode(point[d]));
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        List<Variable> variables = space.variables();
        for (int v = 0; v < variables.size(); v++) {
            Variable variable = variables.get(v);
            if (byAxis.containsKey(variable.name())) {
                chosen.put(variable.name(), byAxis.get(variable.name()));
            } else if (!space.isActive(variable, chosen)) {
                continue;
            } else if (variable instanceof FixedVariable fixed) {
                chosen.put(variable.name(), fixed.value());
            } else if (fromCompanion.containsKey(variable.name())
                    && variable.admits(fromCompanion.get(variable.name()))) {
                chosen.put(variable.name(), fromCompanion.get(variable.name()));
            } else {
                // active here though not in the companion's own draw (its parent differs): drawn uniformly
                double u = new SplittableRandom(RandomSampler.mix(RandomSampler.mix(~seed, number), v)).nextDouble();
                chosen.put(variable.name(), UnitScale.fromUnit(variable, u));
            }
        }
        return chosen;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    // ---- acquisition ------------------------------------------------------------------------------------

    /** log EI over the modelled coordinates, and its maximization. */
    private final class Acquisition {
        private final GaussianProcess gp;
        private final List<Axis> axes;
        private final double best;
        private final int dimension;
        private final boolean[] continuous;

        Acquisition(GaussianProcess gp, List<Axis> axes, double best) {
            this.gp = gp;
            this.axes = axes;
            this.best = best;
            this.dimension = axes.size();
            this.continuous = new boolean[dimension];
            for (int d = 0; d < dimension; d++) {
                continuous[d] = axes.get(d).kind() == Kind.CONTINUOUS;
            }
        }

        double value(double[] point) {
            double[] moments = gp.meanAndVariance(point);
            return LogExpectedImprovement.of(moments[0], Math.sqrt(Math.max(1e-10, moments[1])), best);
        }

        /** −log EI and its gradient in the continuous coordinates, for the minimizer. */
        double negativeWithGradient(double[] point, double[] gradient) {
            double[] meanGradient = new double[dimension];
            double[] varianceGradient = new double[dimension];
            double[] moments = gp.meanAndVariance(point, continuous, meanGradient, varianceGradient);
            boolean floored = moments[1] < 1e-10;
            double sd = Math.sqrt(Math.max(1e-10, moments[1]));
            double z = (best - moments[0]) / sd;
            double slope = LogExpectedImprovement.slope(z);
            for (int d = 0; d < dimension; d++) {
                double sdGradient = floored ? 0 : varianceGradient[d] / (2 * sd);
                double zGradient = (-meanGradient[d] - z * sdGradient) / sd;
                gradient[d] = -(sdGradient / sd + slope * zGradient);
            }
            return -(Math.log(sd) + LogExpectedImprovement.logH(z));
        }

        /**
         * The point of highest log EI found from the incumbent and the best candidates. Candidates are ranked
         * exactly, but cheaply: log EI grows with the posterior sd, which never exceeds the prior sd, so log EI
         * with the prior sd (the mean costs O(n), the variance O(n²)) bounds each candidate from above, and
         * candidates are scored in order of that bound until it falls below the last of the best ones kept.
         */
        double[] maximize(double[] incumbent, long stream) {
            double[][] candidates = candidates(stream);
            double priorSd = Math.sqrt(gp.priorVariance());
            double[] bounds = new double[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                bounds[c] = LogExpectedImprovement.of(gp.mean(candidates[c]), priorSd, best);
            }
            Integer[] byBound = IntStream.range(0, candidates.length).boxed().toArray(Integer[]::new);
            Arrays.sort(
                    byBound,
                    Comparator.comparingDouble((Integer c) -> -bounds[c]).thenComparingInt(c -> c));
            int keep = Math.max(1, options.localSearches() - 1);
            List<Integer> kept = new ArrayList<>(); // best first
            List<Double> keptScores = new ArrayList<>();
            for (int c : byBound) {
                if (kept.size() == keep && bounds[c] <= keptScores.get(keep - 1)) {
                    break;
                }
                double score = value(candidates[c]);
                int at = 0;
                while (at < kept.size() && keptScores.get(at) >= score) {
                    at++;
                }
                if (at < keep) {
                    kept.add(at, c);
                    keptScores.add(at, score);
                    if (kept.size() > keep) {
                        kept.remove(keep);
                        keptScores.remove(keep);
                    }
                }
            }
            List<double[]> starts = new ArrayList<>();
            starts.add(incumbent.clone());
            for (int c : kept) {
                starts.add(candidates[c].clone());
            }
            double[] bestPoint = candidates[kept.get(0)];
            double bestValue = keptScores.get(0);
            for (double[] start : starts) {
                double[] point = localSearch(start);
                double value = value(point);
                if (value > bestValue) {
                    bestValue = value;
                    bestPoint = point;
                }
            }
            return bestPoint;
        }

        private double[][] candidates(long stream) {
            double[][] points = new double[options.candidates()][];
            SobolSequence sobol =
                    dimension <= SobolSequence.MAX_DIMENSION ? new SobolSequence(dimension, stream, true) : null;
            SplittableRandom random = new SplittableRandom(stream);
            for (int c = 0; c < points.length; c++) {
                double[] u;
                if (sobol != null) {
                    u = sobol.point(c);
                } else {
                    u = new double[dimension];
                    for (int d = 0; d < dimension; d++) {
                        u[d] = random.nextDouble();
                    }
                }
                for (int d = 0; d < dimension; d++) {
                    u[d] = axes.get(d).snap(u[d]);
                }
                points[c] = u;
            }
            return points;
        }

        /** Alternates continuous L-BFGS and sweeps of the enumerable coordinates while log EI rises. */
        private double[] localSearch(double[] start) {
            double[] point = start;
            double value = value(point);
            boolean anyContinuous = false;
            for (boolean c : continuous) {
                anyContinuous |= c;
            }
            boolean anyEnumerated = !allTrue(continuous);
            for (int round = 0; round < LOCAL_SEARCH_ROUNDS; round++) {
                double before = value;
                if (anyContinuous) {
                    double[] lower = new double[dimension];
                    double[] upper = new double[dimension];
                    for (int d = 0; d < dimension; d++) {
                        lower[d] = continuous[d] ? 0 : point[d];
                        upper[d] = continuous[d] ? 1 : point[d];
                    }
                    double[] moved = BoundedLbfgs.minimize(this::negativeWithGradient, point, lower, upper, 50, 1e-5)
                            .x();
                    for (int d = 0; d < dimension; d++) {
                        moved[d] = axes.get(d).snap(moved[d]);
                    }
                    double movedValue = value(moved);
                    if (movedValue > value) {
                        point = moved;
                        value = movedValue;
                    }
                }
                for (int d = 0; d < dimension; d++) {
                    Axis axis = axes.get(d);
                    if (axis.kind() == Kind.CONTINUOUS) {
                        continue;
                    }
                    double[] trial = point.clone();
                    for (int k = 0; k < axis.cells().length; k++) {
                        trial[d] = axis.kind() == Kind.CATEGORICAL ? k : axis.cells()[k];
                        double trialValue = value(trial);
                        if (trialValue > value) {
                            value = trialValue;
                            point = trial.clone();
                        }
                    }
                }
                if (!anyEnumerated || value - before <= 1e-9) {
                    break;
                }
            }
            return point;
        }
    }
}
