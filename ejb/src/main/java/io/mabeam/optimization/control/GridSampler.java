package io.mabeam.optimization.control;

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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Grid search: every combination of the listed values of each variable, each tried once, in an order shuffled by
 * the study's seed. The values are given per variable or derived from the space ({@link #automatic}).
 * Conditional variables only branch where they are active, so the grid holds each distinct assignment of the
 * active variables once.
 *
 * <p>Trial {@code number} starts looking at grid point {@code number} (in the shuffled order, cyclically) and
 * takes the first point no other trial of the history uses (running, waiting and finished trials use their
 * point; failed ones give it back). Sequential and concurrent studies alike thus cover every point exactly once
 * in their first {@link #size()} trials, and two asks made at once from the same history still get different
 * points. Once the grid is {@link #exhausted exhausted}, trials cycle through the least-used points.
 */
public final class GridSampler implements Sampler {

    /** A grid larger than this is refused: it is a search to do some other way. */
    public static final int MAX_POINTS = 1_000_000;

    private static final Object INACTIVE = new Object();

    /**
     * How {@link #automatic} lays a grid on a space.
     *
     * @param floatPoints how many evenly spaced values a float without a step gets (in its unit scale, so
     *     log-scale floats are spaced geometrically), bounds included
     * @param discreteLimit how many values an int or stepped float keeps at most: all of them up to this, else
     *     this many evenly spaced, bounds included
     */
    public record Options(int floatPoints, int discreteLimit) {

        public Options {
            if (floatPoints < 1) {
                throw new IllegalArgumentException("a float gets at least one grid value");
            }
            if (discreteLimit < 2) {
                throw new IllegalArgumentException("a discrete variable keeps at least two grid values");
            }
        }

        public static Options defaults() {
            return new Options(10, 100);
        }
    }

    private final SearchSpace space;
    private final List<Map<String, Object>> points;
    private final Map<List<Object>, Integer> pointByKey = new HashMap<>();

    /**
     * @param grid the values of each variable: every variable but fixed ones needs at least one, each in the
     *     variable's domain and listed once
     * @throws IllegalArgumentException naming the variable and what is wrong
     */
    public GridSampler(SearchSpace space, Map<String, ? extends List<?>> grid, long seed) {
        this.space = space;
        Map<String, List<Object>> values = checked(space, grid);
        List<Map<String, Object>> all = new ArrayList<>();
        enumerate(space, values, 0, new LinkedHashMap<>(), all);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            Collections.swap(all, i, random.nextInt(i + 1));
        }
        this.points = List.copyOf(all.stream().map(Collections::unmodifiableMap).toList());
        for (int i = 0; i < points.size(); i++) {
            pointByKey.put(key(points.get(i)), i);
        }
    }

    /** A grid derived from the space with the default {@link Options}. */
    public static GridSampler automatic(SearchSpace space, long seed) {
        return automatic(space, seed, Options.defaults());
    }

    public static GridSampler automatic(SearchSpace space, long seed, Options options) {
        return new GridSampler(space, automaticGrid(space, options), seed);
    }

    /**
     * Every choice of a categorical; every value of an int or stepped float up to the options' limit, evenly
     * spaced ones beyond; evenly spaced values of other floats; a fixed variable's value.
     */
    public static Map<String, List<Object>> automaticGrid(SearchSpace space, Options options) {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            grid.put(variable.name(), automaticValues(variable, options));
        }
        return grid;
    }

    private static List<Object> automaticValues(Variable variable, Options options) {
        if (variable instanceof CategoricalVariable c) {
            return c.choices();
        }
        if (variable instanceof FixedVariable f) {
            return Collections.singletonList(f.value());
        }
        Set<Object> values = new LinkedHashSet<>();
        if (variable instanceof IntVariable i) {
            long count = (i.high() - i.low()) / i.step() + 1;
            int kept = (int) Math.min(count, options.discreteLimit());
            for (int k = 0; k < kept; k++) {
                double share = kept == 1 ? 0 : (double) k / (kept - 1);
                if (i.log()) {
                    double log = Math.log(i.low()) + share * (Math.log(i.high()) - Math.log(i.low()));
                    values.add(Math.min(i.high(), Math.max(i.low(), Math.round(Math.exp(log)))));
                } else {
                    values.add(i.low() + Math.round(share * (count - 1)) * i.step());
                }
            }
            return List.copyOf(values);
        }
        FloatVariable f = (FloatVariable) variable;
        if (f.step() != null) {
            long count = Math.round((f.high() - f.low()) / f.step()) + 1;
            int kept = (int) Math.min(count, options.discreteLimit());
            for (int k = 0; k < kept; k++) {
                long index = kept == 1 ? 0 : Math.round((double) k / (kept - 1) * (count - 1));
                // in decimal, so a step of 0.1 gives 0.3 and not 0.30000000000000004
                BigDecimal value = BigDecimal.valueOf(f.low())
                        .add(BigDecimal.valueOf(f.step()).multiply(BigDecimal.valueOf(index)));
                values.add(Math.min(f.high(), value.doubleValue()));
            }
            return List.copyOf(values);
        }
        int kept = f.low() == f.high() ? 1 : options.floatPoints();
        for (int k = 0; k < kept; k++) {
            values.add(UnitScale.fromUnit(f, kept == 1 ? 0.5 : (double) k / (kept - 1)));
        }
        return List.copyOf(values);
    }

    private static Map<String, List<Object>> checked(SearchSpace space, Map<String, ? extends List<?>> grid) {
        if (grid == null) {
            throw new IllegalArgumentException("a grid lists the values of each variable");
        }
        for (String name : grid.keySet()) {
            if (space.variable(name).isEmpty()) {
                throw new IllegalArgumentException("the grid lists values for " + name + ", which is no variable");
            }
        }
        Map<String, List<Object>> checked = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            List<?> values = grid.get(variable.name());
            if (values == null && variable instanceof FixedVariable fixed) {
                values = Collections.singletonList(fixed.value());
            }
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("the grid needs values for variable " + variable.name());
            }
            Set<Object> seen = new HashSet<>();
            for (Object value : values) {
                if (!variable.admits(value)) {
                    throw new IllegalArgumentException(
                            "grid value " + value + " is outside the domain of " + variable.name());
                }
                if (!seen.add(normalized(value))) {
                    throw new IllegalArgumentException("grid value " + value + " appears twice for " + variable.name());
                }
            }
            checked.put(variable.name(), new ArrayList<>(values));
        }
        return checked;
    }

    /** Depth first over the variables; an inactive variable does not branch, so assignments come out distinct. */
    private static void enumerate(
            SearchSpace space,
            Map<String, List<Object>> values,
            int next,
            LinkedHashMap<String, Object> chosen,
            List<Map<String, Object>> into) {
        if (next == space.variables().size()) {
            if (into.size() == MAX_POINTS) {
                throw new IllegalArgumentException("the grid has more than " + MAX_POINTS + " points");
            }
            into.add(new LinkedHashMap<>(chosen));
            return;
        }
        Variable variable = space.variables().get(next);
        if (!space.isActive(variable, chosen)) {
            enumerate(space, values, next + 1, chosen, into);
            return;
        }
        for (Object value : values.get(variable.name())) {
            chosen.put(variable.name(), value);
            enumerate(space, values, next + 1, chosen, into);
            chosen.remove(variable.name());
        }
    }

    @Override
    public String name() {
        return "grid";
    }

    /** The number of grid points. */
    public int size() {
        return points.size();
    }

    /** The grid points in the order trials take them. */
    public List<Map<String, Object>> points() {
        return points;
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        if (!history.space().equals(space)) {
            throw new IllegalArgumentException("this grid was laid on another search space");
        }
        int[] uses = uses(history, number);
        int fewest = Arrays.stream(uses).min().orElseThrow();
        int start = (int) Math.floorMod(number, (long) points.size());
        for (int offset = 0; ; offset++) {
            int candidate = (start + offset) % points.size();
            if (uses[candidate] == fewest) {
                return new Suggestion(points.get(candidate), Map.of("grid:point", candidate));
            }
        }
    }

    /** Whether every grid point is used by a trial of the history (failed trials do not count). */
    public boolean exhausted(StudyHistory history) {
        return Arrays.stream(uses(history, -1)).allMatch(count -> count > 0);
    }

    /** How many trials (other than {@code except}, failed ones left out) use each grid point. */
    private int[] uses(StudyHistory history, long except) {
        int[] uses = new int[points.size()];
        for (Trial trial : history.trials()) {
            if (trial.number() == except || trial.state() == TrialState.FAILED) {
                continue;
            }
            Integer point = pointByKey.get(key(trial.parameters()));
            if (point != null) {
                uses[point]++;
            }
        }
        return uses;
    }

    /** An assignment as comparable values in declaration order, so that 1 and 1.0 are the same point. */
    private List<Object> key(Map<String, Object> parameters) {
        List<Object> key = new ArrayList<>(space.variables().size());
        for (Variable variable : space.variables()) {
            key.add(parameters.containsKey(variable.name()) ? normalized(parameters.get(variable.name())) : INACTIVE);
        }
        return key;
    }

    private static Object normalized(Object value) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }
}
