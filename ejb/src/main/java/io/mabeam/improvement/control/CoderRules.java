package io.mabeam.improvement.control;

import static io.mabeam.improvement.control.RankCorrelation.spearman;
import static io.mabeam.improvement.control.VariableBounds.at;
import static io.mabeam.improvement.control.VariableBounds.describe;
import static io.mabeam.improvement.control.VariableBounds.extended;
import static io.mabeam.improvement.control.VariableBounds.format;
import static io.mabeam.improvement.control.VariableBounds.high;
import static io.mabeam.improvement.control.VariableBounds.isNumeric;
import static io.mabeam.improvement.control.VariableBounds.low;
import static io.mabeam.improvement.control.VariableBounds.position;
import static io.mabeam.improvement.control.VariableBounds.withBounds;

import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.Edit;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A coder's rules: what a study's finished trials say about its search space.
 *
 * <ul>
 *   <li><b>Widen</b> a bound the best trials press against: when the best trial lies in the outer 15 % of a
 *       numeric range and the best quarter leans that way (half of it in the outer 15 %, or its mean position
 *       beyond 65 % of the range), the range grows by its own width on that side (on a log
 *       scale for log variables), within the variable's natural limits (a dropout below 0.9, at most 8 layers…).
 *   <li><b>Follow a trend</b>: an important variable (a quarter of the variance or more) whose values rank with
 *       the objective's (Spearman's ρ ≥ 0.4 over six or more complete trials; pruned ones stopped at other epochs
 *       and are not comparable), with the best trial in that half of the range, is widened on that side.
 *   <li><b>Narrow</b> a range the best trials have left: with 20 or more trials, when the best fifth all lie in
 *       one third of the range, the range shrinks to theirs plus a margin of a quarter of the range.
 *   <li><b>Fix</b> a variable with no importance (under 2 % of the variance by fANOVA, with 16 or more trials
 *       and three or more searched variables) at the best trial's value: fewer dimensions to search.
 *   <li><b>Add a layer</b>: a study that trains networks without searching {@code layers} (2 by default) gets
 *       {@code layers} in [2, 3] when its best trials press against the width of their layers.
 * </ul>
 *
 * It needs {@value #MIN_TRIALS} finished trials (complete or pruned: a pruned trial still tells where not to
 * look), three of them complete. All edits go into one proposal for a follow-up study, with the parent's best
 * trial enqueued first there.
 */
public final class CoderRules {

    public static final int MIN_TRIALS = 8;
    static final double OUTER = 0.15;
    static final double PRESSING_SHARE = 0.5;
    static final double LEANING = 0.65;
    static final double TREND = 0.4;
    static final int TREND_FROM = 6;
    static final double IMPORTANT = 0.25;
    static final int NARROW_FROM = 20;
    static final int FIX_FROM = 16;
    static final double NO_IMPORTANCE = 0.02;

    private CoderRules() {}

