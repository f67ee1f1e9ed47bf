package io.mabeam.training.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A feed-forward network as a trial's parameters describe it: hidden layers and their units, activation,
 * dropout, L2, learning rate, updater, batch size and at most how many epochs. Parameters a study does not
 * search keep their defaults; {@code units_<i>} sets one layer's width, {@code units} all of them.
 */
public record NetworkSpec(
        List<Integer> hiddenUnits,
        String activation,
        double dropout,
        double l2,
        double learningRate,
        String updater,
        int batchSize,
        int epochs) {

    public static final Set<String> ACTIVATIONS =
            Set.of("relu", "tanh", "sigmoid", "elu", "leakyrelu", "selu", "swish");
    public static final Set<String> UPDATERS = Set.of("adam", "sgd", "nesterovs", "rmsprop", "adamax", "nadam");
    public static final Set<String> PARAMETERS = Set.of(
            "layers", "units", "activation", "dropout", "l2", "learning_rate", "updater", "batch_size", "epochs");

    public NetworkSpec {
        hiddenUnits = List.copyOf(hiddenUnits);
        if (hiddenUnits.size() > 8 || hiddenUnits.stream().anyMatch(u -> u < 1 || u > 4096)) {
            throw new IllegalArgumentException("at most 8 hidden layers of 1 to 4096 units");
        }
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("activation is one of " + new java.util.TreeSet<>(ACTIVATIONS));
        }
        if (!UPDATERS.contains(updater)) {
            throw new IllegalArgumentException("updater is one of " + new java.util.TreeSet<>(UPDATERS));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout is at least 0 and below 1");
        }
        if (!(l2 >= 0 && l2 <= 1)) {
            throw new IllegalArgumentException("l2 is 0 to 1");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learning_rate is above 0 and at most 10");
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batch_size is 1 to 65536");
        }
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs is 1 to 10000");
        }
    }

    /**
     * The network a trial's parameters describe; unknown parameters are an error, so a misspelt search
     * variable does not silently train the default.
     *
     * @param maxEpochs the setup's epoch budget (the default and the cap for {@code epochs})
     */
    public static NetworkSpec of(Map<String, Object> parameters, int maxEpochs) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name) && !name.matches("units_[0-7]")) {
                throw new IllegalArgumentException("unknown network parameter " + name + " (known: "
                        + new java.util.TreeSet<>(PARAMETERS) + " and units_0 … units_7)");
            }
        }
        int layers = integer(parameters, "layers", 2);
        int units = integer(parameters, "units", 32);
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            hidden.add(integer(parameters, "units_" + i, units));
        }
        return new NetworkSpec(
                hidden,
                text(parameters, "activation", "relu"),
                number(parameters, "dropout", 0),
                number(parameters, "l2", 1e-4),
                number(parameters, "learning_rate", 1e-2),
                text(parameters, "updater", "adam"),
                integer(parameters, "batch_size", 32),
                Math.min(maxEpochs, integer(parameters, "epochs", maxEpochs)));
    }

    private static int integer(Map<String, Object> parameters, String name, int fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        throw new IllegalArgumentException(name + " is a whole number, not " + value);
    }

    private static double number(Map<String, Object> parameters, String name, double fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(name + " is a number, not " + value);
    }

    private static String text(Map<String, Object> parameters, String name, String fallback) {
        Object value = parameters.get(name);
        return value == null ? fallback : value.toString().toLowerCase(Locale.ROOT);
    }
}
