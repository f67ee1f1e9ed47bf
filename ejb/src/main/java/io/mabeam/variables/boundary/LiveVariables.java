package io.mabeam.variables.boundary;

import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.variables.control.LiveVariableStore;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.LiveVariable;
import io.mabeam.variables.entity.Variable;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Live variables — the Universal Variable System: a named, typed, bounded variable with one current value
 * for the whole cluster, a version raised by every change, its history as the events of stream
 * {@code variable:<name>}, and subscribers on every node ({@code LiveVariableChanged} CDI events, or the
 * event tail over HTTP). A study can search any of them and apply its best values.
 */
@Stateless
public class LiveVariables {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final LiveVariableStore store = new LiveVariableStore();
    Clock clock = Clock.systemUTC();

    /**
     * Declares a variable with its first value. Declaring it again with the same definition changes nothing.
     *
     * @throws DomainException 400 for a bad definition or a value outside it, 409 when it exists with another definition
     */
    /** A declaration's outcome: the variable, and whether this call created it. */
    public record Declaration(LiveVariable variable, boolean created) {}

    public Declaration declare(String name, JsonObject definition, Object value) {
        Variable variable;
        try {
            variable = LiveVariableStore.definition(
                    JSON.createObjectBuilder(definition).add("name", name).build());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        Object initial = SearchSpaceJson.canonical(variable, value);
        if (!variable.admits(initial)) {
            throw DomainException.invalid(initial + " is outside the domain of " + name);
        }
        return Jdbc.inConnection(dataSource, "declaring live variable " + name + " failed", connection -> {
            var existing = store.find(connection, name);
            if (existing.isPresent()) {
                if (existing.get().definition().equals(variable)) {
                    return new Declaration(existing.get(), false);
                }
                throw DomainException.conflict(
                        "live variable " + name + " exists with another definition; remove it first");
            }
            LiveVariable declared = new LiveVariable(variable, initial, 1, caller(), clock.instant());
            store.insert(connection, declared);
            events.record(
                    declared.stream(),
                    "VariableDeclared",
                    JSON.createObjectBuilder()
                            .add("name", name)
                            .add("definition", LiveVariableStore.definition(variable))
                            .add("value", SearchSpaceJson.toJson(initial))
                            .add("version", 1)
                            .build());
            return new Declaration(declared, true);
        });
    }

    public List<LiveVariable> list() {
        return Jdbc.inConnection(dataSource, "listing live variables failed", connection -> store.all(connection));
    }

    /** @throws DomainException 404 */
    public LiveVariable get(String name) {
        return Jdbc.inConnection(
                dataSource,
                "reading live variable " + name + " failed",
                connection -> store.find(connection, name).orElseThrow(() -> unknown(name)));
    }

    /**
     * Sets the value; with {@code expectedVersion}, only if the variable is still at it (compare-and-set).
     * Setting the value it has changes nothing.
     *
     * @param reason why, kept in the history (a study's name, an operator's comment)
     * @throws DomainException 400 outside the bounds, 404, 409 when the version moved on
     */
    public LiveVariable set(String name, Object value, Long expectedVersion, String reason) {
        return Jdbc.inConnection(dataSource, "setting live variable " + name + " failed", connection -> {
            LiveVariable current = store.find(connection, name).orElseThrow(() -> unknown(name));
            Object next = SearchSpaceJson.canonical(current.definition(), value);
            if (!current.definition().admits(next)) {
                throw DomainException.invalid(next + " is outside the domain of " + name + " "
                        + LiveVariableStore.definition(current.definition()));
            }
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw DomainException.conflict(
                        "live variable " + name + " is at version " + current.version() + ", not " + expectedVersion);
            }
            if (Objects.equals(next, current.value())) {
                return current;
            }
            LiveVariable changed =
                    new LiveVariable(current.definition(), next, current.version() + 1, caller(), clock.instant());
            if (!store.update(connection, changed, current.version())) {
                throw DomainException.conflict("live variable " + name + " changed just now; read it again");
            }
            JsonObjectBuilder payload = JSON.createObjectBuilder()
                    .add("name", name)
                    .add("value", SearchSpaceJson.toJson(next))
                    .add("previous", SearchSpaceJson.toJson(current.value()))
                    .add("version", changed.version());
            if (reason != null && !reason.isBlank()) {
                payload.add("reason", reason);
            }
            events.record(changed.stream(), "VariableChanged", payload.build());
            metrics.counter("mabeam.variables.changes").inc();
            return changed;
        });
    }

    /** @throws DomainException 404 */
    public void remove(String name) {
        Jdbc.useConnection(dataSource, "removing live variable " + name + " failed", connection -> {
            LiveVariable current = store.find(connection, name).orElseThrow(() -> unknown(name));
            store.delete(connection, name);
            events.record(
                    current.stream(),
                    "VariableRemoved",
                    JSON.createObjectBuilder()
                            .add("name", name)
                            .add("previous", SearchSpaceJson.toJson(current.value()))
                            .add("version", current.version() + 1)
                            .build());
        });
    }

    /** The variable's history, newest first: its events. */
    public List<RecordedEvent> history(String name, int limit) {
        return events.readStream("variable:" + name, Long.MAX_VALUE, false, limit);
    }

    private static DomainException unknown(String name) {
        return DomainException.notFound("there is no live variable '" + name + "'");
    }

    private String caller() {
        return CallerNames.of(session.getCallerPrincipal());
    }
}
