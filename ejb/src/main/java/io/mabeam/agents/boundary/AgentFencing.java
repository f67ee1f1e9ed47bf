package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.persistence.control.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The platform's housekeeping against table {@code agent}: it starts the agents the table gives this node, after
 * a restart those this node ran before, it stops local copies the table no longer gives this node (fencing), and it adopts the agents of
 * departed nodes. A plain class of the {@link AgentPlatform} singleton (no container of its own): what the
 * platform ran under its lock ({@code synchronized} on the bean instance) runs under the same monitor here, and
 * it starts agents through the platform's own {@link AgentPlatform#run}.
 */
final class AgentFencing {

    private static final Logger LOG = Logger.getLogger(AgentPlatform.class.getName());

    private final AgentPlatform platform;
    private final AgentSystem system;
    private final AgentStore store;
    private final DataSource dataSource;
    private final Cluster cluster;
    private final MetricRegistry metrics;
    /** The platform's incarnation of each agent it started here. */
    private final Map<String, Long> incarnations;
    /** Whether this node's agents of its previous run were started again (at the first look). */
    private volatile boolean recovered;

    AgentFencing(
            AgentPlatform platform,
            AgentSystem system,
            AgentStore store,
            DataSource dataSource,
            Cluster cluster,
            MetricRegistry metrics,
            Map<String, Long> incarnations) {
        this.platform = platform;
        this.system = system;
        this.store = store;
        this.dataSource = dataSource;
        this.cluster = cluster;
        this.metrics = metrics;
        this.incarnations = incarnations;
    }

    private String node() {
        return platform.node();
    }

    /** Starts an agent whose row gives it to this node, if it does not run here yet (told so, or found so). */
    void startAssigned(String id) {
        try (Connection connection = dataSource.getConnection()) {
            store.find(connection, id).ifPresent(this::startIfAssigned);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not read agent " + id + " to start it; housekeeping will", e);
        }
    }

    /** Given to its node and not started there yet: placed, adopted, restarted or moved. */
    private static boolean assigned(AgentSpec spec) {
        return spec.state() == AgentState.REGISTERED || spec.state() == AgentState.MIGRATING;
    }

    private void startIfAssigned(AgentSpec spec) {
        if (!spec.wanted() || !spec.node().equals(node()) || !assigned(spec)) {
            return;
        }
        Long running = incarnations.get(spec.id());
        if (running != null && running >= spec.incarnation()) {
            return;
        }
        try {
            if (running != null) {
                platform.stopAndWait(spec.id()); // an older incarnation still here: it goes first
            }
            platform.run(spec);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent " + spec.id() + " given to this node did not start", e);
        }
    }

    /** One round: this node's agents of its previous run (once), the fences, the orphans of departed nodes. */
    void look() {
        if (!recovered) {
            recoverOwn();
            recovered = true;
        }
        checkFences();
        adoptOrphans();
    }

