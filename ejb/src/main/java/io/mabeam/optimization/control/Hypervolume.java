package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hypervolume of a set of points in loss space: the measure of the region they dominate and that
 * dominates the reference point. It grows when a point is added that nothing dominated and never
 * otherwise, which is why it is the usual yardstick of a multi-objective optimiser's front.
 *
 * <p>Exact everywhere: a sweep in 2-D (O(n log n)); in 3-D a sweep along the third objective that keeps the
 * 2-D staircase of the points swept so far (O(n·k), k the staircase size: ~500 points take a millisecond);
 * in higher dimensions the WFG algorithm, its limit sets sliced along the last objective down to the 3-D
 * sweep (exponential in the dimension in the worst case, fast for fronts of a few hundred points). Points that do not strictly dominate the reference point add nothing and are
 * dropped first, dominated points too.
 */
public final class Hypervolume {

    private Hypervolume() {}

    /** The hypervolume of complete trials' objective values, as losses, up to {@code reference} (losses). */
    public static double of(List<Trial> trials, List<Direction> directions, double[] reference) {
        return of(trials.stream().map(t -> Pareto.losses(t, directions)).toArray(double[][]::new), reference);
    }

    /** The hypervolume of {@code points} (losses: smaller is better) up to {@code reference}. */
    public static double of(double[][] points, double[] reference) {
        int dimension = reference.length;
        List<double[]> inside = new ArrayList<>();
        for (double[] point : points) {
            if (point.length != dimension) {
                throw new IllegalArgumentException(
                        "a point has " + point.length + " objectives, the reference point " + dimension);
            }
            if (strictlyBelow(point, reference)) {
                inside.add(point);
            }
        }
        if (inside.isEmpty()) {
            return 0;
        }
        double[][] relevant = nonDominated(inside.toArray(double[][]::new));
        return volume(relevant, reference, dimension);
    }

    /**
     * The hypervolume only {@code point} covers: its box up to the reference minus what {@code others} cover of
     * that box — the others limited to it (each coordinate the worse of the two) form a small set once the
     * dominated ones are dropped, so this costs far less than two hypervolumes of the whole set.
     */
    public static double exclusive(double[] point, double[][] others, double[] reference) {
        if (!strictlyBelow(point, reference)) {
            return 0;
        }
        double box = 1;
        for (int d = 0; d < reference.length; d++) {
            box *= reference[d] - point[d];
        }
        double[][] limited = new double[others.length][];
        for (int i = 0; i < others.length; i++) {
            double[] limit = new double[reference.length];
            for (int d = 0; d < reference.length; d++) {
                limit[d] = Math.max(others[i][d], point[d]);
            }
            limited[i] = limit;
        }
        return Math.max(0, box - of(limited, reference));
    }

    private static double volume(double[][] points, double[] reference, int dimension) {
        if (points.length == 0) {
            return 0;
        }
        switch (dimension) {
            case 1:
                return reference[0]
                        - Arrays.stream(points).mapToDouble(p -> p[0]).min().orElseThrow();
            case 2:
                return area(points, reference);
            case 3:
                return volume3d(points, reference);
            default:
                return wfg(points, reference, dimension);
        }
    }

    /** Sweep by the first objective: each point of the staircase adds its strip. */
    private static double area(double[][] points, double[] reference) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0;
        double lowestY = reference[1];
        for (int i = 0; i < sorted.length; i++) {
            double y = sorted[i][1];
            if (y < lowestY) {
                area += (reference[0] - sorted[i][0]) * (lowestY - y);
                lowestY = y;
            }
        }
        return area;
    }

    /**
     * Sweep by the third objective: between two consecutive heights the dominated region's cross-section is
     * the 2-D area dominated by the points swept so far, kept as a staircase (x ascending, y descending).
     */
    private static double volume3d(double[][] points, double[] reference) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[2]));
        TreeMap<Double, Double> staircase = new TreeMap<>();
        double volume = 0;
        for (int i = 0; i < sorted.length; i++) {
            addToStaircase(staircase, sorted[i][0], sorted[i][1]);
            double nextHeight = i + 1 < sorted.length ? sorted[i + 1][2] : reference[2];
            double thickness = nextHeight - sorted[i][2];
            if (thickness > 0) {
                volume += staircaseArea(staircase, reference) * thickness;
            }
        }
        return volume;
    }

    private static void addToStaircase(TreeMap<Double, Double> staircase, double x, double y) {
        Map.Entry<Double, Double> left = staircase.floorEntry(x);
        if (left != null && left.getValue() <= y) {
            return; // dominated in the projection
        }
        Map.Entry<Double, Double> right = staircase.ceilingEntry(x);
        while (right != null && right.getValue() >= y) {
            staircase.remove(right.getKey());
            right = staircase.higherEntry(right.getKey());
        }
        staircase.put(x, y);
    }

    private static double staircaseArea(TreeMap<Double, Double> staircase, double[] reference) {
        double area = 0;
        Map.Entry<Double, Double> step = staircase.firstEntry();
        while (step != null) {
            Map.Entry<Double, Double> next = staircase.higherEntry(step.getKey());
            double right = next == null ? reference[0] : next.getKey();
            area += (right - step.getKey()) * (reference[1] - step.getValue());
            step = next;
        }
        return area;
    }

    /**
     * The WFG algorithm (While, Bradstreet and Barone 2012): the hypervolume is the sum of each point's
     * exclusive contribution relative to the points after it, taken worst-last-objective first. The
     * contribution is the point's own box less the hypervolume of the others limited to that box; as the
     * later points are no worse in the last objective, the limited set lies in one slab and its volume is
     * the slab's height times a (d−1)-dimensional hypervolume — down to the 3-D sweep.
     */
    private static double wfg(double[][] points, double[] reference, int dimension) {
        int last = dimension - 1;
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble((double[] p) -> -p[last]));
        double[] lowerReference = Arrays.copyOf(reference, last);
        double volume = 0;
        for (int i = 0; i < sorted.length; i++) {
            double[] point = sorted[i];
            double ownBox = 1;
            for (int k = 0; k < last; k++) {
                ownBox *= reference[k] - point[k];
            }
            double[][] limited = new double[sorted.length - i - 1][last];
            for (int j = i + 1; j < sorted.length; j++) {
                for (int k = 0; k < last; k++) {
                    limited[j - i - 1][k] = Math.max(point[k], sorted[j][k]);
                }
            }
            double overlap = volume(nonDominated(limited), lowerReference, last);
            volume += (reference[last] - point[last]) * (ownBox - overlap);
        }
        return volume;
    }

    private static boolean strictlyBelow(double[] point, double[] reference) {
        for (int m = 0; m < point.length; m++) {
            if (!(point[m] < reference[m])) {
                return false;
            }
        }
        return true;
    }

    /** The points no other point dominates, duplicates once. */
    static double[][] nonDominated(double[][] points) {
        double[][] sorted = points.clone();
        // lexicographic order: a point can only be dominated by one before it
        Arrays.sort(sorted, Hypervolume::lexicographic);
        List<double[]> kept = new ArrayList<>();
        for (double[] candidate : sorted) {
            boolean dominated = false;
            for (double[] keeper : kept) {
                if (Pareto.dominates(keeper, candidate) || Arrays.equals(keeper, candidate)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                kept.add(candidate);
            }
        }
        return kept.toArray(double[][]::new);
    }

    private static int lexicographic(double[] a, double[] b) {
        for (int m = 0; m < a.length; m++) {
            int order = Double.compare(a[m], b[m]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
