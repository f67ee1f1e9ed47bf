package io.mabeam.foundation.resilience.control;

import io.mabeam.foundation.resilience.entity.BreakerState;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states of this node's circuit breakers, followed from the outcomes of the calls through them
 * (MicroProfile Fault Tolerance exports time spent per state, not the state itself): a call refused by an
 * open breaker opens it here; a call that went through closes it; after an open breaker's delay the next
 * call is its trial (half-open).
 */
public class Breakers {

    private final Clock clock;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    public Breakers(Clock clock) {
        this.clock = clock;
    }

    public void declare(String name) {
        breakers.computeIfAbsent(name, n -> new Breaker(n, clock.instant()));
    }

    public void succeeded(String name) {
        breaker(name).record(Outcome.SUCCESS, null, clock.instant());
    }

    public void failed(String name, String why) {
        breaker(name).record(Outcome.FAILURE, why, clock.instant());
    }

    public void refused(String name, String why) {
        breaker(name).record(Outcome.REFUSED, why, clock.instant());
    }

    /** Marks open breakers whose delay has passed as half-open: their next call is a trial. */
    public List<BreakerState> states(java.time.Duration openDelay) {
        Instant now = clock.instant();
        return breakers.values().stream()
                .map(b -> b.state(now, openDelay))
                .sorted(Comparator.comparing(BreakerState::name))
                .toList();
    }

    private Breaker breaker(String name) {
        return breakers.computeIfAbsent(name, n -> new Breaker(n, clock.instant()));
    }

    enum Outcome {
        SUCCESS,
        FAILURE,
        REFUSED
    }

    private static final class Breaker {
        private final String name;
        private String state = "closed";
        private long calls;
        private long failures;
        private long refused;
        private String lastFailure;
        private Instant changedAt;

        Breaker(String name, Instant now) {
            this.name = name;
            this.changedAt = now;
        }

        synchronized void record(Outcome outcome, String why, Instant now) {
            calls++;
            String next = state;
            switch (outcome) {
                case SUCCESS -> next = "closed";
                case FAILURE -> {
                    failures++;
                    lastFailure = why;
                    if (state.equals("half-open")) {
                        next = "open";
                    }
                }
                case REFUSED -> {
                    refused++;
                    lastFailure = why;
                    next = "open";
                }
            }
            if (!next.equals(state)) {
                state = next;
                changedAt = now;
            }
        }

        synchronized BreakerState state(Instant now, java.time.Duration openDelay) {
            if (state.equals("open") && !now.isBefore(changedAt.plus(openDelay))) {
                state = "half-open";
                changedAt = now;
            }
            return new BreakerState(name, state, calls, failures, refused, lastFailure, changedAt);
        }
    }
}
