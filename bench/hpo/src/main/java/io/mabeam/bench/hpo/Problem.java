package io.mabeam.bench.hpo;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.Map;
import java.util.Optional;

/** The reference problems of ../shared/benchmarks/hpo/README.md, declared exactly as there. */
public enum Problem {
    BRANIN(
            SearchSpace.of(FloatVariable.uniform("x0", -5, 10), FloatVariable.uniform("x1", 0, 15)),
            0.39788735772973816) {
        @Override
        double[] evaluate(Map<String, Object> p) {
            double x0 = num(p, "x0");
            double x1 = num(p, "x1");
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double t = 1 / (8 * Math.PI);
            double f = Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
            return new double[] {f};
        }
    },
    HARTMANN6(unitCube(6, "x"), -3.3223680114155143) {
        private final double[] alpha = {1.0, 1.2, 3.0, 3.2};
        private final double[][] a = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
        };
        private final double[][] p = {
            {1312, 1696, 5569, 124, 8283, 5886},
            {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650},
            {4047, 8828, 8732, 5743, 1091, 381}
        };

        @Override
        double[] evaluate(Map<String, Object> params) {
            double f = 0;
            for (int i = 0; i < 4; i++) {
                double inner = 0;
                for (int j = 0; j < 6; j++) {
                    double d = num(params, "x" + j) - 1e-4 * p[i][j];
                    inner += a[i][j] * d * d;
                }
                f -= alpha[i] * Math.exp(-inner);
            }
            return new double[] {f};
        }
    },
    MIXED(
            SearchSpace.of(
                    IntVariable.uniform("n_layers", 1, 8),
                    FloatVariable.logUniform("lr", 1e-5, 1e-1),
                    CategoricalVariable.of("optimizer", "sgd", "momentum", "adam", "rmsprop"),
                    FloatVariable.uniform("dropout", 0, 0.5)),
            0) {
        @Override
        double[] evaluate(Map<String, Object> p) {
            double u = Math.log10(num(p, "lr"));
            double n = num(p, "n_layers");
            double d = num(p, "dropout");
            double o;
            double uk;
            switch ((String) p.get("optimizer")) {
                case "sgd" -> {
                    o = 0.30;
                    uk = -1.5;
                }
                case "momentum" -> {
                    o = 0.10;
                    uk = -2.0;
                }
                case "adam" -> {
                    o = 0.00;
                    uk = -3.0;
                }
                default -> {
                    o = 0.05;
                    uk = -3.5;
                }
            }
            double f = o + 0.25 * (u - uk) * (u - uk) + 0.04 * (n - 5) * (n - 5) + 0.05 * (n - 5) * (u - uk)
                    + 2 * (d - 0.15) * (d - 0.15);
            return new double[] {f};
        }
    },
    /** Three objectives, seven variables; the optimum is a front (hypervolume ratio instead of regret). */
    DTLZ2(unitCube(7, "x", 1), Double.NaN) {
        @Override
        double[] evaluate(Map<String, Object> p) {
            double g = 0;
            for (int i = 3; i <= 7; i++) {
                double x = num(p, "x" + i);
                g += (x - 0.5) * (x - 0.5);
            }
            double a = num(p, "x1") * Math.PI / 2;
            double b = num(p, "x2") * Math.PI / 2;
            return new double[] {
                (1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)
            };
        }
    },
    /** DTLZ2 with two objectives and six variables (a check that multi-objective changes generalise). */
    DTLZ2_2(unitCube(6, "x", 1), Double.NaN) {
        @Override
        double[] evaluate(Map<String, Object> p) {
            double g = 0;
            for (int i = 2; i <= 6; i++) {
                double x = num(p, "x" + i);
                g += (x - 0.5) * (x - 0.5);
            }
            double a = num(p, "x1") * Math.PI / 2;
            return new double[] {(1 + g) * Math.cos(a), (1 + g) * Math.sin(a)};
        }
    };

    final SearchSpace space;
    final double optimum;

    Problem(SearchSpace space, double optimum) {
        this.space = space;
        this.optimum = optimum;
    }

    abstract double[] evaluate(Map<String, Object> parameters);

    int objectives() {
        return this == DTLZ2 ? 3 : this == DTLZ2_2 ? 2 : 1;
    }

    static double num(Map<String, Object> p, String name) {
        return ((Number) Optional.ofNullable(p.get(name)).orElseThrow()).doubleValue();
    }

    private static SearchSpace unitCube(int dimensions, String prefix) {
        return unitCube(dimensions, prefix, 0);
    }

    private static SearchSpace unitCube(int dimensions, String prefix, int first) {
        FloatVariable[] variables = new FloatVariable[dimensions];
        for (int i = 0; i < dimensions; i++) {
            variables[i] = FloatVariable.uniform(prefix + (first + i), 0, 1);
        }
        return SearchSpace.of(variables);
    }
}
