package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the complete trials of a multi-objective study for TPE's split as Optuna does: by non-domination
 * rank, and within the rank that straddles the cut by greedy hypervolume subset selection, so the good group
 * spreads along the front; the good group's members weigh by their hypervolume contribution.
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
        List<Integer> order = new ArrayList<>();
        for (List<Integer> front : fronts) {
            if (order.size() < belowCount && order.size() + front.size() > belowCount) {
                order.addAll(hypervolumeSubset(front, losses, belowCount - order.size()));
                for (int i : front) {
                    if (!order.contains(i)) {
                        order.add(i);
                    }
                }
            } else {
                order.addAll(front);
            }
        }
        List<Trial> ordered = new ArrayList<>();
        order.forEach(i -> ordered.add(complete.get(i)));
        int below = Math.min(belowCount, order.size());
        return new MultiObjectiveSplit(ordered, contributionWeights(order.subList(0, below), losses));
    }

    /**
     * Greedy hypervolume subset selection (as Optuna breaks ties in the straddling rank): picks, one at a time,
     * the point that adds the most hypervolume, reference point a little beyond the rank's worst.
     */
    static List<Integer> hypervolumeSubset(List<Integer> candidates, double[][] losses, int size) {
        double[] reference = reference(candidates, losses);
        List<Integer> chosen = new ArrayList<>();
        // lazy greedy: a point's gain only shrinks as others are chosen (hypervolume is submodular), so a stale
        // gain is an upper bound and only the top of the queue needs recomputing — the same picks as plain greedy
        java.util.PriorityQueue<double[]> queue = new java.util.PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int candidate : candidates) {
            queue.add(new double[] {exclusive(candidate, List.of(), losses, reference), candidate, 0});
        }
        while (chosen.size() < size && !queue.isEmpty()) {
            double[] top = queue.poll();
            int candidate = (int) top[1];
            if ((int) top[2] == chosen.size()) {
                chosen.add(candidate);
                continue;
            }
            queue.add(new double[] {exclusive(candidate, chosen, losses, reference), candidate, chosen.size()});
        }
        return chosen;
    }

    /**
     * Optuna's weights for the good group of a multi-objective study: each Pareto-optimal member weighs its
     * share of the hypervolume that only it covers (relative to the largest), dominated members almost nothing.
     */
    static double[] contributionWeights(List<Integer> below, double[][] losses) {
        double[] weights = new double[below.size()];
        java.util.Arrays.fill(weights, EPS);
        if (below.size() <= 1) {
            java.util.Arrays.fill(weights, 1.0);
            return weights;
        }
        double[] reference = reference(below, losses);
        List<Integer> front = new ArrayList<>();
        for (int i : below) {
            boolean dominated = false;
            for (int j : below) {
                if (j != i && dominates(losses[j], losses[i])) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(i);
            }
        }
        double[] contributions = new double[below.size()];
        double largest = 0;
        for (int k = 0; k < below.size(); k++) {
            int i = below.get(k);
            if (front.contains(i)) {
                List<Integer> others = new ArrayList<>(front);
                others.remove(Integer.valueOf(i));
                contributions[k] = exclusive(i, others, losses, reference);
                largest = Math.max(largest, contributions[k]);
            }
        }
        for (int k = 0; k < below.size(); k++) {
            weights[k] = Math.max(contributions[k] / Math.max(largest, EPS), EPS);
        }
        return weights;
    }

    private static final double EPS = 1e-12;

    private static double[] reference(List<Integer> points, double[][] losses) {
        int m = losses[points.get(0)].length;
        double[] reference = new double[m];
        for (int d = 0; d < m; d++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i : points) {
                worst = Math.max(worst, losses[i][d]);
            }
            reference[d] = Math.max(1.1 * worst, 0.9 * worst);
            if (reference[d] == 0) {
                reference[d] = EPS;
            }
        }
        return reference;
    }

    /** The hypervolume only point {@code i} covers, given {@code others}. */
    private static double exclusive(int i, List<Integer> others, double[][] losses, double[] reference) {
        double[][] selected = new double[others.size()][];
        for (int k = 0; k < others.size(); k++) {
            selected[k] = losses[others.get(k)];
        }
        return Hypervolume.exclusive(losses[i], selected, reference);
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
}
