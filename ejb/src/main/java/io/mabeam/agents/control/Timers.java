package io.mabeam.agents.control;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** An agent's timers by key (a new timer of a key replaces the old one); allocated on an agent's first timer. */
final class Timers {

    private final Map<Object, ScheduledFuture<?>> byKey = new HashMap<>(4);

    void replace(Object key, ScheduledFuture<?> timer) {
        ScheduledFuture<?> previous = byKey.put(key, timer);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    void cancel(Object key) {
        ScheduledFuture<?> timer = byKey.remove(key);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void cancelAll() {
        byKey.values().forEach(t -> t.cancel(false));
        byKey.clear();
    }
}
