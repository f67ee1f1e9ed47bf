package io.mabeam.foundation.cluster.control;

import io.mabeam.foundation.cluster.entity.NodeProfile;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Node profiles as the data grid holds them (JSON text, readable by any member whatever its version). */
public final class NodeProfiles {

    private static final JsonProvider JSON = JsonProvider.provider();

    private NodeProfiles() {}

    public static String json(NodeProfile profile) {
        return object(profile).toString();
    }

    public static JsonObject object(NodeProfile profile) {
        JsonObjectBuilder capabilities = JSON.createObjectBuilder();
        new TreeMap<>(profile.capabilities()).forEach(capabilities::add);
        JsonObjectBuilder object = JSON.createObjectBuilder()
                .add("node", profile.nodeName())
                .add("roles", JSON.createArrayBuilder(profile.roles()))
                .add("capabilities", capabilities);
        if (profile.joinedAt() != null) {
            object.add("joinedAt", profile.joinedAt().toString());
        }
        return object.build();
    }

    /**
     * Reads a profile; a plain name (what nodes of the first release announced) is a profile without roles.
     */
    public static NodeProfile parse(String text) {
        if (text == null || !text.startsWith("{")) {
            return NodeProfile.unknown(text == null ? "(starting)" : text);
        }
        JsonObject object = JSON.createReader(new StringReader(text)).readObject();
        List<String> roles = object.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        Map<String, String> capabilities = new LinkedHashMap<>();
        object.getJsonObject("capabilities").forEach((name, value) -> capabilities.put(name, text(value)));
        Instant joinedAt = object.containsKey("joinedAt") ? Instant.parse(object.getString("joinedAt")) : null;
        return new NodeProfile(object.getString("node"), roles, capabilities, joinedAt);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
