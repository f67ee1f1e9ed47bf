package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.control.UnitScale;
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
import java.util.SplittableRandom;

/**
 * CMA-ES (Hansen's covariance matrix adaptation evolution strategy) over the numeric variables, modelled on
 * Optuna's CmaEsSampler and the cmaes library under it.
 *
 * <p><b>Search space.</b> CMA-ES searches the unit cube of the unconditional float and int variables with more
 * than one value, through {@link UnitScale} (so log-scale variables are searched in log space). The run starts at
 * the centre with step size 1/6 of the range (Optuna's defaults) and population 4 + ⌊3 ln n⌋. Candidates
 * outside the cube are resampled, and clipped after 100 tries, as the cmaes library repairs them. Categorical
 * and conditional variables are not CMA-ES's to search: a companion sampler (random by default) chooses them,
 * as it chooses whole trials for the first {@code startupTrials} complete trials; fixed variables take their
 * value.
 *
 * <p><b>Integers</b> (and floats with a step) are cells of the unit interval. So that a converging distribution
 * never stops leaving the cell of its mean (a discrete coordinate whose steps vanish is stuck for good), each
 * discrete coordinate is sampled stretched away from the mean just enough that the probability of crossing the
 * nearest cell border is at least the margin α = 1/(n λ) of CMA-ES with Margin (Hamano et al., GECCO 2022). The
 * mean moves with the stretched points actually evaluated, while the covariance and evolution paths learn from
 * the unstretched steps, as in CMAwM. Unlike CMAwM this does not move the mean of an edge cell inwards.
 *
 * <p><b>Statelessness.</b> Each CMA-ES trial records in its system attributes its run ({@code cma:restart}), its
 * generation ({@code cma:generation}), the run's population ({@code cma:popsize}), the point in the unit cube
 * ({@code cma:x}) and the trials whose results made its generation ({@code cma:told}). The state is rebuilt by
 * replaying the history: a generation is told once {@code popsize} of its trials are complete, the first by
 * number; once a trial of the next generation exists, the generation is told with exactly the trials that
 * trial records, so the replay never changes its mind about a generation later trials were drawn from. Pruned
 * and failed trials are missing results: a generation that cannot fill keeps asking for new candidates. A
 * candidate is drawn from a random stream of (seed, run, generation, trial number), so the same history and
 * number give the same point on any node. Replayed states are cached by the chain of trials told; a cold
 * cache replays to the same states.
 *
 * <p><b>Restarts.</b> With {@link RestartStrategy#IPOP}, a run the cmaes library would stop (flat function
 * values, vanishing or diverging step size, no effect of a coordinate or axis, ill-conditioned covariance)
 * restarts from a random mean with the population doubled.
 *
 * <p>Single objective only; maximized objectives are minimized as {@link Direction#loss losses}.
 */
public final class CmaEsSampler implements Sampler {

    static final String RESTART = "cma:restart";
    static final String GENERATION = "cma:generation";
    static final String POPSIZE = "cma:popsize";
    static final String POINT = "cma:x";
    static final String TOLD = "cma:told";

    private static final int CACHED_STATES = 32;

    /** What to do when a run converges or degenerates. */
    public enum RestartStrategy {
        /** Keep going with the converged run (Optuna's default). */
        NONE,
        /** Restart from a random mean with the population multiplied by the options' growth (Auger and Hansen). */
        IPOP
    }

    /**
     * @param populationSize λ of the first run; 0 for 4 + ⌊3 ln n⌋
     * @param restartStrategy whether converged runs restart
     * @param populationGrowth how much each restart multiplies λ by
     * @param startupTrials complete trials the companion sampler makes before CMA-ES begins
     * @param sigma0 the initial step size in the unit cube
     */
    public record Options(
            int populationSize,
            RestartStrategy restartStrategy,
            int populationGrowth,
            int startupTrials,
            double sigma0) {

        public Options {
            if (populationSize != 0 && populationSize < 2) {
                throw new IllegalArgumentException("a population has at least 2 candidates (or 0 for the default)");
            }
            if (restartStrategy == null) {
                throw new IllegalArgumentException("a restart strategy is NONE or IPOP");
            }
            if (populationGrowth < 1) {
                throw new IllegalArgumentException("the population growth is at least 1");
            }
            if (startupTrials < 0) {
                throw new IllegalArgumentException("the startup trials are at least 0");
            }
            if (!(sigma0 > 0 && sigma0 <= 1)) {
                throw new IllegalArgumentException("sigma0 lies in (0, 1]: it is a share of each variable's range");
            }
        }

        /** Optuna's defaults: default population, no restarts, one startup trial, sigma0 = 1/6. */
        public static Options defaults() {
            return new Options(0, RestartStrategy.NONE, 2, 1, 1.0 / 6);
        }

        public Options withRestartStrategy(RestartStrategy strategy) {
            return new Options(populationSize, strategy, populationGrowth, startupTrials, sigma0);
        }

        public Options withPopulationSize(int size) {
            return new Options(size, restartStrategy, populationGrowth, startupTrials, sigma0);
        }

        public Options withStartupTrials(int trials) {
            return new Options(populationSize, restartStrategy, populationGrowth, trials, sigma0);
        }
    }

