package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.entity.AgentState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hears the {@link AgentPlatform}'s runtime: transitions of platform agents go to the journal; an agent that
 * stopped itself or that its supervisor gave up on is no longer wanted in table {@code agent}. The runtime calls it
 * on the agents' threads; the table is written on the platform's own workers.
 */
final class PlatformListener implements AgentSystem.Listener {

    private static final Logger LOG = Logger.getLogger(AgentPlatform.class.getName());

    private final Map<AgentRef<?>, Long> copies;
    private final Map<String, Long> incarnations;
    private final JournalQueue pending;
    private final AgentThreads own;
    private final AgentStore store;
    private final DataSource dataSource;
    private final MetricRegistry metrics;
    private final Supplier<String> node;

    PlatformListener(
            Map<AgentRef<?>, Long> copies,
            Map<String, Long> incarnations,
            JournalQueue pending,
            AgentThreads own,
            AgentStore store,
            DataSource dataSource,
            MetricRegistry metrics,
            Supplier<String> node) {
        this.copies = copies;
        this.incarnations = incarnations;
        this.pending = pending;
        this.own = own;
        this.store = store;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.node = node;
    }

    @Override
    public void changed(AgentRef<?> agent, AgentState from, AgentState to, String reason) {
        Long incarnation = copies.get(agent);
        if (incarnation == null) {
            incarnation = incarnations.get(agent.id()); // a first transition before run() noted the copy
        }
        if (to == AgentState.STOPPED) {
            copies.remove(agent);
            if ("stopped itself".equals(reason) && incarnation != null) {
                finished(agent.id(), incarnation); // its work is done: not started again anywhere
            }
        }
        if (incarnation != null) {
            pending.add(
                    new AgentJournal.Transition(agent.id(), incarnation, from, to, reason, node.get(), Instant.now()));
        }
        if (to == AgentState.FAILED) {
            metrics.counter("mabeam.agents.failures").inc();
        }
    }

    private void finished(String id, long incarnation) {
        own.workers().submit(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (store.find(connection, id)
                        .map(row -> row.incarnation() == incarnation)
                        .orElse(false)) {
                    store.unwant(connection, id, "stopped itself", Instant.now());
                }
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not mark agent " + id + " as finished", e);
            }
        });
    }

    @Override
    public void gaveUp(AgentRef<?> agent, String reason) {
        if (incarnations.remove(agent.id()) != null) {
            own.workers().submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    store.unwant(connection, agent.id(), reason, Instant.now());
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "could not mark given-up agent " + agent.id(), e);
                }
            });
        }
    }
}
