package io.mabeam.foundation.resilience.boundary;

import io.mabeam.foundation.resilience.control.Breakers;
import io.mabeam.foundation.resilience.entity.BreakerState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** This node's circuit breakers as seen from the calls through them, for health, metrics, REST and console. */
@ApplicationScoped
public class Resilience {

    /** The breaker of calls to the language-model service (io.mabeam.llm). */
    public static final String LLM_BREAKER = "llm";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Breakers breakers = new Breakers(Clock.systemUTC());

    @PostConstruct
    void declare() {
        for (String breaker : java.util.List.of(OutboundHttp.BREAKER, LLM_BREAKER)) {
            breakers.declare(breaker);
            metrics.gauge(
                    "mabeam.resilience.breaker.open",
                    () -> "open".equals(state(breaker)) ? 1 : 0,
                    new Tag("breaker", breaker));
        }
    }

    public List<BreakerState> breakers() {
        return breakers.states(OutboundHttp.BREAKER_DELAY);
    }

    public void succeeded(String breaker) {
        breakers.succeeded(breaker);
        metrics.counter("mabeam.resilience.calls", new Tag("breaker", breaker), new Tag("outcome", "success"))
                .inc();
    }

    public void failed(String breaker, String why) {
        breakers.failed(breaker, why);
        metrics.counter("mabeam.resilience.calls", new Tag("breaker", breaker), new Tag("outcome", "failure"))
                .inc();
    }

    public void refused(String breaker, String why) {
        breakers.refused(breaker, why);
        metrics.counter("mabeam.resilience.calls", new Tag("breaker", breaker), new Tag("outcome", "refused"))
                .inc();
    }

    private String state(String name) {
        return breakers().stream()
                .filter(b -> b.name().equals(name))
                .map(BreakerState::state)
                .findFirst()
                .orElse("closed");
    }
}
