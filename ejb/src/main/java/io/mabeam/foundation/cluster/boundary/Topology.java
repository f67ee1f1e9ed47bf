package io.mabeam.foundation.cluster.boundary;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.mabeam.foundation.cluster.control.NodeProfiles;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.MembershipRecorded;
import io.mabeam.foundation.cluster.entity.NodeProfile;
import io.mabeam.foundation.cluster.entity.TopologyChange;
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
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's topology over time (the seed's ConnectionManager): every member that joins records
 * {@code MemberJoined} with its roles and capabilities in stream {@code cluster:topology}, and when a member
 * leaves — stopped or dead — the oldest member still there records {@code MemberLeft} and removes its
 * profile. Beans on this node hear of every change as a {@link TopologyChange}.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Topology {

    public static final String STREAM = "cluster:topology";
    private static final Logger LOG = Logger.getLogger(Topology.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Resource
    ManagedExecutorService executor;

    @EJB
    Cluster cluster;

    @Inject
    Event<MembershipRecorded> recorded;

    @Inject
    Event<TopologyChange> changes;

    private UUID membershipListener;
    private UUID profileListener;

    @PostConstruct
    void start() {
        record("MemberJoined", cluster.memberId(), address(cluster.memberId()), cluster.profile());
        if (!cluster.isClustered()) {
            return;
        }
        membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                String member = event.getMember().getUuid().toString();
                executor.submit(() -> changes.fire(new TopologyChange(member, TopologyChange.Kind.JOINED)));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String member = event.getMember().getUuid().toString();
                String address = event.getMember().getAddress().getHost() + ":"
                        + event.getMember().getAddress().getPort();
                executor.submit(() -> left(member, address));
            }
        });
        IMap<String, String> profiles = hazelcast.getMap(Cluster.NODE_NAMES);
        profileListener = profiles.addEntryListener(new ProfileListener(), false);
    }

    @PreDestroy
    void stop() {
        if (membershipListener == null) {
            return;
        }
        try {
            hazelcast.getCluster().removeMembershipListener(membershipListener);
            hazelcast.getMap(Cluster.NODE_NAMES).removeEntryListener(profileListener);
        } catch (RuntimeException gridGone) {
            LOG.fine(() -> "Data grid gone before the topology stopped listening: " + gridGone);
        }
    }

    private void left(String member, String address) {
        // first let this node act (a new leader, for one), then record what happened
        changes.fire(new TopologyChange(member, TopologyChange.Kind.LEFT));
        try {
            List<ClusterMember> remaining = cluster.membersOldestFirst();
            if (!remaining.isEmpty() && remaining.get(0).local()) {
                IMap<String, String> profiles = hazelcast.getMap(Cluster.NODE_NAMES);
                NodeProfile profile = NodeProfiles.parse(profiles.remove(member));
                record("MemberLeft", member, address, profile);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record that member " + member + " left", e);
        }
    }

    private String address(String member) {
        return cluster.membersOldestFirst().stream()
                .filter(m -> m.uuid().equals(member))
                .map(ClusterMember::address)
                .findFirst()
                .orElse("local");
    }

    private void record(String type, String member, String address, NodeProfile profile) {
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("member", member)
                .add("address", address)
                .add("node", profile.nodeName())
                .add("roles", JSON.createArrayBuilder(profile.roles()))
                .add("capabilities", NodeProfiles.object(profile).getJsonObject("capabilities"));
        try {
            recorded.fire(new MembershipRecorded(STREAM, type, payload.build().toString()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record " + type + " of " + profile.nodeName(), e);
        }
    }

    private final class ProfileListener
            implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            announced(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            announced(event.getKey());
        }

        private void announced(String member) {
            executor.submit(() -> changes.fire(new TopologyChange(member, TopologyChange.Kind.ANNOUNCED)));
        }
    }
}
