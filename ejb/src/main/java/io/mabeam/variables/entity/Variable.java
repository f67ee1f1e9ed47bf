package io.mabeam.variables.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/** A variable of a search space: its name, its domain, and when it is active. */
public sealed interface Variable permits FloatVariable, IntVariable, CategoricalVariable, FixedVariable {

    Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

    String name();

    /** Active only under this condition; always active without one. */
    Optional<Condition> condition();

    /** Whether {@code value} lies in this variable's domain. */
    boolean admits(Object value);

    static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a variable name is 1 to 100 letters, digits or _ . -, starting with a"
                    + " letter or _, not " + (name == null ? "nothing" : "'" + name + "'"));
        }
        return name;
    }
}
