package io.mabeam.foundation.events.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VectorClockTest {

    static final VectorClock A1 = VectorClock.empty().tick("a");

    @Test
    void tickingMakesALaterClock() {
        VectorClock a2 = A1.tick("a");
        assertThat(a2.get("a")).isEqualTo(2);
        assertThat(A1.compareTo(a2)).isEqualTo(Causality.BEFORE);
        assertThat(a2.compareTo(A1)).isEqualTo(Causality.AFTER);
        assertThat(A1.happenedBefore(a2)).isTrue();
    }

    @Test
    void independentWritersAreConcurrentUntilMerged() {
        VectorClock b1 = VectorClock.empty().tick("b");
        assertThat(A1.compareTo(b1)).isEqualTo(Causality.CONCURRENT);
        assertThat(A1.isConcurrentWith(b1)).isTrue();
        VectorClock merged = A1.merge(b1);
        assertThat(merged.counters()).isEqualTo(Map.of("a", 1L, "b", 1L));
        assertThat(A1.happenedBefore(merged)).isTrue();
        assertThat(b1.happenedBefore(merged)).isTrue();
    }

    @Test
    void zeroCountsDoNotMakeClocksDifferent() {
        assertThat(VectorClock.of(Map.of("a", 1L, "b", 0L))).isEqualTo(A1);
        assertThat(VectorClock.of(Map.of("b", 0L)).compareTo(VectorClock.empty()))
                .isEqualTo(Causality.EQUAL);
    }

    @Test
    void refusesNegativeCountsAndNamelessNodes() {
        assertThatThrownBy(() -> VectorClock.of(Map.of("a", -1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorClock.of(Map.of(" ", 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorClock.fromJson("{\"a\":1.5}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorClock.fromJson("{\"a\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonIsSortedByNode() {
        assertThat(VectorClock.of(Map.of("b", 2L, "a", 1L)).toJson()).isEqualTo("{\"a\":1,\"b\":2}");
    }

    @Provide
    Arbitrary<VectorClock> clocks() {
        return Arbitraries.maps(
                        Arbitraries.of("a", "b", "c", "d"), Arbitraries.longs().between(0, 5))
                .ofMaxSize(4)
                .map(VectorClock::of);
    }

    @Property
    void mergeIsCommutativeAssociativeAndIdempotent(
            @ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y, @ForAll("clocks") VectorClock z) {
        assertThat(x.merge(y)).isEqualTo(y.merge(x));
        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
        assertThat(x.merge(x)).isEqualTo(x);
    }

    @Property
    void mergeIsAtOrAfterBoth(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
        assertThat(x.merge(y).compareTo(x)).isIn(Causality.AFTER, Causality.EQUAL);
        assertThat(x.merge(y).compareTo(y)).isIn(Causality.AFTER, Causality.EQUAL);
    }

    @Property
    void comparisonIsAntisymmetric(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
        Causality forwards = x.compareTo(y);
        Causality backwards = y.compareTo(x);
        switch (forwards) {
            case BEFORE -> assertThat(backwards).isEqualTo(Causality.AFTER);
            case AFTER -> assertThat(backwards).isEqualTo(Causality.BEFORE);
            case EQUAL -> assertThat(backwards).isEqualTo(Causality.EQUAL);
            case CONCURRENT -> assertThat(backwards).isEqualTo(Causality.CONCURRENT);
        }
        assertThat(forwards == Causality.EQUAL).isEqualTo(x.equals(y));
    }

    @Property
    void tickIsAlwaysAfterAndJsonRoundTrips(@ForAll("clocks") VectorClock x, @ForAll("nodes") String node) {
        assertThat(x.tick(node).compareTo(x)).isEqualTo(Causality.AFTER);
        assertThat(VectorClock.fromJson(x.toJson())).isEqualTo(x);
    }

    @Provide
    Arbitrary<String> nodes() {
        return Arbitraries.of("a", "b", "c", "d", "e");
    }
}
