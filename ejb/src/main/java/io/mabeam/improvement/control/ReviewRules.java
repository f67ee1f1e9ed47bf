package io.mabeam.improvement.control;

import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.training.entity.Task;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewer's rules for a proposed search space. It is accepted when every variable stays within the ranges the
 * tenant allows, and — for a study that trains networks — when the largest network the space admits (most
 * layers, widest layers, largest batch) is a valid Deeplearning4j configuration whose parameter count and memory
 * estimate stay within budget. Memory: parameters × 4 bytes × 4 (weights, gradients and two moments of the
 * updater) plus activations and their gradients for a batch (batch × (inputs + hidden units + outputs) × 4 bytes
 * × 2).
 */
public final class ReviewRules {

    /** What a reviewer allows: ranges per variable ({min, max}), parameters, memory, layers. */
    public record Limits(Map<String, double[]> ranges, long maxParameters, double maxMemoryMb, int maxLayers) {

        public Limits {
            ranges = Map.copyOf(ranges);
        }

        public static Limits defaults() {
            return new Limits(Map.of(), 2_000_000, 512, 8);
        }
    }

    /** A verdict with its reasons, and the worst case it was judged on (0 when the study trains no network). */
    public record Review(boolean accept, List<String> reasons, long worstParameters, double worstMemoryMb) {}

    private ReviewRules() {}

    public static Review review(SearchSpace space, Optional<NetworkShape> network, Limits limits) {
        List<String> problems = new ArrayList<>();
        for (Variable variable : space.variables()) {
            double[] range = limits.ranges().get(variable.name());
            if (range == null) {
                continue;
            }
            double low;
            double high;
            if (variable instanceof FloatVariable f) {
                low = f.low();
                high = f.high();
            } else if (variable instanceof IntVariable i) {
                low = i.low();
                high = i.high();
            } else if (variable instanceof FixedVariable f && f.value() instanceof Number n) {
                low = n.doubleValue();
                high = low;
            } else {
                continue;
            }
            if (low < range[0] || high > range[1]) {
                problems.add(String.format(
                        Locale.ROOT,
                        "%s: [%.4g, %.4g] leaves the range the tenant allows, [%.4g, %.4g]",
                        variable.name(),
                        low,
                        high,
                        range[0],
                        range[1]));
            }
        }
        long parameters = 0;
        double memory = 0;
        if (network.isPresent()) {
            NetworkShape shape = network.get();
            Map<String, Object> worst = worstCase(space);
            try {
                NetworkSpec spec = NetworkSpec.of(worst, 1);
                NetworkTrainer.configuration(
                        spec,
                        shape.inputs(),
                        shape.outputs(),
                        shape.classification() ? Task.CLASSIFICATION : Task.REGRESSION,
                        1);
                parameters = parameters(spec, shape);
                memory = memoryMb(spec, shape, parameters);
                if (spec.hiddenUnits().size() > limits.maxLayers()) {
                    problems.add("up to " + spec.hiddenUnits().size() + " layers, more than the " + limits.maxLayers()
                            + " allowed");
                }
                if (parameters > limits.maxParameters()) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "the largest network has %,d parameters, more than the %,d allowed",
                            parameters,
                            limits.maxParameters()));
                }
                if (memory > limits.maxMemoryMb()) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "the largest network needs about %.0f MB to train, more than the %.0f MB allowed",
                            memory,
                            limits.maxMemoryMb()));
                }
                for (Variable variable : space.variables()) {
                    if (variable instanceof CategoricalVariable c) {
                        for (Object choice : c.choices()) {
                            Map<String, Object> one = new HashMap<>(worst);
                            one.put(c.name(), choice);
                            NetworkSpec.of(one, 1);
                        }
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add("not a valid Deeplearning4j configuration: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            List<String> fine = new ArrayList<>();
            fine.add("every range within the tenant's limits");
            if (network.isPresent()) {
                fine.add(String.format(
                        Locale.ROOT, "largest network: %,d parameters, about %.1f MB to train", parameters, memory));
            }
            return new Review(true, fine, parameters, memory);
        }
        return new Review(false, problems, parameters, memory);
    }

    /** The parameters of the largest network a space admits: the upper bound of every size, the first choice of the rest. */
    static Map<String, Object> worstCase(SearchSpace space) {
        Map<String, Object> worst = new HashMap<>();
        for (Variable variable : space.variables()) {
            Object value;
            if (variable instanceof IntVariable i) {
                value = i.high();
            } else if (variable instanceof FloatVariable f) {
                value = f.name().equals("dropout") ? f.low() : f.high();
            } else if (variable instanceof FixedVariable f) {
                value = f.value();
            } else if (variable instanceof CategoricalVariable c) {
                value = c.choices().get(0);
            } else {
                continue;
            }
            worst.put(variable.name(), value);
        }
        return worst;
    }

    static long parameters(NetworkSpec spec, NetworkShape shape) {
        long count = 0;
        int in = shape.inputs();
        for (int units : spec.hiddenUnits()) {
            count += (long) in * units + units;
            in = units;
        }
        return count + (long) in * shape.outputs() + shape.outputs();
    }

    static double memoryMb(NetworkSpec spec, NetworkShape shape, long parameters) {
        long hidden = spec.hiddenUnits().stream().mapToLong(Integer::longValue).sum();
        long batch = Math.min(spec.batchSize(), Math.max(1, shape.trainingRows()));
        double bytes = parameters * 4.0 * 4 + batch * (shape.inputs() + hidden + shape.outputs()) * 4.0 * 2;
        return bytes / (1024 * 1024);
    }
}
