package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.problems.Problem;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.monitoring.entity.AgentPerformance;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Agents started through the platform: spawn one of a known type with its configuration (persisted first, so
 * it outlives its node), list and look at them, stop them, send them messages. Bad input is a 4xx problem and
 * changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Agents {

    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    AgentPlatform platform;

    final AgentStore store = new AgentStore();

    /**
     * An agent's spec with what its node knows of it now (when it runs on this node): its live state and its
     * performance over the last monitoring interval.
     */
    public record AgentView(AgentSpec spec, Optional<AgentSnapshot> live, Optional<AgentPerformance> performance) {}

    /**
     * @throws Problem 400 for an unknown type, a bad id, configuration, restart strategy or mailbox; 409 if the
     *     id is taken
     */
    public AgentView spawn(String id, String typeName, JsonObject config, String restart, Integer mailbox) {
        if (id == null || !AgentSystem.ID.matcher(id).matches() || id.contains("/")) {
            throw Problem.badRequest("an agent \"id\" is 1 to 200 letters, digits or . : _ - starting with a letter or"
                    + " digit ('/' is kept for the children agents start)");
        }
        AgentType type = platform.types()
                .find(typeName)
                .orElseThrow(() -> Problem.badRequest("unknown agent type '" + typeName + "'; types: "
                        + platform.types().names()));
        try {
            type.validate(config);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        RestartStrategy strategy;
        try {
            strategy = restart == null ? RestartStrategy.PERMANENT : RestartStrategy.valueOf(restart.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("\"restart\" is permanent, transient or temporary, not " + restart);
        }
        int capacity = mailbox == null ? 10_000 : mailbox;
        if (capacity < 1 || capacity > 1_000_000) {
            throw Problem.badRequest("\"mailbox\" holds 1 to 1000000 messages");
        }
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec(
                id,
                type.name(),
                config.toString(),
                strategy,
                capacity,
                platform.node(),
                1,
                true,
                AgentState.REGISTERED,
                null,
                CallerNames.of(session.getCallerPrincipal()),
                now,
                now);
        try (Connection connection = dataSource.getConnection()) {
            store.insert(connection, spec);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw Problem.conflict("an agent with id " + id + " exists");
            }
            throw new EJBException("recording agent " + id + " failed", e);
        }
        try {
            platform.run(spec);
        } catch (AgentSystem.DuplicateAgent e) {
            forget(id);
            throw Problem.conflict("an agent with id " + id + " runs on this node");
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
        return view(spec);
    }

    public List<AgentView> list(String type, String state, String capability) {
        try (Connection connection = dataSource.getConnection()) {
            return store.list(connection).stream()
                    .filter(spec -> type == null || spec.type().equals(type))
                    .filter(spec -> capability == null
                            || platform.types()
                                    .find(spec.type())
                                    .map(t -> t.capabilities().contains(capability))
                                    .orElse(false))
                    .map(spec -> view(spec))
                    .filter(view -> state == null || stateOf(view).name().equalsIgnoreCase(state))
                    .toList();
        } catch (SQLException e) {
            throw new EJBException("listing agents failed", e);
        }
    }

    public AgentView get(String id) {
        return view(spec(id));
    }

    /** Stops an agent wherever it runs (its node sees it is no longer wanted); the spec stays as a record. */
    public AgentView stop(String id) {
        AgentSpec spec = spec(id);
        try (Connection connection = dataSource.getConnection()) {
            store.unwant(connection, id, "stopped through the API", Instant.now());
        } catch (SQLException e) {
            throw new EJBException("stopping agent " + id + " failed", e);
        }
        if (platform.node().equals(spec.node())) {
            platform.stopLocal(id);
        }
        return get(id);
    }

    /**
     * Starts an agent afresh as its next incarnation (its state starts over, its mailbox is dropped).
     *
     * @throws Problem 404 unknown; 409 stopped, or it runs on another node
     */
    public AgentView restart(String id) {
        AgentSpec spec = spec(id);
        if (!spec.wanted()) {
            throw Problem.conflict("agent " + id + " was stopped; start a new one");
        }
        if (!platform.node().equals(spec.node())) {
            throw Problem.conflict("agent " + id + " runs on node " + spec.node() + "; restart it there");
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!store.claim(connection, id, spec.incarnation(), spec.node(), Instant.now())) {
                throw Problem.conflict("agent " + id + " changed meanwhile; look again");
            }
        } catch (SQLException e) {
            throw new EJBException("restarting agent " + id + " failed", e);
        }
        platform.stopLocal(id);
        platform.run(spec.withPlacement(spec.node(), spec.incarnation() + 1));
        return get(id);
    }

    /**
     * Sends an agent a message in its type's JSON form; with {@code awaitReply}, waits up to the timeout for its
     * answer.
     *
     * @throws Problem 404 unknown agent; 400 a message its type does not take; 409 it does not run on this node;
     *     503 its mailbox is full or it stopped; 504 no answer in time
     */
    public Optional<JsonValue> send(String id, JsonObject message, boolean awaitReply, Duration timeout) {
        AgentSpec spec = spec(id);
        AgentType type = platform.types().find(spec.type()).orElseThrow();
        @SuppressWarnings("unchecked")
        AgentRef<Object> agent = (AgentRef<Object>) platform.find(id)
                .orElseThrow(() -> new Problem(
                        409,
                        "Not here",
                        "agent " + id + " is " + spec.state().name().toLowerCase() + " on node " + spec.node()
                                + (spec.wanted() ? "" : " (stopped)")
                                + "; messages go to the node that runs it"));
        CompletableFuture<JsonValue> reply = new CompletableFuture<>();
        Object decoded;
        try {
            decoded = type.message(message, AgentRef.of(id + "/api-reply", reply::complete));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        if (!agent.tell(decoded)) {
            throw new Problem(503, "Mailbox full", "agent " + id + " did not take the message (stopped, or full)");
        }
        if (!awaitReply) {
            return Optional.empty();
        }
        try {
            return Optional.of(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new Problem(504, "No reply", "agent " + id + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(503, "Interrupted", "waiting for agent " + id + " was interrupted");
        } catch (ExecutionException e) {
            throw new EJBException(e.getCause() instanceof Exception cause ? cause : e);
        }
    }

    private AgentView view(AgentSpec spec) {
        return new AgentView(spec, platform.snapshot(spec.id()), platform.performance(spec.id()));
    }

    static AgentState stateOf(AgentView view) {
        return view.live().map(AgentSnapshot::state).orElse(view.spec().state());
    }

    private AgentSpec spec(String id) {
        try (Connection connection = dataSource.getConnection()) {
            return store.find(connection, id).orElseThrow(() -> Problem.notFound("no agent " + id));
        } catch (SQLException e) {
            throw new EJBException("reading agent " + id + " failed", e);
        }
    }

    private void forget(String id) {
        try (Connection connection = dataSource.getConnection()) {
            store.delete(connection, id);
        } catch (SQLException e) {
            throw new EJBException("forgetting agent " + id + " failed", e);
        }
    }
}