    private final long seed;
    private final Sampler companion;
    private final Options options;
    private final Map<ChainKey, CmaEsState> replayed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChainKey, CmaEsState> eldest) {
            return size() > CACHED_STATES;
        }
    };

    public CmaEsSampler(long seed) {
        this(seed, new RandomSampler(seed), Options.defaults());
    }

    public CmaEsSampler(long seed, Options options) {
        this(seed, new RandomSampler(seed), options);
    }

    /** @param companion chooses categorical and conditional variables, and the startup trials */
    public CmaEsSampler(long seed, Sampler companion, Options options) {
        if (companion == null || options == null) {
            throw new IllegalArgumentException("a CMA-ES sampler needs a companion sampler and options");
        }
        this.seed = seed;
        this.companion = companion;
        this.options = options;
    }

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        if (history.multiObjective()) {
            throw new IllegalArgumentException("CMA-ES optimizes a single objective, not " + history.directions());
        }
        List<Variable> axes = searchedVariables(history.space());
        if (axes.isEmpty() || history.complete().size() < options.startupTrials()) {
            return companion.suggest(history, number);
        }
        Current current = replay(history, axes);
        Position at = current.position();
        SplittableRandom random = new SplittableRandom(
                RandomSampler.mix(RandomSampler.mix(RandomSampler.mix(seed, at.restart()), at.generation()), number));
        double[] x = current.state().sample(random, stretch(current.state(), axes));

        Suggestion companions = companion.suggest(history, number);
        Map<String, Object> attributes = new HashMap<>(companions.systemAttributes());
        attributes.put(RESTART, at.restart());
        attributes.put(GENERATION, at.generation());
        attributes.put(POPSIZE, at.popsize());
        attributes.put(POINT, Arrays.stream(x).boxed().toList());
        attributes.put(TOLD, current.told());
        return new Suggestion(merge(history.space(), axes, x, companions.parameters(), number), attributes);
    }

    /** The variables CMA-ES searches: unconditional numbers with more than one value. */
    static List<Variable> searchedVariables(SearchSpace space) {
        List<Variable> axes = new ArrayList<>();
        for (Variable variable : space.variables()) {
            if (variable.condition().isPresent()) {
                continue;
            }
            if (variable instanceof FloatVariable f && f.low() < f.high()) {
                axes.add(variable);
            } else if (variable instanceof IntVariable i && i.low() < i.high()) {
                axes.add(variable);
            }
        }
        return axes;
    }

    private Map<String, Object> merge(
            SearchSpace space, List<Variable> axes, double[] x, Map<String, Object> fromCompanion, long number) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        List<Variable> variables = space.variables();
        for (int v = 0; v < variables.size(); v++) {
            Variable variable = variables.get(v);
            int axis = axes.indexOf(variable);
            if (axis >= 0) {
                chosen.put(variable.name(), UnitScale.fromUnit(variable, x[axis]));
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

    // ---- replay -------------------------------------------------------------------------------------------

    /** A generation of a run, and the run's population. */
    private record Position(int restart, int generation, int popsize) {}

    /** A trial drawn by CMA-ES, as its system attributes describe it. */
    private record Tagged(Trial trial, Position position, double[] x, List<Long> told) {}

    /** A generation told with the trials {@code told}, followed by {@code next}. */
    private record Step(Position position, List<Long> told, Position next, ChainKey key) {}

    /** Where asks go now: the generation, the trials told just before it, and the distribution. */
    private record Current(Position position, List<Long> told, CmaEsState state) {}

    /** The identity of a replayed state: a 128-bit hash of every generation told on the way to it. */
    private record ChainKey(long first, long second) {

        static ChainKey root(int dimension, int popsize) {
            return new ChainKey(RandomSampler.mix(dimension, popsize), RandomSampler.mix(popsize, ~dimension));
        }

        ChainKey extend(List<Long> told, Position next) {
            long a = first;
            long b = second;
            for (long number : told) {
                a = RandomSampler.mix(a, number);
                b = RandomSampler.mix(b ^ 0x5DEECE66DL, ~number);
            }
            long position = ((long) next.restart() << 40) ^ ((long) next.generation() << 16) ^ next.popsize();
            return new ChainKey(RandomSampler.mix(a, position), RandomSampler.mix(b, ~position));
        }
    }

    private Current replay(StudyHistory history, List<Variable> axes) {
        int n = axes.size();
        int firstPopsize = options.populationSize() > 0 ? options.populationSize() : 4 + (int) (3 * Math.log(n));
        Map<Position, List<Tagged>> byGeneration = tagged(history, n);
        Map<Long, Tagged> firstTold = firstTold(byGeneration);

        // generations sealed by a later trial: what they were told is on record
        Position position = new Position(0, 0, firstPopsize);
        List<Long> toldBefore = List.of();
        ChainKey key = ChainKey.root(n, firstPopsize);
        List<Step> sealed = new ArrayList<>();
        for (Tagged successor = successor(firstTold, position);
                successor != null;
                successor = successor(firstTold, position)) {
            key = key.extend(successor.told(), successor.position());
            sealed.add(new Step(position, successor.told(), successor.position(), key));
            position = successor.position();
            toldBefore = successor.told();
        }

        CmaEsState state = null;
        int from = 0;
        for (int i = sealed.size() - 1; i >= 0 && state == null; i--) {
            state = cached(sealed.get(i).key());
            from = i + 1;
        }
        if (state == null) {
            state = startRun(0, firstPopsize, n);
            from = 0;
        }
        for (int i = from; i < sealed.size(); i++) {
            Step step = sealed.get(i);
            if (step.next().restart() != step.position().restart()) {
                state = startRun(step.next().restart(), step.next().popsize(), n);
            } else {
                state = tellGeneration(state, members(byGeneration, step), axes, history.direction());
            }
            remember(step.key(), state);
        }

        // the open generation: told once it has popsize complete trials
        List<Tagged> complete = completeMembers(byGeneration.getOrDefault(position, List.of()));
        if (complete.size() < position.popsize()) {
            return new Current(position, toldBefore, state);
        }
        List<Tagged> chosen = complete.subList(0, position.popsize());
        List<Long> told = chosen.stream().map(t -> t.trial().number()).toList();
        CmaEsState after = tellGeneration(state, chosen, axes, history.direction());
        Position next;
        if (options.restartStrategy() == RestartStrategy.IPOP && after.shouldStop()) {
            next = new Position(position.restart() + 1, 0, position.popsize() * options.populationGrowth());
            after = startRun(next.restart(), next.popsize(), n);
        } else {
            next = new Position(position.restart(), position.generation() + 1, position.popsize());
        }
        remember(key.extend(told, next), after);
        return new Current(next, told, after);
    }

    private CmaEsState startRun(int restart, int popsize, int n) {
        double[] mean = new double[n];
        if (restart == 0) {
            Arrays.fill(mean, 0.5);
        } else {
            SplittableRandom random = new SplittableRandom(RandomSampler.mix(~seed, restart));
            for (int i = 0; i < n; i++) {
                mean[i] = random.nextDouble();
            }
        }
        return CmaEsState.start(mean, options.sigma0(), popsize);
    }

    private static Map<Position, List<Tagged>> tagged(StudyHistory history, int n) {
        Map<Position, List<Tagged>> byGeneration = new HashMap<>();
        for (Trial trial : history.trials()) { // in number order
            Map<String, Object> attributes = trial.systemAttributes();
            if (!(attributes.get(GENERATION) instanceof Number generation)
                    || !(attributes.get(RESTART) instanceof Number restart)
                    || !(attributes.get(POPSIZE) instanceof Number popsize)
                    || !(attributes.get(POINT) instanceof List<?> point)
                    || point.size() != n) {
                continue;
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = ((Number) point.get(i)).doubleValue();
            }
            List<Long> told = attributes.get(TOLD) instanceof List<?> numbers
                    ? numbers.stream().map(o -> ((Number) o).longValue()).toList()
                    : List.of();
            Position position = new Position(restart.intValue(), generation.intValue(), popsize.intValue());
            byGeneration.computeIfAbsent(position, p -> new ArrayList<>()).add(new Tagged(trial, position, x, told));
        }
        return byGeneration;
    }

    /** The first trial drawn after {@code position} was told (in its run or in a restart), if any. */
    private static Tagged successor(Map<Long, Tagged> firstTold, Position position) {
        Tagged sameRun = firstTold.get(runGeneration(position.restart(), position.generation() + 1));
        if (sameRun != null && sameRun.position().popsize() != position.popsize()) {
            sameRun = null;
        }
        Tagged restarted = firstTold.get(runGeneration(position.restart() + 1, 0));
        if (sameRun == null || restarted == null) {
            return sameRun == null ? restarted : sameRun;
        }
        return sameRun.trial().number() < restarted.trial().number() ? sameRun : restarted;
    }

    private static long runGeneration(int restart, int generation) {
        return ((long) restart << 32) | generation;
    }

    /** The lowest-numbered trial of each (run, generation) that records what was told before it. */
    private static Map<Long, Tagged> firstTold(Map<Position, List<Tagged>> byGeneration) {
        Map<Long, Tagged> first = new HashMap<>();
        for (List<Tagged> members : byGeneration.values()) {
            for (Tagged tagged : members) {
                if (!tagged.told().isEmpty()) {
                    first.merge(
                            runGeneration(
                                    tagged.position().restart(),
                                    tagged.position().generation()),
                            tagged,
                            (x, y) -> x.trial().number() < y.trial().number() ? x : y);
                }
            }
        }
        return first;
    }

    /** The trials a sealed step was told with; a history that lost some falls back to the first complete. */
    private static List<Tagged> members(Map<Position, List<Tagged>> byGeneration, Step step) {
        List<Tagged> complete = completeMembers(byGeneration.getOrDefault(step.position(), List.of()));
        List<Tagged> recorded = complete.stream()
                .filter(t -> step.told().contains(t.trial().number()))
                .toList();
        if (recorded.size() == step.position().popsize()) {
            return recorded;
        }
        return complete.size() >= step.position().popsize()
                ? complete.subList(0, step.position().popsize())
                : List.of();
    }

    private static List<Tagged> completeMembers(List<Tagged> members) {
        return members.stream()
                .filter(t -> t.trial().state() == TrialState.COMPLETE
                        && t.trial().values().size() == 1
                        && !Double.isNaN(t.trial().value()))
                .toList();
    }

    private CmaEsState tellGeneration(
            CmaEsState state, List<Tagged> members, List<Variable> axes, Direction direction) {
        if (members.size() != state.lambda) {
            return state; // only a history that lost trials gets here; the run then stands still
        }
        List<Tagged> ranked = members.stream()
                .sorted(Comparator.comparingDouble(
                                (Tagged t) -> direction.loss(t.trial().value()))
                        .thenComparingLong(t -> t.trial().number()))
                .toList();
        return state.tell(
                ranked.stream().map(Tagged::x).toList(),
                direction.loss(ranked.get(0).trial().value()),
                direction.loss(ranked.get(ranked.size() - 1).trial().value()),
                stretch(state, axes));
    }

    private synchronized CmaEsState cached(ChainKey key) {
        return replayed.get(key);
    }

    private synchronized void remember(ChainKey key, CmaEsState state) {
        replayed.put(key, state);
    }

    // ---- discrete coordinates ------------------------------------------------------------------------------

    /**
     * How much each coordinate's sample is widened around the mean: 1 for continuous coordinates; for a
     * discrete one, enough that a step crosses the nearest inner border of the mean's cell with probability
     * at least α = 1/(n λ).
     */
    static double[] stretch(CmaEsState state, List<Variable> axes) {
        int n = axes.size();
        double z = Gaussian.inverseCdf(1 - 1.0 / (n * state.lambda));
        double[] stretch = new double[n];
        for (int i = 0; i < n; i++) {
            stretch[i] = 1;
            double distance = distanceToCellBorder(axes.get(i), state.mean[i]);
            double deviation = state.marginalDeviation(i);
            if (distance > 0 && deviation > 0) {
                stretch[i] = Math.max(1, distance / (z * deviation));
            }
        }
        return stretch;
    }

    /** The distance from {@code u} to the nearest inner border of its cell; 0 for continuous variables. */
    static double distanceToCellBorder(Variable variable, double u) {
        double t = Math.min(1, Math.max(0, u));
        double lower;
        double upper;
        if (variable instanceof IntVariable i && i.log()) {
            long value = ((Number) UnitScale.fromUnit(variable, t)).longValue();
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            lower = value > i.low() ? (Math.log(value - 0.5) - lo) / (hi - lo) : Double.NaN;
            upper = value < i.high() ? (Math.log(value + 0.5) - lo) / (hi - lo) : Double.NaN;
        } else {
            long steps;
            if (variable instanceof IntVariable i) {
                steps = (i.high() - i.low()) / i.step();
            } else if (variable instanceof FloatVariable f && f.step() != null) {
                steps = Math.round((f.high() - f.low()) / f.step());
            } else {
                return 0;
            }
            long cells = steps + 1;
            long k = Math.min(steps, (long) Math.floor(t * cells));
            lower = k > 0 ? (double) k / cells : Double.NaN;
            upper = k < steps ? (double) (k + 1) / cells : Double.NaN;
        }
        double distance = Double.POSITIVE_INFINITY;
        if (!Double.isNaN(lower)) {
            distance = Math.min(distance, t - lower);
        }
        if (!Double.isNaN(upper)) {
            distance = Math.min(distance, upper - t);
        }
        return Double.isInfinite(distance) ? 0 : Math.max(0, distance);
    }
}
