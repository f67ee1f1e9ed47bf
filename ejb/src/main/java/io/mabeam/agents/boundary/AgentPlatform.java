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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * node). That housekeeping against the table is {@link AgentFencing}'s, under this bean's lock; what the runtime
 * reports goes through {@link PlatformListener}.
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
    private AgentFencing fencing;
    private ScheduledFuture<?> flushing;
    private ScheduledFuture<?> housekeeping;

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
                new PlatformListener(copies, incarnations, pending, own, store, dataSource, metrics, this::node),
                new AgentSystem.Settings(16, Duration.parse(messageBudget)),
                new SplittableRandom());
        fencing = new AgentFencing(this, system, store, dataSource, cluster, metrics, incarnations);
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
        fencing.startAssigned(id);
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
    void stopAndWait(String id) {
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
        return performance.load(node(), localSnapshots(), capabilities);
    }

    /** The snapshots of the agents started through the platform that run here now. */
    private List<AgentSnapshot> localSnapshots() {
        return incarnations.keySet().stream()
                .map(system::snapshot)
                .flatMap(Optional::stream)
                .toList();
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
            own.workers().submit(fencing::adoptOrphans);
        }
    }

    private void housekeeping() {
        try {
            fencing.look();
            performance.look(localSnapshots());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent housekeeping failed; trying again", e);
        }
    }

    /** An agent's performance over the last interval, if it runs here. */
    public Optional<AgentPerformance> performance(String id) {
        return performance.latest(id);
    }
}
