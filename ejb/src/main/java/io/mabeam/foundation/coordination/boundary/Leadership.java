package io.mabeam.foundation.coordination.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.TopologyChange;
import io.mabeam.foundation.coordination.control.LeaderElection;
import io.mabeam.foundation.coordination.control.LeaderTerms;
import io.mabeam.foundation.coordination.entity.LeaderTerm;
import io.mabeam.foundation.coordination.entity.LeadershipChange;
import io.mabeam.foundation.coordination.entity.RoleLeadership;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Leader election per role. The leader of a role is the oldest member offering it ({@link LeaderElection});
 * every node looks again whenever the topology changes and four times a second besides (a supervised task), takes up the roles it
 * should lead — each term with a new epoch from the database ({@link LeaderTerms}) — and gives up those it
 * should not, as soon as an older member offers them or this node loses the quorum. Beans hear of it as a
 * {@link LeadershipChange}; terms are visible cluster-wide in the data grid and recorded as events.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster", "Topology", "TaskSupervisor"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Leadership {

    static final String TERMS = "mabeam.coordination.leader-terms";
    static final String WATCH = "leadership-watch";
    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @EJB
    TaskSupervisor tasks;

    @EJB
    Cluster cluster;

    @EJB
    LeaderTerms terms;

    @Inject
    Event<LeadershipChange> changes;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, LeaderTerm> leading = new ConcurrentHashMap<>();
    /** The last leader of each role this node saw, to name a new leader's predecessor without a grid call. */
    private final Map<String, String> lastLeaders = new ConcurrentHashMap<>();

    private final Map<String, String> localTerms = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        metrics.gauge("mabeam.coordination.roles.led", leading::size);
        // looks again four times a second besides topology changes (the member list is local, so a look costs
        // nothing unless leadership changes); a failing look is retried with backoff
        tasks.supervise(TaskSpec.permanent(WATCH), () -> {
            int looks = 0;
            while (!stopping) {
                reconsider();
                if (looks++ % 20 == 0) {
                    terms().values().stream()
                            .map(Leadership::parse)
                            .forEach(term -> lastLeaders.put(term.role(), term.nodeName()));
                }
                Thread.sleep(250);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(WATCH);
        synchronized (this) {
            List.copyOf(leading.values()).forEach(term -> giveUp(term, "node-stopping"));
        }
    }

    /** Heard before other observers: a new leader is the first thing a departure should bring. */
    public void topologyChanged(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) TopologyChange change) {
        reconsiderQuietly();
    }

    /** Every role some member offers, with who offers it and its current term. */
    public List<RoleLeadership> roles() {
        List<ClusterMember> members = cluster.membersOldestFirst();
        Set<String> present = members.stream().map(ClusterMember::uuid).collect(Collectors.toSet());
        Set<String> roles = new TreeSet<>();
        members.forEach(member -> roles.addAll(member.roles()));
        Map<String, LeaderTerm> current = currentTerms(present);
        return roles.stream()
                .map(role -> new RoleLeadership(
                        role,
                        members.stream()
                                .filter(m -> m.offers(role))
                                .map(ClusterMember::nodeName)
                                .toList(),
                        current.get(role)))
                .toList();
    }

    /**
     * @throws DomainException 404 when no member of the cluster offers the role
     */
    public RoleLeadership role(String role) {
        return roles().stream()
                .filter(r -> r.role().equals(role))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("no member of the cluster offers role '" + role + "'"));
    }

    public boolean isLeading(String role) {
        return leading.containsKey(role);
    }

    /** The epoch of this node's term of the role, the fencing token for the leader's writes; empty if not leading. */
    public OptionalLong epoch(String role) {
        LeaderTerm term = leading.get(role);
        return term == null ? OptionalLong.empty() : OptionalLong.of(term.epoch());
    }

    void reconsiderQuietly() {
        if (stopping) {
            return;
        }
        try {
            reconsider();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look at the leadership of this node's roles; trying again", e);
        }
    }

    private synchronized void reconsider() {
        List<ClusterMember> members = cluster.membersOldestFirst();
        int quorum = cluster.quorum();
        for (String role : cluster.profile().roles()) {
            boolean shouldLead = LeaderElection.leaderOf(role, members, quorum)
                    .filter(ClusterMember::local)
                    .isPresent();
            LeaderTerm current = leading.get(role);
            if (shouldLead && current == null) {
                take(role);
            } else if (!shouldLead && current != null) {
                giveUp(current, members.size() < quorum ? "lost-quorum" : "another-member-leads");
            }
        }
    }

    private void take(String role) {
        String predecessor = lastLeaders.get(role);
        long epoch;
        try {
            epoch = terms.begin(role, cluster.nodeName(), cluster.memberId(), predecessor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start a term of " + role + "; trying again in a second", e);
            return;
        }
        LeaderTerm term = new LeaderTerm(role, cluster.nodeName(), cluster.memberId(), epoch, Instant.now());
        leading.put(role, term);
        terms().put(role, json(term));
        metrics.counter("mabeam.coordination.leader.terms", new org.eclipse.microprofile.metrics.Tag("role", role))
                .inc();
        LOG.info(() -> "This node leads " + role + " (epoch " + epoch + ")");
        changes.fire(new LeadershipChange(role, true, epoch));
    }

    private void giveUp(LeaderTerm term, String reason) {
        leading.remove(term.role());
        LOG.info(() -> "This node no longer leads " + term.role() + " (" + reason + ")");
        changes.fire(new LeadershipChange(term.role(), false, term.epoch()));
        try {
            terms().remove(term.role(), json(term));
        } catch (RuntimeException gridGone) {
            LOG.fine(() -> "Could not withdraw the term of " + term.role() + ": " + gridGone);
        }
        try {
            terms.end(term.role(), term.nodeName(), term.member(), term.epoch(), reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the end of the term of " + term.role(), e);
        }
    }

    private Map<String, LeaderTerm> currentTerms(Set<String> presentMembers) {
        return terms().values().stream()
                .map(Leadership::parse)
                .filter(term -> presentMembers.contains(term.member()))
                .collect(Collectors.toMap(
                        LeaderTerm::role, t -> t, (a, b) -> a.epoch() > b.epoch() ? a : b, ConcurrentHashMap::new));
    }

    private Map<String, String> terms() {
        if (!cluster.isClustered()) {
            return localTerms;
        }
        IMap<String, String> map = hazelcast.getMap(TERMS);
        return map;
    }

    static String json(LeaderTerm term) {
        return JSON.createObjectBuilder()
                .add("role", term.role())
                .add("node", term.nodeName())
                .add("member", term.member())
                .add("epoch", term.epoch())
                .add("since", term.since().toString())
                .build()
                .toString();
    }

    static LeaderTerm parse(String text) {
        JsonObject o = JSON.createReader(new StringReader(text)).readObject();
        return new LeaderTerm(
                o.getString("role"),
                o.getString("node"),
                o.getString("member"),
                o.getJsonNumber("epoch").longValue(),
                Instant.parse(o.getString("since")));
    }
}
