package io.mabeam.variables.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class UnitScaleTest {

    @Property(tries = 500)
    void everyUnitPointMapsIntoAFloatDomainAndOntoItsGrid(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double low,
            @ForAll @DoubleRange(min = 0, max = 1e6) double width,
            @ForAll boolean stepped,
            @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double step,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        FloatVariable x = new FloatVariable("x", low, low + width, false, stepped ? step : null, Optional.empty());
        Object value = UnitScale.fromUnit(x, u);
        assertThat(x.admits(value)).as("%s at %s", value, u).isTrue();
    }

    @Property(tries = 500)
    void logScaleFloatsStayInsideTheirBounds(
            @ForAll @DoubleRange(min = 1e-9, max = 1e3) @Scale(12) double low,
            @ForAll @DoubleRange(min = 1, max = 1e6) double ratio,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        FloatVariable x = FloatVariable.logUniform("x", low, low * ratio);
        assertThat(x.admits(UnitScale.fromUnit(x, u))).isTrue();
        if (x.high() > x.low() * (1 + 1e-9)) { // a one-point domain has no position to return to
            double back = UnitScale.toUnit(x, UnitScale.fromUnit(x, u));
            assertThat(back).isBetween(u - 1e-6, u + 1e-6);
        }
    }

    @Property(tries = 500)
    void integersLandOnTheirGridWithinBounds(
            @ForAll @LongRange(min = -1000, max = 1000) long low,
            @ForAll @LongRange(min = 0, max = 1000) long width,
            @ForAll @IntRange(min = 1, max = 7) int step,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        IntVariable n = new IntVariable("n", low, low + width, false, step, Optional.empty());
        assertThat(n.admits(UnitScale.fromUnit(n, u))).isTrue();
    }

    @Property(tries = 300)
    void logIntegersStayInBounds(
            @ForAll @LongRange(min = 1, max = 1000) long low,
            @ForAll @LongRange(min = 0, max = 100_000) long width,
            @ForAll @DoubleRange(min = 0, max = 1) double u) {
        IntVariable n = new IntVariable("n", low, low + width, true, 1, Optional.empty());
        assertThat(n.admits(UnitScale.fromUnit(n, u))).isTrue();
    }

    @Test
    void everyChoiceAndEveryGridPointIsReachableInEqualShares() {
        CategoricalVariable c = CategoricalVariable.of("c", "a", "b", "c", "d");
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Object choice = UnitScale.fromUnit(c, (i + 0.5) / 4);
            seen.add(choice);
            assertThat(UnitScale.toUnit(c, choice)).isEqualTo((i + 0.5) / 4);
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(UnitScale.fromUnit(c, 1.0)).isEqualTo("d");
        IntVariable n = IntVariable.uniform("n", 1, 8);
        assertThat(UnitScale.fromUnit(n, 0)).isEqualTo(1L);
        assertThat(UnitScale.fromUnit(n, 0.999)).isEqualTo(8L);
        assertThat(UnitScale.fromUnit(n, 1)).isEqualTo(8L);
    }

    @Property(tries = 200)
    void unitPositionsOfNumbersRoundTrip(@ForAll @DoubleRange(min = 0, max = 1) double u) {
        FloatVariable x = FloatVariable.uniform("x", -5, 10);
        assertThat(UnitScale.toUnit(x, UnitScale.fromUnit(x, u))).isBetween(u - 1e-9, u + 1e-9);
    }
}
