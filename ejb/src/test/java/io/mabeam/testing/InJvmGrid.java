package io.mabeam.testing;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Data grid members in the test's JVM, on loopback with fixed ports, joined over TCP like Payara's nodes. */
public final class InJvmGrid {

    private InJvmGrid() {}

    /** Starts one member per port, all in one new cluster, and answers them oldest first. */
    public static List<HazelcastInstance> start(int... ports) {
        String clusterName = "test-" + UUID.randomUUID();
        List<HazelcastInstance> members = new ArrayList<>();
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(member(clusterName, port, ports)));
        }
        return members;
    }

    private static Config member(String clusterName, int port, int[] ports) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        var tcp = join.getTcpIpConfig().setEnabled(true);
        Arrays.stream(ports).forEach(p -> tcp.addMember("127.0.0.1:" + p));
        return config;
    }

    public static void stop(List<HazelcastInstance> members) {
        members.stream().filter(m -> m.getLifecycleService().isRunning()).forEach(HazelcastInstance::shutdown);
    }
}
