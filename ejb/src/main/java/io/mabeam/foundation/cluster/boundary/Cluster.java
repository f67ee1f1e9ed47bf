package io.mabeam.foundation.cluster.boundary;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mabeam.foundation.cluster.control.NodeProfiles;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.NodeInfo;
import io.mabeam.foundation.cluster.entity.NodeProfile;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node and the cluster around it. Members come from Payara's data grid; each node announces its
 * profile (MABEAM name, roles, capabilities) in a cluster-wide map under its member UUID, so every node can
 * name the others and elect leaders per role.
 * With the data grid disabled the node is a cluster of one.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Cluster {

    /** The roles of a node unless {@code mabeam.node.roles} names others. */
    public static final String DEFAULT_ROLES = "study-scheduler,agent-host";

    static final String NODE_NAMES = "mabeam.foundation.cluster.node-profiles";
    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Inject
    @ConfigProperty(name = "mabeam.node.name")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "mabeam.node.roles", defaultValue = DEFAULT_ROLES)
    String configuredRoles;

    @Inject
    @ConfigProperty(name = "mabeam.node.capabilities")
    Optional<String> configuredCapabilities;

    @Inject
    @ConfigProperty(name = "mabeam.cluster.quorum", defaultValue = "1")
    int quorum;

    private final Instant startedAt = Instant.now();
    private String nodeName;
    private NodeProfile profile;
    private final Map<String, NodeProfile> knownProfiles = new ConcurrentHashMap<>();

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void announce() {
        nodeName = configuredName.filter(n -> !n.isBlank()).orElseGet(Cluster::defaultName);
        profile = new NodeProfile(
                nodeName, roles(configuredRoles), capabilities(configuredCapabilities.orElse("")), startedAt);
        if (isClustered()) {
            nodeNames().put(localUuid(), NodeProfiles.json(profile));
            LOG.info(() ->
                    "Node " + nodeName + " joined data grid with " + members().size() + " member(s)");
        }
    }

    @PreDestroy
    void withdraw() {
        if (isClustered()) {
            try {
                nodeNames().remove(localUuid());
            } catch (RuntimeException e) {
                LOG.fine(() -> "Data grid already gone at shutdown: " + e);
            }
        }
    }

    public NodeInfo node() {
        String clusterName = isClustered() ? hazelcast.getConfig().getClusterName() : "none";
        return new NodeInfo(nodeName, version(), startedAt, isClustered(), clusterName, members());
    }

    public String nodeName() {
        return nodeName;
    }

    /** The members of the data grid now, this node first; never empty. */
    public List<ClusterMember> members() {
        return membersOldestFirst().stream()
                .sorted(Comparator.comparing(ClusterMember::local).reversed().thenComparing(ClusterMember::nodeName))
                .toList();
    }

    /**
     * The members in the order they joined the data grid, as every member sees them (Hazelcast keeps one
     * member list, ordered by age, agreed through its master); never empty.
     */
    public List<ClusterMember> membersOldestFirst() {
        if (!isClustered()) {
            return List.of(member("local", "local", true, profile));
        }
        Set<Member> members = hazelcast.getCluster().getMembers();
        if (knownProfiles.size() > 2 * members.size() + 8) {
            Set<String> present =
                    members.stream().map(m -> m.getUuid().toString()).collect(Collectors.toSet());
            knownProfiles.keySet().retainAll(present);
        }
        return members.stream()
                .map(m -> member(
                        m.getUuid().toString(),
                        m.getAddress().getHost() + ":" + m.getAddress().getPort(),
                        m.localMember(),
                        m.localMember() ? profile : profileOf(m.getUuid().toString())))
                .toList();
    }

    /**
     * A member's profile: read from the data grid once, then from this node's memory — a member announces
     * its profile once, before anyone depends on it, so the member list is answered without a grid call.
     */
    private NodeProfile profileOf(String uuid) {
        NodeProfile known = knownProfiles.get(uuid);
        if (known != null) {
            return known;
        }
        String announced = nodeNames().get(uuid);
        NodeProfile read = NodeProfiles.parse(announced);
        if (announced != null) {
            knownProfiles.put(uuid, read);
        }
        return read;
    }

    /**
     * How many members this node must see to act for the cluster ({@code mabeam.cluster.quorum}): a node that
     * sees fewer — cut off on the minority side of a partition — leads no role and refuses fenced writes.
     * Set it to a majority of the cluster's size (2 of 3, 3 of 5); the default, 1, never refuses.
     */
    public int quorum() {
        return Math.max(1, quorum);
    }

    public boolean hasQuorum() {
        return membersOldestFirst().size() >= quorum();
    }

    /** What this node announced: its name, roles and capabilities. */
    public NodeProfile profile() {
        return profile;
    }

    /** The UUID of this node's data grid member, or {@code local} without a data grid. */
    public String memberId() {
        return isClustered() ? localUuid() : "local";
    }

    private static ClusterMember member(String uuid, String address, boolean local, NodeProfile profile) {
        return new ClusterMember(
                uuid, address, profile.nodeName(), local, profile.roles(), profile.capabilities(), profile.joinedAt());
    }

    static List<String> roles(String configured) {
        List<String> roles = Arrays.stream(configured.split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .toList();
        for (String role : roles) {
            if (!NodeProfile.ROLE.matcher(role).matches()) {
                throw new IllegalStateException("mabeam.node.roles: '" + role
                        + "' is not a role name (lower-case words joined by hyphens, such as study-scheduler)");
            }
        }
        return roles;
    }

    static Map<String, String> capabilities(String configured) {
        Map<String, String> capabilities = new TreeMap<>();
        capabilities.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        capabilities.put("max-heap-mb", String.valueOf(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        capabilities.put("java", Runtime.version().feature() + "");
        for (String pair : configured.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalStateException(
                        "mabeam.node.capabilities: '" + pair.trim() + "' is not name=value (such as gpu=none)");
            }
            capabilities.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return capabilities;
    }

    public boolean isClustered() {
        return hazelcast != null && hazelcast.getLifecycleService().isRunning();
    }

    private IMap<String, String> nodeNames() {
        return hazelcast.getMap(NODE_NAMES);
    }

    private String localUuid() {
        Member local = hazelcast.getCluster().getLocalMember();
        return local.getUuid().toString();
    }

    private static String version() {
        return Optional.ofNullable(Cluster.class.getPackage().getImplementationVersion())
                .orElse("dev");
    }

    private static String defaultName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
