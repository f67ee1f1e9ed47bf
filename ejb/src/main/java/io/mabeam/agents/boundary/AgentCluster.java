package io.mabeam.agents.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.Envelope;
import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.control.RecentIdsLog;
import io.mabeam.agents.entity.AgentLive;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.balancing.control.Placement;
import io.mabeam.balancing.control.Rebalancing;
import io.mabeam.balancing.entity.Move;
import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.balancing.entity.PlacementStrategy;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The agents across the cluster: messages to an agent wherever it runs (each node reads its own data grid
 * topic, {@code mabeam.agents.inbox.<node>}), at-least-once de-duplication in a data grid map every node
 * shares, placement of new agents on the nodes that host agents (each announces its load every housekeeping
 * round), and rebalancing when a node joins: the oldest agent node plans the fewest moves that even out the
 * counts and asks each agent's node to hand it over (stopped there first, then started on the new node).
 * Without a data grid, the node is a cluster of one and all of it is local.
 */
@Singleton
@Startup
@DependsOn({"Cluster", "AgentPlatform"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentCluster {

    static final String INBOX = "mabeam.agents.inbox.";
    static final String HANDLED = "mabeam.agents.handled";
    static final String LOADS = "mabeam.agents.loads";
    /** Key prefix, in the handled log, of the answer an agent gave to a message handled at least once. */
    static final String ANSWER = "answer:";

    private static final Logger LOG = Logger.getLogger(AgentCluster.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Cluster cluster;

    @EJB
    AgentPlatform platform;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "mabeam.agents.dedup-ttl", defaultValue = "PT1H")
    String dedupTtl;

    @Inject
    @ConfigProperty(name = "mabeam.agents.rebalance-on-join", defaultValue = "true")
    boolean rebalanceOnJoin;

    @Inject
    @ConfigProperty(name = "mabeam.agents.rebalance-max-moves", defaultValue = "1000")
    int maxMoves;

    @Inject
    @ConfigProperty(name = "mabeam.agents.housekeeping-millis", defaultValue = "1000")
    long housekeepingMillis;

    final AgentStore store = new AgentStore();
    private final AtomicLong placements = new AtomicLong();
    private final Map<String, String> localLoads = new ConcurrentHashMap<>();
    private final RecentIdsLog localHandled = new RecentIdsLog(100_000);
    private PostOffice postOffice;
    private ITopic<String> inbox;
    private UUID registration;
    private ScheduledFuture<?> announcing;
    /** The agent nodes the last housekeeping round saw (the oldest node rebalances when one is new). */
    private Set<String> agentNodesSeen = Set.of();

    @PostConstruct
    void start() {
        PostOffice.HandledLog log =
                cluster.isClustered() ? new SharedHandledLog(hazelcast, Duration.parse(dedupTtl)) : localHandled;
        postOffice = new PostOffice(platform.node(), this::transmit, new LocalAgents(platform, this::started), log);
        if (cluster.isClustered()) {
            inbox = hazelcast.getTopic(INBOX + platform.node());
            registration = inbox.addMessageListener(message -> receive(message.getMessageObject()));
        }
        platform.routes().connect((agentId, message) -> {
            platform.threads().outbound().submit(() -> sendFromAgent(agentId, message));
            return true;
        });
        metrics.gauge("mabeam.agents.messages.sent", () -> postOffice.counters().sent());
        metrics.gauge(
                "mabeam.agents.messages.resent", () -> postOffice.counters().resent());
        metrics.gauge(
                "mabeam.agents.messages.received", () -> postOffice.counters().received());
        metrics.gauge(
                "mabeam.agents.messages.duplicates", () -> postOffice.counters().duplicates());
        announcing = platform.threads()
                .clock()
                .scheduleWithFixedDelay(this::housekeeping, 0, housekeepingMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        announcing.cancel(false);
        if (inbox != null) {
            try {
                inbox.removeMessageListener(registration);
                loads().remove(platform.node());
            } catch (RuntimeException gridGone) {
                LOG.fine(() -> "Data grid gone before the agent inbox closed: " + gridGone);
            }
        }
    }

    private void transmit(String node, Envelope envelope) {
        if (!cluster.isClustered()) {
            throw new IllegalStateException("no data grid: node " + node + " cannot be reached");
        }
        hazelcast.<String>getTopic(INBOX + node).publish(envelope.toJson());
    }

    private void receive(String line) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(line);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Dropped a malformed envelope: " + e.getMessage());
            return;
        }
        if (envelope.kind() == Envelope.Kind.DELIVER && envelope.acknowledged()) {
            platform.threads()
                    .inbound()
                    .submit(() -> postOffice.receive(envelope)); // reads the shared log: not on the grid's thread
        } else {
            postOffice.receive(envelope);
        }
    }

    // ---- messages ----

    /** Sends one message to an agent, wherever it runs; see {@link PostOffice#send}. */
    public PostOffice.Result send(AgentSpec spec, JsonObject message, PostOffice.Delivery delivery, String messageId)
            throws InterruptedException {
        boolean[] first = {true};
        PostOffice.Locator locator = agent -> {
            if (first[0]) {
                first[0] = false;
                return reachable(spec); // the row the caller just read
            }
            try (Connection connection = dataSource.getConnection()) {
                return store.find(connection, agent).flatMap(this::reachable);
            } catch (SQLException e) {
                return Optional.empty(); // the database is away: try again
            }
        };
        try {
            return postOffice.send(messageId, spec.id(), message, delivery, locator);
        } catch (PostOffice.AlreadySending e) {
            throw DomainException.conflict(
                    "a message with this id is being sent to agent " + spec.id() + " already; wait for that send");
        }
    }

    /** A message an agent of this node sends one on another node (off the agent's thread), at most once. */
    private void sendFromAgent(String agentId, JsonObject message) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<AgentSpec> spec = store.find(connection, agentId);
            if (spec.isPresent()) {
                send(
                        spec.get(),
                        message,
                        PostOffice.Delivery.atMostOnce(),
                        UUID.randomUUID().toString());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "a message to agent " + agentId + " was lost (at most once)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One message to each of these agents, at most once each, gathering their answers when asked. */
    public Map<String, PostOffice.Result> multicast(
            List<AgentSpec> recipients, JsonObject message, boolean awaitReply, Duration timeout)
            throws InterruptedException {
        Map<String, String> nodes = new LinkedHashMap<>();
        Map<String, PostOffice.Result> results = new TreeMap<>();
        for (AgentSpec spec : recipients) {
            Optional<String> node = reachable(spec);
            if (node.isPresent()) {
                nodes.put(spec.id(), node.get());
            } else {
                results.put(spec.id(), new PostOffice.Result(PostOffice.Status.UNREACHABLE, Optional.empty()));
            }
        }
        results.putAll(postOffice.multicast(UUID.randomUUID().toString(), nodes, message, awaitReply, timeout));
        return results;
    }

    private Optional<String> reachable(AgentSpec spec) {
        if (!spec.wanted() || !alive().contains(spec.node())) {
            return Optional.empty();
        }
        return Optional.of(spec.node());
    }

    private Set<String> alive() {
        return cluster.members().stream().map(ClusterMember::nodeName).collect(Collectors.toSet());
    }

    /** What the node running an agent knows of it now (asked over the wire when that is another node). */
    public Optional<AgentLive> inspect(AgentSpec spec) {
        if (spec.node().equals(platform.node())) {
            return platform.snapshot(spec.id()).map(s -> new AgentLive(s, platform.performance(spec.id())));
        }
        if (reachable(spec).isEmpty()) {
            return Optional.empty();
        }
        try {
            return postOffice
                    .inspect(spec.node(), spec.id(), Duration.ofSeconds(2))
                    .flatMap(AgentClusterJson::live);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public PostOffice.Counters counters() {
        return postOffice.counters();
    }

    // ---- placement ----

    /**
     * The node for a new agent, by the strategy, among the agent nodes that offer every capability it requires.
     *
     * @throws DomainException 503 none does
     */
    public String place(PlacementStrategy strategy, Set<String> requires) {
        try {
            return Placement.choose(strategy, agentNodes(), requires, placements.getAndIncrement());
        } catch (Placement.NoCapableNode e) {
            throw new DomainException(DomainException.Reason.UNAVAILABLE, "No capable node", e.getMessage());
        }
    }

    /**
     * Asks the node running an agent to hand it to {@code target} (an agent node). False when it runs there
     * already or is not wanted.
     */
    public boolean move(AgentSpec spec, String target) {
        if (!spec.wanted() || spec.node().equals(target)) {
            return false;
        }
        boolean asked = spec.node().equals(platform.node())
                ? platform.migrate(spec.id(), target)
                : postOffice.migrate(spec.node(), spec.id(), target);
        if (asked) {
            metrics.counter("mabeam.agents.moved").inc();
        }
        return asked;
    }

    /** Tells a node to start an agent its row now names (it would find it at its next housekeeping anyway). */
    public void started(String node, String agentId) {
        postOffice.start(node, agentId);
    }

    /** The nodes hosting agents, with their load as last announced (this node's as of now). */
    public List<NodeLoad> agentNodes() {
        Set<String> alive = alive();
        Map<String, NodeLoad> loads = new TreeMap<>();
        for (Map.Entry<String, String> announced : loads().entrySet()) {
            if (alive.contains(announced.getKey())) {
                AgentClusterJson.parseLoad(announced.getValue()).ifPresent(load -> loads.put(load.node(), load));
            }
        }
        loads.put(platform.node(), platform.load(cluster.profile().capabilities()));
        return List.copyOf(loads.values());
    }

    // ---- rebalancing ----

    /**
     * Evens out the agents over the agent nodes with the fewest moves (at most {@code mabeam.agents.
     * rebalance-max-moves}): each agent's node is asked to hand it to its new node.
     */
    public List<Move> rebalance() {
        Set<String> nodes = agentNodes().stream().map(NodeLoad::node).collect(Collectors.toCollection(HashSet::new));
        Map<String, List<String>> byNode = new TreeMap<>();
        nodes.forEach(node -> byNode.put(node, new ArrayList<>()));
        Jdbc.useConnection(dataSource, "reading the agents to rebalance failed", connection -> {
            for (AgentSpec spec : store.list(connection)) {
                if (spec.wanted() && nodes.contains(spec.node())) {
                    byNode.get(spec.node()).add(spec.id());
                }
            }
        });
        List<Move> moves = Rebalancing.plan(byNode, Math.max(0, maxMoves));
        for (Move move : moves) {
            postOffice.migrate(move.from(), move.agent(), move.to());
        }
        if (!moves.isEmpty()) {
            metrics.counter("mabeam.agents.rebalanced").inc(moves.size());
            LOG.info(() -> "Rebalancing: " + moves.size() + " agents move to even out " + byNode.size() + " nodes");
        }
        return moves;
    }

    private void housekeeping() {
        try {
            NodeLoad mine = platform.load(cluster.profile().capabilities());
            if (cluster.isClustered()) {
                hazelcast
                        .<String, String>getMap(LOADS)
                        .set(
                                platform.node(),
                                AgentClusterJson.loadJson(mine),
                                30,
                                TimeUnit.SECONDS); // gone soon after its node
            }
            Set<String> nodes = agentNodes().stream().map(NodeLoad::node).collect(Collectors.toSet());
            boolean joined = !agentNodesSeen.isEmpty() && !agentNodesSeen.containsAll(nodes);
            agentNodesSeen = nodes;
            if (joined && rebalanceOnJoin && oldestAgentNode()) {
                rebalance();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "agent cluster housekeeping failed; trying again", e);
        }
    }

    private boolean oldestAgentNode() {
        Set<String> agentNodes = agentNodesSeen;
        return cluster.membersOldestFirst().stream()
                .filter(member -> agentNodes.contains(member.nodeName()))
                .findFirst()
                .map(ClusterMember::local)
                .orElse(false);
    }

    private Map<String, String> loads() {
        return cluster.isClustered() ? hazelcast.<String, String>getMap(LOADS) : localLoads;
    }
}
