package io.mabeam.foundation.health.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import io.mabeam.foundation.health.entity.NodeHealth.Level;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NodeHealthTest {

    static ComponentHealth component(Status status, boolean critical) {
        return new ComponentHealth("c", status, critical, "");
    }

    @Test
    void criticalDownIsUnhealthyOtherTroubleIsDegraded() {
        assertThat(NodeHealth.aggregate(List.of())).isEqualTo(Level.HEALTHY);
        assertThat(NodeHealth.aggregate(List.of(component(Status.UP, true), component(Status.UP, false))))
                .isEqualTo(Level.HEALTHY);
        assertThat(NodeHealth.aggregate(List.of(component(Status.UP, true), component(Status.DOWN, false))))
                .isEqualTo(Level.DEGRADED);
        assertThat(NodeHealth.aggregate(List.of(component(Status.DEGRADED, true))))
                .isEqualTo(Level.DEGRADED);
        assertThat(NodeHealth.aggregate(List.of(component(Status.DEGRADED, false), component(Status.DOWN, true))))
                .isEqualTo(Level.UNHEALTHY);
    }

    @Property
    void addingTroubleNeverMakesANodeHealthier(
            @ForAll("components") List<ComponentHealth> components, @ForAll("component") ComponentHealth more) {
        List<ComponentHealth> worse = new ArrayList<>(components);
        worse.add(more);
        assertThat(NodeHealth.aggregate(worse).ordinal())
                .isGreaterThanOrEqualTo(NodeHealth.aggregate(components).ordinal());
    }

    @Provide
    Arbitrary<ComponentHealth> component() {
        return Combinators.combine(Arbitraries.of(Status.class), Arbitraries.of(true, false))
                .as(NodeHealthTest::component);
    }

    @Provide
    Arbitrary<List<ComponentHealth>> components() {
        return component().list().ofMaxSize(8);
    }
}
