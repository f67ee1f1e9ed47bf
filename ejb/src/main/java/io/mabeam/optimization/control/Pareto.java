package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pareto dominance for multi-objective studies, in loss space (every objective turned into one to make
 * small through its {@link Direction}): dominance, non-dominated sorting into fronts, crowding distance,
 * and the constrained dominance of Deb (as Optuna's NSGA-II uses it) where a feasible trial dominates an
 * infeasible one and, between infeasible trials, the one with the smaller total violation dominates.
 */
public final class Pareto {

    private Pareto() {}

    /** The trial's objective values as losses; a missing or NaN value is the worst loss, +∞. */
    public static double[] losses(Trial trial, List<Direction> directions) {
        double[] losses = new double[directions.size()];
        for (int m = 0; m < losses.length; m++) {
            double value = m < trial.values().size() ? trial.values().get(m) : Double.NaN;
            double loss = directions.get(m).loss(value);
            losses[m] = Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
        }
        return losses;
    }

    /** Whether loss vector {@code a} is nowhere worse than {@code b} and somewhere better. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
            if (a[m] < b[m]) {
                better = true;
            }
        }
        return better;
    }

    /**
     * Deb's constrained dominance: feasible beats infeasible; two infeasible trials compare by total
     * violation; two feasible ones by ordinary dominance of their losses.
     */
    public static boolean constrainedDominates(Trial a, Trial b, List<Direction> directions) {
        boolean aFeasible = a.feasible();
        boolean bFeasible = b.feasible();
        if (aFeasible != bFeasible) {
            return aFeasible;
        }
        if (!aFeasible) {
            return a.violation() < b.violation();
        }
        return dominates(losses(a, directions), losses(b, directions));
    }

    /**
     * Fast non-dominated sorting (Deb et al. 2002, O(M·N²)): the indices of {@code points} by front, the
     * first front being the points nothing dominates, each index ascending within its front.
     */
    public static List<List<Integer>> nonDominatedFronts(double[][] points) {
        int n = points.length;
        List<List<Integer>> dominatedBy = new ArrayList<>(n);
        int[] dominatorCount = new int[n];
        for (int i = 0; i < n; i++) {
            dominatedBy.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(points[i], points[j])) {
                    dominatedBy.get(i).add(j);
                    dominatorCount[j]++;
                } else if (dominates(points[j], points[i])) {
                    dominatedBy.get(j).add(i);
                    dominatorCount[i]++;
                }
            }
        }
        List<List<Integer>> fronts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatorCount[i] == 0) {
                current.add(i);
            }
        }
        while (!current.isEmpty()) {
            fronts.add(current);
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominatedBy.get(i)) {
                    if (--dominatorCount[j] == 0) {
                        next.add(j);
                    }
                }
            }
            next.sort(Comparator.naturalOrder());
            current = next;
        }
        return fronts;
    }

    /**
     * Trials ranked into fronts by constrained dominance: the feasible trials' non-dominated fronts first,
     * then the infeasible trials grouped by equal total violation, least violation first. Within a front,
     * trials keep ascending number order.
     */
    public static List<List<Trial>> rank(List<Trial> trials, List<Direction> directions) {
        List<Trial> feasible = trials.stream().filter(Trial::feasible).toList();
        List<List<Trial>> fronts = new ArrayList<>();
        double[][] points = feasible.stream().map(t -> losses(t, directions)).toArray(double[][]::new);
        for (List<Integer> front : nonDominatedFronts(points)) {
            fronts.add(front.stream().map(feasible::get).toList());
        }
        TreeMap<Double, List<Trial>> infeasibleByViolation = new TreeMap<>();
        for (Trial trial : trials) {
            if (!trial.feasible()) {
                infeasibleByViolation
                        .computeIfAbsent(trial.violation(), v -> new ArrayList<>())
                        .add(trial);
            }
        }
        fronts.addAll(infeasibleByViolation.values());
        return fronts;
    }

    /**
     * The Pareto front of a study: its complete feasible trials that no other complete feasible trial
     * dominates, by number.
     */
    public static List<Trial> front(StudyHistory history) {
        List<Trial> feasible =
                history.complete().stream().filter(Trial::feasible).toList();
        double[][] points =
                feasible.stream().map(t -> losses(t, history.directions())).toArray(double[][]::new);
        List<List<Integer>> fronts = nonDominatedFronts(points);
        return fronts.isEmpty()
                ? List.of()
                : fronts.get(0).stream().map(feasible::get).toList();
    }

    /**
     * Crowding distance of each point of one front (Deb et al. 2002): for each objective, the extreme
     * points get +∞ and the others the gap between their neighbours, normalised by the objective's range;
     * summed over objectives. A large distance means a lonely point, worth keeping for diversity.
     */
    public static double[] crowdingDistances(double[][] front) {
        int n = front.length;
        double[] distance = new double[n];
        if (n == 0) {
            return distance;
        }
        int objectives = front[0].length;
        for (int m = 0; m < objectives; m++) {
            final int objective = m;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> front[i][objective]));
            double width = front[order[n - 1]][m] - front[order[0]][m];
            if (!(width > 0) || !Double.isFinite(width)) {
                continue; // every point alike (or unbounded) in this objective: it says nothing of crowding
            }
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[n - 1]] = Double.POSITIVE_INFINITY;
            for (int k = 1; k < n - 1; k++) {
                distance[order[k]] += (front[order[k + 1]][m] - front[order[k - 1]][m]) / width;
            }
        }
        return distance;
    }

    /** Crowding distance of each trial of one front, by trial number. */
    public static Map<Long, Double> crowdingDistances(List<Trial> front, List<Direction> directions) {
        double[][] points = front.stream().map(t -> losses(t, directions)).toArray(double[][]::new);
        double[] distances = crowdingDistances(points);
        Map<Long, Double> byNumber = new HashMap<>();
        for (int i = 0; i < distances.length; i++) {
            byNumber.put(front.get(i).number(), distances[i]);
        }
        return byNumber;
    }

    /** The front's trials, loneliest (largest crowding distance) first; ties by ascending number. */
    public static List<Trial> byCrowdingDistance(List<Trial> front, List<Direction> directions) {
        Map<Long, Double> distances = crowdingDistances(front, directions);
        List<Trial> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingDouble((Trial t) -> -distances.get(t.number()))
                .thenComparingLong(Trial::number));
        return sorted;
    }
}
