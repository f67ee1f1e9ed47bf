package io.mabeam.bench.coordination;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;

/** Two data grid members in this JVM on loopback, joined over TCP as two Payara nodes would be. */
final class Grid {

    private Grid() {}

    static List<HazelcastInstance> twoMembers(int firstPort) {
        String name = "bench-" + UUID.randomUUID();
        return List.of(
                Hazelcast.newHazelcastInstance(member(name, firstPort, firstPort)),
                Hazelcast.newHazelcastInstance(member(name, firstPort + 1, firstPort)));
    }

    private static Config member(String clusterName, int port, int firstPort) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig()
                .setEnabled(true)
                .addMember("127.0.0.1:" + firstPort)
                .addMember("127.0.0.1:" + (firstPort + 1));
        return config;
    }
}
