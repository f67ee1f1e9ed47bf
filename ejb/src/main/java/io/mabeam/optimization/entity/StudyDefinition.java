package io.mabeam.optimization.entity;

import io.mabeam.variables.entity.SearchSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A study as created: its search space, objectives, the sampler and pruner chosen (name and options as JSON
 * objects), the seed, how long a running trial may go without a heartbeat, and how often a trial whose
 * worker died is tried again; {@code bindings} name the variables that stand for live variables or settings,
 * which the best trial's values can be applied to.
 */
public record StudyDefinition(
        long id,
        String name,
        List<Direction> directions,
        SearchSpace space,
        String sampler,
        String pruner,
        long seed,
        Duration heartbeat,
        int maxRetries,
        String userAttributes,
        String createdBy,
        Instant createdAt,
        Map<String, Binding> bindings) {

    /** What a study variable stands for besides itself: a live variable or a platform setting of that name. */
    public enum Binding {
        LIVE,
        SETTING
    }

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public StudyDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a study's name is 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (directions == null || directions.isEmpty() || directions.size() > 16) {
            throw new IllegalArgumentException("a study has 1 to 16 objectives");
        }
        directions = List.copyOf(directions);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("a heartbeat interval is positive");
        }
        bindings = bindings == null ? Map.of() : Map.copyOf(bindings);
        if (maxRetries < 0 || maxRetries > 100) {
            throw new IllegalArgumentException("max retries is 0 to 100");
        }
    }

    public String stream() {
        return "study:" + name;
    }
}
