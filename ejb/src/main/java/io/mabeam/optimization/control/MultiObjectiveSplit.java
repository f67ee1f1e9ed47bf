package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the complete trials of a multi-objective study for TPE's split: by non-domination rank, and
 * within the rank that straddles the cut by crowding distance (the most isolated first), so the good group
 * spreads along the front.
 *
 * @param belowWeights weights of the first {@code belowCount} trials of {@code ordered}, or null for equal
 */
record MultiObjectiveSplit(List<Trial> ordered, double[] belowWeights) {

    static MultiObjectiveSplit of(StudyHistory history, List<Trial> complete, int belowCount) {
        int n = complete.size();
        double[][] losses = new double[n][];
        for (int i = 0; i < n; i++) {
            Trial trial = complete.get(i);
            double[] loss = new double[history.directions().size()];
            for (int m = 0; m < loss.length; m++) {
                loss[m] = history.directions().get(m).loss(trial.values().get(m));
            }
            losses[i] = loss;
        }
        List<List<Integer>> fronts = fronts(losses);
        List<Trial> ordered = new ArrayList<>();
        for (List<Integer> front : fronts) {
            if (ordered.size() < belowCount && ordered.size() + front.size() > belowCount) {
                double[] crowding = crowding(front, losses);
                List<Integer> byIsolation = new ArrayList<>();
                for (int i = 0; i < front.size(); i++) {
                    byIsolation.add(i);
                }
                byIsolation.sort(
                        Comparator.<Integer>comparingDouble(i -> -crowding[i]).thenComparing(i -> front.get(i)));
                for (int i : byIsolation) {
                    ordered.add(complete.get(front.get(i)));
                }
            } else {
                for (int i : front) {
                    ordered.add(complete.get(i));
                }
            }
        }
        return new MultiObjectiveSplit(ordered, null);
    }

    static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
            if (a[m] < b[m]) {
                strictly = true;
            }
        }
        return strictly;
    }

    /** Fast non-dominated sorting (Deb et al. 2002): indices by front, the first front first. */
    static List<List<Integer>> fronts(double[][] losses) {
        int n = losses.length;
        List<List<Integer>> dominated = new ArrayList<>();
        int[] dominatedBy = new int[n];
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dominated.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(losses[i], losses[j])) {
                    dominated.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(losses[j], losses[i])) {
                    dominated.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                current.add(i);
            }
        }
        List<List<Integer>> fronts = new ArrayList<>();
        while (!current.isEmpty()) {
            fronts.add(current);
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominated.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            current = next;
        }
        return fronts;
    }

    /** Crowding distances of a front's members (the ends of each objective's range infinitely far). */
    static double[] crowding(List<Integer> front, double[][] losses) {
        int size = front.size();
        double[] distance = new double[size];
        if (size == 0) {
            return distance;
        }
        int objectives = losses[front.get(0)].length;
        for (int m = 0; m < objectives; m++) {
            final int objective = m;
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble(i -> losses[front.get(i)][objective]));
            double low = losses[front.get(order[0])][m];
            double high = losses[front.get(order[size - 1])][m];
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[size - 1]] = Double.POSITIVE_INFINITY;
            if (high > low) {
                for (int i = 1; i < size - 1; i++) {
                    distance[order[i]] +=
                            (losses[front.get(order[i + 1])][m] - losses[front.get(order[i - 1])][m]) / (high - low);
                }
            }
        }
        return distance;
    }
}
