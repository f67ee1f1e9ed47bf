package io.mabeam.training.control;

import java.util.List;
import java.util.Map;

/**
 * The reference problems of ../shared/benchmarks/hpo as objectives (variables named as there): Branin
 * ({@code x0} ∈ [−5, 10], {@code x1} ∈ [0, 15]; minimum 0.397887) and Hartmann6 ({@code x0..x5} ∈ [0, 1];
 * minimum −3.32237).
 */
public final class BenchmarkObjectives {

    private BenchmarkObjectives() {}

    public static final Objective BRANIN = new Objective() {
        @Override
        public String name() {
            return "branin";
        }

        @Override
        public double[] evaluate(Map<String, Object> p, Progress progress) {
            double x0 = number(p, "x0");
            double x1 = number(p, "x1");
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double t = 1 / (8 * Math.PI);
            double y = Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
            return new double[] {y};
        }
    };

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

    public static final Objective HARTMANN6 = new Objective() {
        @Override
        public String name() {
            return "hartmann6";
        }

        @Override
        public double[] evaluate(Map<String, Object> p, Progress progress) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double inner = 0;
                for (int j = 0; j < 6; j++) {
                    double x = number(p, "x" + j);
                    inner += A[i][j] * (x - P[i][j]) * (x - P[i][j]);
                }
                sum += ALPHA[i] * Math.exp(-inner);
            }
            return new double[] {-sum};
        }
    };

    public static final List<Objective> ALL = List.of(BRANIN, HARTMANN6);

    static double number(Map<String, Object> parameters, String name) {
        if (!(parameters.get(name) instanceof Number value)) {
            throw new IllegalArgumentException("the objective needs a number " + name);
        }
        return value.doubleValue();
    }
}
