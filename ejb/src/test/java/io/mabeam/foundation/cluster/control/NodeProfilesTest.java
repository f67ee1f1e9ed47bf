package io.mabeam.foundation.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.cluster.entity.NodeProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeProfilesTest {

    @Test
    void aProfileSurvivesTheDataGridAndRolesAreSortedWithoutRepeats() {
        NodeProfile profile = new NodeProfile(
                "node-1",
                List.of("study-scheduler", "agent-host", "study-scheduler"),
                Map.of("cores", "2", "gpu", "none"),
                Instant.parse("2026-11-26T09:00:00Z"));
        NodeProfile read = NodeProfiles.parse(NodeProfiles.json(profile));
        assertThat(read).isEqualTo(profile);
        assertThat(read.roles()).containsExactly("agent-host", "study-scheduler");
    }

    @Test
    void aPlainNameFromAnOlderNodeIsAProfileWithoutRoles() {
        NodeProfile read = NodeProfiles.parse("node-old");
        assertThat(read.nodeName()).isEqualTo("node-old");
        assertThat(read.roles()).isEmpty();
        assertThat(NodeProfiles.parse(null).nodeName()).isEqualTo("(starting)");
    }
}