    /**
     * After a restart of this node (a single node, or one back before the others adopted its agents): the
     * agents its rows still name ran in its previous life; each starts again as its next incarnation.
     */
    void recoverOwn() {
        List<AgentSpec> claimed = new ArrayList<>();
        Jdbc.useConnection(dataSource, "reading this node's agents failed; trying again", connection -> {
            for (AgentSpec spec : store.onNode(connection, node())) {
                if (spec.wanted()
                        && !incarnations.containsKey(spec.id())
                        && store.claim(connection, spec.id(), spec.incarnation(), node(), Instant.now())) {
                    claimed.add(spec.withPlacement(node(), spec.incarnation() + 1));
                }
            }
        });
        for (AgentSpec spec : claimed) {
            try {
                platform.run(spec);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "agent " + spec.id() + " of this node's previous run did not start", e);
            }
        }
        if (!claimed.isEmpty()) {
            LOG.info(() -> "Started " + claimed.size() + " agents this node ran before its restart");
        }
    }

    /** Stops local agents the table no longer gives this node at this incarnation, or no longer wants. */
    void checkFences() {
        Map<String, AgentSpec> mine;
        try (Connection connection = dataSource.getConnection()) {
            mine = store.onNode(connection, node()).stream().collect(Collectors.toMap(AgentSpec::id, spec -> spec));
        } catch (SQLException e) {
            return; // the database is away: keep running what runs, look again later
        }
        for (AgentSpec row : mine.values()) {
            if (assigned(row) && !incarnations.containsKey(row.id())) {
                startIfAssigned(row); // given to this node (placed here, or moved here) and not started yet
            }
        }
        for (Map.Entry<String, Long> local : Map.copyOf(incarnations).entrySet()) {
            if (system.find(local.getKey()).isEmpty()) {
                forgetIfEnded(local.getKey(), local.getValue()); // ended here: nothing to fence
                continue;
            }
            AgentSpec row = mine.get(local.getKey());
            if (row == null || row.incarnation() != local.getValue() || !row.wanted()) {
                fenceIfStale(local.getKey()); // the list may predate a spawn or restart here: look again
            }
        }
    }

    /**
     * Forgets an incarnation whose copy is gone from the runtime. Under the platform's lock, as {@link
     * AgentPlatform#run} notes the incarnation and then spawns the copy: looked at between the two, a starting agent
     * would seem ended, and it would run unseen (not counted in this node's load, never fenced), as ClusterIT once
     * found a moved agent.
     */
    private void forgetIfEnded(String id, long incarnation) {
        synchronized (platform) {
            if (system.find(id).isEmpty()) {
                incarnations.remove(id, incarnation);
            }
        }
    }

    /**
     * Stops the local copy of an agent if its row, read now, gives it to another node or incarnation or no
     * longer wants it. Under the platform's lock, so no start of this agent here slips between the look and
     * the stop.
     */
    private void fenceIfStale(String id) {
        synchronized (platform) {
            Long current = incarnations.get(id);
            if (current == null || system.find(id).isEmpty()) {
                return;
            }
            Optional<AgentSpec> row;
            try (Connection connection = dataSource.getConnection()) {
                row = store.find(connection, id);
            } catch (SQLException e) {
                return; // the database is away: keep running, look again later
            }
            if (row.isEmpty()
                    || !row.get().node().equals(node())
                    || row.get().incarnation() != current
                    || !row.get().wanted()) {
                LOG.info(() -> "Agent " + id + " is no longer this node's: stopping its copy");
                system.stop(id);
            }
        }
    }

    /**
     * Agents wanted running on nodes that are not members any more: each goes to one surviving member, chosen
     * from its id, and only that member claims it (the claim is a compare-and-set on the incarnation).
     */
    void adoptOrphans() {
        synchronized (platform) {
            List<String> members = cluster.members().stream()
                    .map(ClusterMember::nodeName)
                    .distinct()
                    .sorted()
                    .toList();
            Set<String> alive = Set.copyOf(members);
            String me = node();
            List<AgentSpec> claimed;
            try (Connection connection = dataSource.getConnection()) {
                List<AgentSpec> mine = new ArrayList<>();
                for (AgentSpec spec : store.list(connection)) {
                    if (!spec.wanted() || alive.contains(spec.node())) {
                        continue;
                    }
                    String heir = members.get(Math.floorMod(spec.id().hashCode(), members.size()));
                    if (heir.equals(me)) {
                        mine.add(spec);
                    }
                }
                claimed = store.claimAll(connection, mine, me, Instant.now());
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "looking for agents of departed nodes failed; trying again", e);
                return;
            }
            for (AgentSpec spec : claimed) {
                try {
                    platform.run(spec);
                    metrics.counter("mabeam.agents.adopted").inc();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "adopted agent " + spec.id() + " did not start", e);
                }
            }
            if (!claimed.isEmpty()) {
                LOG.info(() -> "Adopted " + claimed.size() + " agents of departed nodes");
            }
        }
    }
}
