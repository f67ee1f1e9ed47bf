package io.mabeam.llm.boundary;

import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.foundation.resilience.entity.BreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Health of the language model: not configured is fine (agents use their rules); configured, it is
 * {@code DEGRADED} while its circuit breaker is open. Not critical.
 */
@ApplicationScoped
public class LlmProbes {

    @Inject
    LanguageModels models;

    @Inject
    Resilience resilience;

    @Produces
    HealthProbe languageModel() {
        return () -> {
            if (!models.settings().configured()) {
                return new ComponentHealth("llm", Status.UP, false, "not configured: agents use their rules");
            }
            BreakerState breaker = resilience.breakers().stream()
                    .filter(b -> b.name().equals(Resilience.LLM_BREAKER))
                    .findFirst()
                    .orElse(null);
            if (breaker != null && breaker.state().equals("open")) {
                return new ComponentHealth(
                        "llm",
                        Status.DEGRADED,
                        false,
                        "circuit breaker open after repeated failures: " + breaker.lastFailure());
            }
            return new ComponentHealth(
                    "llm",
                    Status.UP,
                    false,
                    models.settings().model() + " at " + models.settings().baseUrl());
        };
    }
}
