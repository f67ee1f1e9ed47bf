package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentEnvironment;
import io.mabeam.agents.control.AgentOptions;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.AgentTypes;
import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.control.Routes;
import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.entity.Supervision;
import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.bridge.boundary.PythonBridge;
import io.mabeam.foundation.alerts.entity.AlertRaised;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.TopologyChange;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.models.boundary.Models;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.boundary.Trials;
import io.mabeam.training.boundary.Trainings;
import io.mabeam.training.control.NetworkObjective;
import io.mabeam.training.control.Objectives;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The agents of this node: the runtime on a fork-join pool of the container's managed threads, the agents
 * started through the platform (their specs in table {@code agent}), their lifecycle transitions written to
 * the event store in batches, and the cluster's bookkeeping — this node adopts the agents of nodes that left
 * (placing each orphan on one surviving node by its id, claimed with the incarnation as fence, so exactly one
 * node starts it) and stops its copy of any agent the table no longer gives it (stopped, or claimed by another
 * node).
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentPlatform {

    private static final Logger LOG = Logger.getLogger(AgentPlatform.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Cluster cluster;

    @EJB
    AgentJournal journal;

    @EJB
    Studies studies;

    @EJB
    Trials trials;

    @EJB
    Trainings trainings;

    @EJB
    Models models;

    @EJB
    PythonBridge python;

    /** The agent types other components contribute (voters, coders, reviewers). */
    @Inject
    @Any
    Instance<AgentType> contributedTypes;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @Inject
    jakarta.enterprise.event.Event<AlertRaised> alertRaised;

    @Inject
    @ConfigProperty(name = "mabeam.agents.threads", defaultValue = "0")
    int configuredThreads;

    @Inject
    @ConfigProperty(name = "mabeam.agents.message-budget", defaultValue = "PT60S")
    String messageBudget;

    @Inject
    @ConfigProperty(name = "mabeam.agents.housekeeping-millis", defaultValue = "1000")
    long housekeepingMillis;

    @Inject
    @ConfigProperty(name = "mabeam.agents.clock-threads", defaultValue = "2")
    int clockThreads;

    @Inject
    @ConfigProperty(name = "mabeam.agents.worker-threads", defaultValue = "8")
    int workerThreads;

    final AgentStore store = new AgentStore();
    private AgentTypes types;
    private Routes routes;
    private final Map<String, Long> incarnations = new ConcurrentHashMap<>();
    /** The type of each agent started here, for decoding the messages sent to it. */
    private final Map<String, AgentType> typesById = new ConcurrentHashMap<>();
    /** Each running copy's incarnation, by the copy itself: an old copy still stopping reports as the old one. */
    private final Map<AgentRef<?>, Long> copies = new ConcurrentHashMap<>();

    private AgentThreads own;
    private JournalQueue pending;
    private PerformanceWatch performance;
    private ForkJoinPool pool;
    private AgentSystem system;
    private AgentEnvironment environment;
    private ScheduledFuture<?> flushing;
    private ScheduledFuture<?> housekeeping;
    private volatile boolean recovered;

    @PostConstruct
    void start() {
        int parallelism =
                configuredThreads > 0 ? configuredThreads : Runtime.getRuntime().availableProcessors();
        own = new AgentThreads(threads, clockThreads, workerThreads);
        pending = new JournalQueue(journal, this::node);
        performance = new PerformanceWatch(config, metrics, alertRaised, pending, this::node);
        pool = new ForkJoinPool(parallelism, threads, null, true);
        system = new AgentSystem(
                pool,
                own.clock(),
                new Listener(),
                new AgentSystem.Settings(16, Duration.parse(messageBudget)),
                new SplittableRandom());
        routes = new Routes(system);
        types = AgentTypes.of(routes, contributedTypes);
        environment = new AgentEnvironment(
                system,
                Objectives.discovered()
                        .with(new NetworkObjective(
                                trainings::data,
                                (study, trial, parameters, data, trained) ->
                                        models.keepIfBest(study, trial, parameters, data, trained)))
                        .resolving(python::objective),
                study -> new PersistedStudyClient(studies, trials, study, cluster.nodeName()),
                executor,
                executor);
        metrics.gauge("mabeam.agents.local", system::size);
        metrics.gauge("mabeam.agents.dead.letters", system::deadLetters);
        metrics.gauge("mabeam.agents.given.up", system::gaveUp);
        metrics.gauge("mabeam.agents.journal.pending", pending::size);
        metrics.gauge("mabeam.agents.control.queued", own::queued);
        flushing = own.clock().scheduleWithFixedDelay(pending::flush, 100, 100, TimeUnit.MILLISECONDS);
        housekeeping =
                own.clock().scheduleWithFixedDelay(this::housekeeping, 0, housekeepingMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        flushing.cancel(false);
        housekeeping.cancel(false);
        system.close();
        pool.shutdown();
        pending.flush();
        own.close();
    }

    public AgentTypes types() {
        return types;
    }

    /** The platform's own threads, for the agent cluster's control tasks and housekeeping. */
    public AgentThreads threads() {
        return own;
    }

    /** Addresses of agents by id; messages to other nodes' agents go out once the agent cluster connects. */
    public Routes routes() {
        return routes;
    }

    /**
     * Starts an agent of this node from its spec (its row names this node and the incarnation), unless that
     * incarnation runs here already.
     *
     * @throws AgentSystem.DuplicateAgent another incarnation of it runs here
     */
    public synchronized void run(AgentSpec spec) {
        Long running = incarnations.get(spec.id());
        if (running != null
                && running == spec.incarnation()
                && system.find(spec.id()).isPresent()) {
            return;
        }
        AgentType type = types.find(spec.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown agent type " + spec.type()));
        JsonObject config = Json.createReader(new StringReader(spec.config())).readObject();
        AgentOptions options = AgentOptions.DEFAULTS
                .withSupervision(Supervision.defaults().withRestart(spec.restart()))
                .withMailbox(spec.mailbox(), OverflowPolicy.REJECT);
        incarnations.put(spec.id(), spec.incarnation());
        typesById.put(spec.id(), type);
        try {
            copies.put(system.spawn(spec.id(), type.behavior(config, environment), options), spec.incarnation());
        } catch (RuntimeException e) {
            incarnations.remove(spec.id(), spec.incarnation());
            throw e;
        }
    }

    /** An agent of this node, with its type, as the post office delivers to it. */
    public Optional<PostOffice.Recipient> recipient(String id) {
        AgentType type = typesById.get(id);
        Optional<AgentRef<?>> agent = system.find(id);
        if (type == null || agent.isEmpty() || !incarnations.containsKey(id)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        AgentRef<Object> ref = (AgentRef<Object>) agent.get();
        return Optional.of(new PostOffice.Recipient(ref, type));
    }

    /** Starts an agent whose row gives it to this node, if it does not run here yet (told so, or found so). */
    public void startAssigned(String id) {
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
                stopAndWait(spec.id()); // an older incarnation still here: it goes first
            }
            run(spec);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent " + spec.id() + " given to this node did not start", e);
        }
    }

    /**
     * Hands an agent of this node to another: its copy here stops first (and is waited for), then the row names
     * the other node as the next incarnation, which that node starts. False when the agent is not this node's
     * now, or changed meanwhile.
     */
    public synchronized boolean migrate(String id, String target) {
        Long incarnation = incarnations.get(id);
        if (incarnation == null || target.equals(node())) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<AgentSpec> row = store.find(connection, id);
            if (row.isEmpty()
                    || !row.get().wanted()
                    || !row.get().node().equals(node())
                    || row.get().incarnation() != incarnation) {
                return false;
            }
            stopAndWait(id);
            if (!store.claim(connection, id, incarnation, target, AgentState.MIGRATING, Instant.now())) {
                return false;
            }
            incarnations.remove(id, incarnation);
            metrics.counter("mabeam.agents.migrated").inc();
            try {
                journal.migrated(id, incarnation + 1, node(), target, Instant.now());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record the move of agent " + id, e);
            }
            return true;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "migrating agent " + id + " failed; it stays", e);
            if (incarnations.containsKey(id) && system.find(id).isEmpty()) {
                startAssigned(id); // stopped for the move that did not happen: start it again
            }
            return false;
        }
    }

    /** Stops the local copy and waits (up to the message budget) until it has stopped. */
    private void stopAndWait(String id) {
        Optional<AgentRef<?>> copy = system.find(id);
        system.stop(id);
        long deadline = System.nanoTime() + Duration.parse(messageBudget).toNanos();
        while (copy.isPresent() && copies.containsKey(copy.get()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (copy.isPresent() && copies.containsKey(copy.get())) {
            LOG.warning(() ->
                    "Agent " + id + " did not stop within " + messageBudget + "; going on without it (" + pool + ")");
        }
    }

    /** How many agents this node runs and how many messages wait in their mailboxes. */
    public NodeLoad load(Map<String, String> capabilities) {
        long queued = 0;
        double handled = performance.handledPerSecond();
        int count = 0;
        for (String id : incarnations.keySet()) {
            Optional<AgentSnapshot> snapshot = system.snapshot(id);
            if (snapshot.isPresent()) {
                count++;
                queued += snapshot.get().mailbox();
            }
        }
        double cpu = Math.max(
                        0,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage())
                / Runtime.getRuntime().availableProcessors();
        return new NodeLoad(node(), count, queued, cpu, capabilities.keySet(), count == 0 ? 0 : handled / count);
    }

    public Optional<AgentRef<?>> find(String id) {
        return system.find(id);
    }

    public Optional<AgentSnapshot> snapshot(String id) {
        return system.snapshot(id);
    }

    public List<AgentSnapshot> snapshots() {
        return system.snapshots();
    }

    /** Stops the local copy (its row was marked unwanted or given to another node). */
    public boolean stopLocal(String id) {
        return system.stop(id);
    }

    public boolean runsHere(String id) {
        return incarnations.containsKey(id) && system.find(id).isPresent();
    }

    public String node() {
        return cluster.nodeName();
    }

    /** A node left: adopt its agents now rather than at the next housekeeping. */
    public void topologyChanged(@Observes TopologyChange change) {
        if (change.kind() == TopologyChange.Kind.LEFT) {
            own.workers().submit(this::adoptOrphans);
        }
    }

    private void housekeeping() {
        try {
            if (!recovered) {
                recoverOwn();
                recovered = true;
            }
            checkFences();
            adoptOrphans();
            performance.look(incarnations.keySet().stream()
                    .map(system::snapshot)
                    .flatMap(Optional::stream)
                    .toList());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent housekeeping failed; trying again", e);
        }
    }

    /** An agent's performance over the last interval, if it runs here. */
    public Optional<AgentPerformance> performance(String id) {
        return performance.latest(id);
    }

    /**
     * After a restart of this node (a single node, or one back before the others adopted its agents): the
     * agents its rows still name ran in its previous life; each starts again as its next incarnation.
     */
    void recoverOwn() {
        List<AgentSpec> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (AgentSpec spec : store.onNode(connection, node())) {
                if (spec.wanted()
                        && !incarnations.containsKey(spec.id())
                        && store.claim(connection, spec.id(), spec.incarnation(), node(), Instant.now())) {
                    claimed.add(spec.withPlacement(node(), spec.incarnation() + 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading this node's agents failed; trying again", e);
        }
        for (AgentSpec spec : claimed) {
            try {
                run(spec);
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
     * Forgets an incarnation whose copy is gone from the runtime. Under the platform's lock, as {@link #run} notes
     * the incarnation and then spawns the copy: looked at between the two, a starting agent would seem ended, and
     * it would run unseen (not counted in this node's load, never fenced), as ClusterIT once found a moved agent.
     */
    private synchronized void forgetIfEnded(String id, long incarnation) {
        if (system.find(id).isEmpty()) {
            incarnations.remove(id, incarnation);
        }
    }

    /**
     * Stops the local copy of an agent if its row, read now, gives it to another node or incarnation or no
     * longer wants it. Under the platform's lock, so no start of this agent here slips between the look and
     * the stop.
     */
    private synchronized void fenceIfStale(String id) {
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

    /**
     * Agents wanted running on nodes that are not members any more: each goes to one surviving member, chosen
     * from its id, and only that member claims it (the claim is a compare-and-set on the incarnation).
     */
    synchronized void adoptOrphans() {
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
                run(spec);
                metrics.counter("mabeam.agents.adopted").inc();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "adopted agent " + spec.id() + " did not start", e);
            }
        }
        if (!claimed.isEmpty()) {
            LOG.info(() -> "Adopted " + claimed.size() + " agents of departed nodes");
        }
    }

    /** Hears the runtime: transitions of platform agents go to the journal. */
    private final class Listener implements AgentSystem.Listener {

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
                        new AgentJournal.Transition(agent.id(), incarnation, from, to, reason, node(), Instant.now()));
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
}
