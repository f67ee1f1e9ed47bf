package io.mabeam.foundation.cluster.boundary;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.NodeInfo;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node and the cluster around it. Members come from Payara's data grid; each node announces its
 * MABEAM name in a cluster-wide map under its member UUID, so every dashboard can name the others.
 * With the data grid disabled the node is a cluster of one.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Cluster {

    static final String NODE_NAMES = "mabeam.foundation.cluster.node-names";
    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Inject
    @ConfigProperty(name = "mabeam.node.name")
    Optional<String> configuredName;

    private final Instant startedAt = Instant.now();
    private String nodeName;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void announce() {
        nodeName = configuredName.filter(n -> !n.isBlank()).orElseGet(Cluster::defaultName);
        if (isClustered()) {
            nodeNames().put(localUuid(), nodeName);
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
        if (!isClustered()) {
            return List.of(new ClusterMember("local", "local", nodeName, true));
        }
        IMap<String, String> names = nodeNames();
        return hazelcast.getCluster().getMembers().stream()
                .map(m -> new ClusterMember(
                        m.getUuid().toString(),
                        m.getAddress().getHost() + ":" + m.getAddress().getPort(),
                        names.getOrDefault(m.getUuid().toString(), "(starting)"),
                        m.localMember()))
                .sorted(Comparator.comparing(ClusterMember::local).reversed().thenComparing(ClusterMember::nodeName))
                .toList();
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
