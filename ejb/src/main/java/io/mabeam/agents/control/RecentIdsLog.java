package io.mabeam.agents.control;

import jakarta.json.JsonValue;
import java.util.Optional;

/** A handled log of one node's memory: for a node without a data grid (a cluster of one). */
public final class RecentIdsLog implements PostOffice.HandledLog {

    private final Recent<String> handled;
    private final Recent<JsonValue> answers;

    public RecentIdsLog(int capacity) {
        this.handled = new Recent<>(capacity);
        this.answers = new Recent<>(capacity);
    }

    @Override
    public boolean handled(String messageId) {
        return handled.contains(messageId);
    }

    @Override
    public void record(String messageId, String agentId) {
        handled.put(messageId, agentId);
    }

    @Override
    public void answered(String messageId, JsonValue answer) {
        answers.put(messageId, answer);
    }

    @Override
    public Optional<JsonValue> answer(String messageId) {
        return answers.get(messageId);
    }
}
