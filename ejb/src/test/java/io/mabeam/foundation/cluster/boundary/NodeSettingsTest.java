package io.mabeam.foundation.cluster.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    @Test
    void rolesAreHyphenatedLowerCaseNames() {
        assertThat(Cluster.roles(" study-scheduler, agent-host ,,")).containsExactly("study-scheduler", "agent-host");
        assertThatThrownBy(() -> Cluster.roles("Study Scheduler"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Study Scheduler' is not a role name");
    }

    @Test
    void capabilitiesAddToWhatTheNodeMeasures() {
        var capabilities = Cluster.capabilities("gpu=none, zone = eu-1");
        assertThat(capabilities)
                .containsEntry("gpu", "none")
                .containsEntry("zone", "eu-1")
                .containsKey("cores");
        assertThatThrownBy(() -> Cluster.capabilities("gpu"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not name=value");
    }
}
