package io.mabeam.foundation.alerts.boundary;

import io.mabeam.foundation.alerts.entity.AlertRaised;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.resilience.boundary.OutboundHttp;
import io.mabeam.foundation.resilience.entity.OutboundFailure;
import io.mabeam.foundation.resilience.entity.OutboundResult;
import io.mabeam.foundation.tasks.entity.TaskEscalation;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Sends alerts to the configured webhook and records each outcome in stream {@code alerts}
 * ({@code AlertDelivered}, {@code AlertNotDelivered} with the reason). Without a webhook, alerts are only
 * recorded.
 */
@ApplicationScoped
public class Alerts {

    public static final String STREAM = "alerts";
    public static final String SETTING = "mabeam.alerts.webhook-url";
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    OutboundHttp outbound;

    @Inject
    Config config;

    @EJB
    Events events;

    @EJB
    Cluster cluster;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    /** A supervised task was given up: somebody should look. Sent off the task's thread. */
    public void taskEscalated(@Observes TaskEscalation escalation) {
        executor.submit(() -> send(
                "task-escalated",
                "Task " + escalation.state().name() + " on " + cluster.nodeName() + " was given up after "
                        + escalation.state().restartsInWindow() + " restarts: "
                        + escalation.state().lastError(),
                JSON.createObjectBuilder()
                        .add("task", escalation.state().name())
                        .add("lastError", String.valueOf(escalation.state().lastError()))
                        .build()));
    }

    /** Another component raised an alert. Sent off the raiser's thread. */
    public void raised(@Observes AlertRaised alert) {
        executor.submit(() -> send(alert.kind(), alert.text(), alert.details()));
    }

    /**
     * Sends a test alert now and answers what became of it.
     *
     * @throws DomainException 409 when no webhook is configured
     */
    public OutboundResult sendTest() {
        if (webhook().isEmpty()) {
            throw DomainException.conflict("no webhook is configured: set " + SETTING + " first");
        }
        return send(
                "test",
                "Test alert from MABEAM node " + cluster.nodeName(),
                JsonProvider.provider().createObjectBuilder().build());
    }

    private OutboundResult send(String kind, String text, JsonObject details) {
        Optional<URI> target = webhook();
        JsonObject alert = JSON.createObjectBuilder()
                .add("text", text)
                .add("kind", kind)
                .add("node", cluster.nodeName())
                .add("at", Instant.now().toString())
                .add("details", details)
                .build();
        OutboundResult result;
        if (target.isEmpty()) {
            result = OutboundResult.notDelivered("no webhook configured");
        } else {
            try {
                result = outbound.postJson(target.get(), alert.toString());
            } catch (OutboundFailure unreachable) {
                result = OutboundResult.notDelivered(unreachable.getMessage()); // the fallback answers first
            }
        }
        metrics.counter(
                        "mabeam.alerts",
                        new Tag("kind", kind),
                        new Tag("outcome", result.delivered() ? "delivered" : "not-delivered"))
                .inc();
        record(alert, result);
        return result;
    }

    private Optional<URI> webhook() {
        return config.getOptionalValue(SETTING, String.class)
                .filter(url -> !url.isBlank())
                .map(URI::create);
    }

    private void record(JsonObject alert, OutboundResult result) {
        var payload = JSON.createObjectBuilder(alert).add("delivered", result.delivered());
        if (result.delivered()) {
            payload.add("status", result.status());
        } else {
            payload.add("reason", result.reason());
        }
        try {
            events.record(STREAM, result.delivered() ? "AlertDelivered" : "AlertNotDelivered", payload.build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record an alert", e);
        }
    }
}
