package io.mabeam.optimization.control;

import java.util.regex.Pattern;

/** What a trainer may be asked to evaluate: a built-in or provided objective, or a Python one ({@code python:<name>}). */
public final class ObjectiveNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,50}|python:[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private ObjectiveNames() {}

    public static boolean valid(String objective) {
        return objective != null && NAME.matcher(objective).matches();
    }

    public static final String HINT = "objective names what trainers evaluate: network, branin, hartmann6, or"
            + " python:<name> for a Python objective";
}
