package io.mabeam.agents.boundary;

import io.mabeam.agents.entity.AgentLive;
import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.balancing.entity.NodeLoad;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the {@link AgentCluster}'s nodes tell each other as JSON: what a node knows live of one of its agents (the
 * answer to an inspect envelope) and a node's load (announced in the data grid every housekeeping round).
 */
final class AgentClusterJson {

    private AgentClusterJson() {}

    static JsonObject liveJson(AgentSnapshot snapshot, Optional<AgentPerformance> performance) {
        var json = Json.createObjectBuilder()
                .add("id", snapshot.id())
                .add("state", snapshot.state().name())
                .add("mailbox", snapshot.mailbox())
                .add("processed", snapshot.processed())
                .add("failures", snapshot.failures())
                .add("restarts", snapshot.restarts())
                .add("children", snapshot.children())
                .add("meanMicros", Double.isNaN(snapshot.meanMicros()) ? -1 : snapshot.meanMicros());
        if (snapshot.supervisor() != null) {
            json.add("supervisor", snapshot.supervisor());
        }
        performance.ifPresent(p -> json.add(
                "performance",
                Json.createObjectBuilder()
                        .add("messagesPerSecond", p.messagesPerSecond())
                        .add("meanMicros", Double.isNaN(p.meanMicros()) ? -1 : p.meanMicros())
                        .add("successRate", p.successRate())
                        .add("mailbox", p.mailbox())
                        .add("restartsInInterval", p.restartsInInterval())));
        return json.build();
    }

    static Optional<AgentLive> live(jakarta.json.JsonValue value) {
        try {
            JsonObject json = value.asJsonObject();
            double mean = json.getJsonNumber("meanMicros").doubleValue();
            AgentSnapshot snapshot = new AgentSnapshot(
                    json.getString("id"),
                    AgentState.valueOf(json.getString("state")),
                    json.getString("supervisor", null),
                    json.getInt("mailbox"),
                    json.getJsonNumber("processed").longValue(),
                    json.getJsonNumber("failures").longValue(),
                    json.getInt("restarts"),
                    json.getInt("children"),
                    mean < 0 ? Double.NaN : mean);
            Optional<AgentPerformance> performance = Optional.ofNullable(json.getJsonObject("performance"))
                    .map(p -> new AgentPerformance(
                            snapshot.id(),
                            p.getJsonNumber("messagesPerSecond").doubleValue(),
                            p.getJsonNumber("meanMicros").doubleValue() < 0
                                    ? Double.NaN
                                    : p.getJsonNumber("meanMicros").doubleValue(),
                            p.getJsonNumber("successRate").doubleValue(),
                            p.getInt("mailbox"),
                            p.getInt("restartsInInterval")));
            return Optional.of(new AgentLive(snapshot, performance));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String loadJson(NodeLoad load) {
        return Json.createObjectBuilder()
                .add("node", load.node())
                .add("agents", load.agents())
                .add("queued", load.queuedMessages())
                .add("cpu", load.cpuLoad())
                .add("performance", load.performance())
                .add("capabilities", Json.createArrayBuilder(load.capabilities()))
                .build()
                .toString();
    }

    static Optional<NodeLoad> parseLoad(String json) {
        try {
            JsonObject load = Json.createReader(new StringReader(json)).readObject();
            return Optional.of(new NodeLoad(
                    load.getString("node"),
                    load.getInt("agents"),
                    load.getJsonNumber("queued").longValue(),
                    load.getJsonNumber("cpu").doubleValue(),
                    load.getJsonArray("capabilities").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString)
                            .collect(Collectors.toSet()),
                    ((JsonNumber) load.get("performance")).doubleValue()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