    /**
     * @param importances each variable's share of the variance (fANOVA), empty when unknown
     * @param trainsNetworks whether the study's trials train networks (the objective {@code network})
     * @return the proposal, or empty when the trials give no reason for a change (or are too few)
     */
    public static Optional<ChangeProposal> propose(
            String study, StudyHistory history, Map<String, Double> importances, boolean trainsNetworks) {
        List<Trial> complete = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE && !t.values().isEmpty())
                .sorted(best(history.directions().get(0)))
                .toList();
        long finished = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .count();
        if (finished < MIN_TRIALS || complete.size() < 3 || history.directions().size() != 1) {
            return Optional.empty();
        }
        Trial bestTrial = complete.get(0);
        boolean maximize = history.directions().get(0) == Direction.MAXIMIZE;
        List<Double> goodness = complete.stream()
                .map(t -> maximize ? t.values().get(0) : -t.values().get(0))
                .toList();
        List<Trial> top =
                complete.subList(0, Math.min(complete.size(), Math.max(3, (int) Math.ceil(complete.size() * 0.25))));
        List<Variable> variables = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        long searched = history.space().variables().stream()
                .filter(v -> !(v instanceof FixedVariable))
                .count();
        for (Variable variable : history.space().variables()) {
            Variable next = variable;
            if (variable.condition().isEmpty() && isNumeric(variable)) {
                next = widened(variable, top, bestTrial, edits);
                if (next == variable && complete.size() >= NARROW_FROM) {
                    next = narrowed(variable, top, edits); // a cluster inside the range outweighs a trend
                }
                if (next == variable) {
                    next = followed(variable, complete, goodness, bestTrial, importances.get(variable.name()), edits);
                }
            }
            Double importance = importances.get(variable.name());
            if (next == variable
                    && variable.condition().isEmpty()
                    && !(variable instanceof FixedVariable)
                    && importance != null
                    && importance < NO_IMPORTANCE
                    && complete.size() >= FIX_FROM
                    && searched >= 3
                    && bestTrial.parameters().containsKey(variable.name())) {
                Object value = bestTrial.parameters().get(variable.name());
                next = new FixedVariable(variable.name(), value, Optional.empty());
                searched--;
                edits.add(new Edit(
                        variable.name(),
                        "fix",
                        describe(variable),
                        "fixed at " + value,
                        String.format(
                                Locale.ROOT,
                                "it explains %.1f%% of the variance over %d trials: fixed at the best trial's value",
                                100 * importance,
                                complete.size())));
            }
            variables.add(next);
        }
        if (trainsNetworks
                && history.space().variable("layers").isEmpty()
                && pressesWidth(history.space(), top, bestTrial)) {
            variables.add(IntVariable.uniform("layers", 2, 3));
            edits.add(new Edit(
                    "layers",
                    "add",
                    "2 (the default)",
                    describe(variables.get(variables.size() - 1)),
                    "the best networks press against the width of their layers: try a deeper one"));
        }
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        SearchSpace space = new SearchSpace(variables);
        List<Map<String, Object>> enqueue = new ArrayList<>();
        Map<String, Object> carried = carried(space, bestTrial.parameters());
        if (carried != null) {
            enqueue.add(carried);
        }
        StringBuilder rationale = new StringBuilder("From " + complete.size() + " complete trials of " + finished
                + " finished (best "
                + format(bestTrial.values().get(0)) + "): ");
        rationale.append(String.join(
                "; ", edits.stream().map(e -> e.variable() + ": " + e.reason()).toList()));
        return Optional.of(new ChangeProposal(study, space, edits, enqueue, rationale.toString(), "rules"));
    }

    static Comparator<Trial> best(Direction direction) {
        Comparator<Trial> byValue = Comparator.comparingDouble(t -> t.values().get(0));
        return direction == Direction.MAXIMIZE ? byValue.reversed() : byValue;
    }

    private static Variable widened(Variable variable, List<Trial> top, Trial bestTrial, List<Edit> edits) {
        double bestPosition = position(variable, bestTrial.parameters().get(variable.name()));
        long upper = top.stream()
                .filter(t -> position(variable, t.parameters().get(variable.name())) >= 1 - OUTER)
                .count();
        long lower = top.stream()
                .filter(t -> position(variable, t.parameters().get(variable.name())) <= OUTER)
                .count();
        double mean = top.stream()
                .mapToDouble(t -> position(variable, t.parameters().get(variable.name())))
                .filter(Double::isFinite)
                .average()
                .orElse(0.5);
        boolean upward = bestPosition >= 1 - OUTER && (upper >= PRESSING_SHARE * top.size() || mean >= LEANING);
        boolean downward =
                !upward && bestPosition <= OUTER && (lower >= PRESSING_SHARE * top.size() || mean <= 1 - LEANING);
        if (!upward && !downward) {
            return variable;
        }
        Variable next = extended(variable, upward);
        if (next == variable) {
            return variable;
        }
        edits.add(new Edit(
                variable.name(),
                "widen",
                describe(variable),
                describe(next),
                String.format(
                        Locale.ROOT,
                        "the best trial and %d of the best %d lie at the %s end of the range (their mean at %.0f%%)",
                        upward ? upper : lower,
                        top.size(),
                        upward ? "upper" : "lower",
                        100 * mean)));
        return next;
    }

    /**
     * Widens toward the side the objective keeps improving on: an important variable (a quarter of the variance or
     * more, or importance unknown) whose values rank with the objective's (Spearman's ρ of {@value #TREND} or more
     * over the complete trials) while the best trial lies in that half of the range.
     */
    private static Variable followed(
            Variable variable,
            List<Trial> observed,
            List<Double> goodness,
            Trial bestTrial,
            Double importance,
            List<Edit> edits) {
        if (observed.size() < TREND_FROM || (importance != null && importance < IMPORTANT)) {
            return variable;
        }
        double[] x = new double[observed.size()];
        double[] y = new double[observed.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = position(variable, observed.get(i).parameters().get(variable.name()));
            y[i] = goodness.get(i);
            if (!Double.isFinite(x[i])) {
                return variable;
            }
        }
        double rho = spearman(x, y);
        double best = position(variable, bestTrial.parameters().get(variable.name()));
        boolean upward = rho >= TREND && best >= 0.5;
        boolean downward = rho <= -TREND && best <= 0.5;
        if (!upward && !downward) {
            return variable;
        }
        Variable next = extended(variable, upward);
        if (next == variable) {
            return variable;
        }
        edits.add(new Edit(
                variable.name(),
                "widen",
                describe(variable),
                describe(next),
                String.format(
                        Locale.ROOT,
                        "the objective improves toward the %s bound (rank correlation %.2f over %d trials)%s",
                        upward ? "upper" : "lower",
                        rho,
                        observed.size(),
                        importance == null
                                ? ""
                                : String.format(
                                        Locale.ROOT, "; it explains %.0f%% of the variance", 100 * importance))));
        return next;
    }

    private static Variable narrowed(Variable variable, List<Trial> top, List<Edit> edits) {
        double lowest = 1;
        double highest = 0;
        for (Trial trial : top) {
            double p = position(variable, trial.parameters().get(variable.name()));
            if (Double.isNaN(p)) {
                return variable;
            }
            lowest = Math.min(lowest, p);
            highest = Math.max(highest, p);
        }
        if (highest - lowest > 1.0 / 3) {
            return variable;
        }
        double from = Math.max(0, lowest - 0.25);
        double to = Math.min(1, highest + 0.25);
        Variable next = withBounds(variable, at(variable, from), at(variable, to));
        if (low(next) <= low(variable) && high(next) >= high(variable)) {
            return variable;
        }
        edits.add(new Edit(
                variable.name(),
                "narrow",
                describe(variable),
                describe(next),
                String.format(
                        Locale.ROOT,
                        "the best %d trials all lie within %.0f%% of the range",
                        top.size(),
                        100 * (highest - lowest))));
        return next;
    }

    /** Whether the best networks use the widest layers the space allows (units pressing against its high bound). */
    private static boolean pressesWidth(SearchSpace space, List<Trial> top, Trial bestTrial) {
        Optional<Variable> units = space.variable("units");
        if (units.isEmpty() || !isNumeric(units.get())) {
            return false;
        }
        Variable width = units.get();
        long pressing = top.stream()
                .filter(t -> position(width, t.parameters().get("units")) >= 1 - OUTER)
                .count();
        return position(width, bestTrial.parameters().get("units")) >= 1 - OUTER
                && pressing >= PRESSING_SHARE * top.size();
    }

    /** The parent's parameters as a trial of the new space, or null when they do not fit it. */
    static Map<String, Object> carried(SearchSpace space, Map<String, Object> parameters) {
        Map<String, Object> carried = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            Object value = parameters.get(variable.name());
            if (variable instanceof FixedVariable fixed) {
                carried.put(variable.name(), fixed.value());
                continue;
            }
            if (value == null) {
                if (variable.name().equals("layers") && variable instanceof IntVariable layers) {
                    value = Math.max(layers.low(), Math.min(layers.high(), 2L));
                } else {
                    continue;
                }
            }
            if (!variable.admits(value)) {
                return null;
            }
            carried.put(variable.name(), value);
        }
        try {
            return new HashMap<>(space.check(carried));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
