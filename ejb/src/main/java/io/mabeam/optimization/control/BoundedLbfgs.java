package io.mabeam.optimization.control;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small limited-memory BFGS minimizer with box bounds, for the Gaussian-process sampler's two smooth
 * problems (kernel hyperparameters, acquisition function). It is a simplified L-BFGS-B: the quasi-Newton
 * direction is computed over the coordinates not held at a bound (a coordinate is held when it sits on a
 * bound and the gradient pushes it outwards), and a backtracking line search along the projected path
 * {@code clip(x + t d)} accepts the first step with Armijo's sufficient decrease. It stops when the largest
 * projected gradient component falls below {@code gradientTolerance}, when a step no longer lowers the
 * value, or after {@code maxIterations} iterations.
 */
final class BoundedLbfgs {

    /** A function to minimize: returns the value at {@code x} and writes the gradient into {@code gradient}. */
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Where the search ended and the value there. */
    record Result(double[] x, double value, int evaluations) {}

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 30;

    private BoundedLbfgs() {}

    /**
     * @param lower lower bounds ({@code Double.NEGATIVE_INFINITY} for none)
     * @param upper upper bounds ({@code Double.POSITIVE_INFINITY} for none)
     */
    static Result minimize(
            Objective objective,
            double[] start,
            double[] lower,
            double[] upper,
            int maxIterations,
            double gradientTolerance) {
        int n = start.length;
        double[] x = clip(start.clone(), lower, upper);
        double[] g = new double[n];
        double f = objective.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(f)) {
            return new Result(x, f, evaluations);
        }
        Deque<double[][]> history = new ArrayDeque<>(); // pairs {s, y}, newest first
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean[] held = held(x, g, lower, upper);
            if (projectedGradientNorm(g, held) < gradientTolerance) {
                break;
            }
            double[] d = direction(g, held, history);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                history.clear();
                for (int i = 0; i < n; i++) {
                    d[i] = held[i] ? 0 : -g[i];
                }
                slope = dot(g, d);
            }
            double step = history.isEmpty() ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(d, d)))) : 1;
            double fTrial = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * d[i]));
                }
                fTrial = objective.valueAndGradient(trial, trialGradient);
                evaluations++;
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    decrease += g[i] * (trial[i] - x[i]);
                }
                if (Double.isFinite(fTrial) && fTrial <= f + ARMIJO * Math.min(decrease, 0) && fTrial <= f) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
            }
            double improvement = f - fTrial;
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            f = fTrial;
            if (dot(s, y) > 1e-12 * Math.max(1e-300, Math.sqrt(dot(s, s) * dot(y, y)))) {
                history.addFirst(new double[][] {s, y});
                if (history.size() > MEMORY) {
                    history.removeLast();
                }
            }
            if (improvement <= 1e-12 * Math.max(1, Math.abs(f))) {
                break;
            }
        }
        return new Result(x, f, evaluations);
    }

    private static boolean[] held(double[] x, double[] g, double[] lower, double[] upper) {
        boolean[] held = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            held[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
        }
        return held;
    }

    private static double projectedGradientNorm(double[] g, boolean[] held) {
        double largest = 0;
        for (int i = 0; i < g.length; i++) {
            if (!held[i]) {
                largest = Math.max(largest, Math.abs(g[i]));
            }
        }
        return largest;
    }

    /** The two-loop recursion over the free coordinates. */
    private static double[] direction(double[] g, boolean[] held, Deque<double[][]> history) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = held[i] ? 0 : g[i];
        }
        double[] alphas = new double[history.size()];
        int k = 0;
        for (double[][] pair : history) {
            double sy = maskedDot(pair[0], pair[1], held);
            if (sy <= 0) {
                alphas[k++] = 0;
                continue;
            }
            double a = maskedDot(pair[0], q, held) / sy;
            alphas[k++] = a;
            for (int i = 0; i < n; i++) {
                if (!held[i]) {
                    q[i] -= a * pair[1][i];
                }
            }
        }
        if (!history.isEmpty()) {
            double[][] newest = history.peekFirst();
            double sy = maskedDot(newest[0], newest[1], held);
            double yy = maskedDot(newest[1], newest[1], held);
            double gamma = sy > 0 && yy > 0 ? sy / yy : 1;
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        Object[] pairs = history.toArray();
        for (int j = pairs.length - 1; j >= 0; j--) {
            double[][] pair = (double[][]) pairs[j];
            double sy = maskedDot(pair[0], pair[1], held);
            if (sy <= 0) {
                continue;
            }
            double b = maskedDot(pair[1], q, held) / sy;
            for (int i = 0; i < n; i++) {
                if (!held[i]) {
                    q[i] += pair[0][i] * (alphas[j] - b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            q[i] = held[i] ? 0 : -q[i];
        }
        return q;
    }

    private static double maskedDot(double[] a, double[] b, boolean[] held) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (!held[i]) {
                sum += a[i] * b[i];
            }
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] clip(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
        return x;
    }
}
