package io.mabeam.agents.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mabeam.agents.control.PostOffice;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The ids of handled messages in a data grid map, each kept for {@code mabeam.agents.dedup-ttl}. */
final class SharedHandledLog implements PostOffice.HandledLog {

    private final HazelcastInstance hazelcast;
    private final long ttlMillis;

    SharedHandledLog(HazelcastInstance hazelcast, Duration ttl) {
        this.hazelcast = hazelcast;
        this.ttlMillis = ttl.toMillis();
    }

    private IMap<String, String> map() {
        return hazelcast.getMap(AgentCluster.HANDLED);
    }

    @Override
    public boolean handled(String messageId) {
        return map().containsKey(messageId);
    }

    @Override
    public void record(String messageId, String agentId) {
        map().setAsync(messageId, agentId, ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answered(String messageId, jakarta.json.JsonValue answer) {
        map().setAsync(AgentCluster.ANSWER + messageId, answer.toString(), ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<jakarta.json.JsonValue> answer(String messageId) {
        String answer = map().get(AgentCluster.ANSWER + messageId);
        if (answer == null) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(answer))) {
            return Optional.of(reader.readValue());
        }
    }
}
