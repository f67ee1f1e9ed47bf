package io.mabeam.foundation.config.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    static ConfigSchema integer(long min, long max) {
        return new ConfigSchema(
                "mabeam.test.count",
                ConfigType.INTEGER,
                BigDecimal.valueOf(min),
                BigDecimal.valueOf(max),
                List.of(),
                null,
                "a count");
    }

    @Test
    void valuesAreCheckedAgainstTypeBoundsAndAllowedValues() {
        ConfigSchema count = integer(1, 10);
        assertThat(count.checked(" 07 ")).isEqualTo("7");
        assertThatThrownBy(() -> count.checked("11"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mabeam.test.count is at most 10, not 11");
        assertThatThrownBy(() -> count.checked("0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> count.checked("seven")).hasMessageContaining("not a whole number");

        ConfigSchema level = new ConfigSchema(
                "mabeam.test.level", ConfigType.STRING, null, null, List.of("low", "high"), "low", null);
        assertThat(level.checked("high")).isEqualTo("high");
        assertThatThrownBy(() -> level.checked("medium")).hasMessageContaining("one of [low, high]");

        ConfigSchema flag = new ConfigSchema("mabeam.test.flag", ConfigType.BOOLEAN, null, null, null, null, null);
        assertThat(flag.checked("TRUE")).isEqualTo("true");
        assertThatThrownBy(() -> flag.checked("yes")).hasMessageContaining("true or false");
    }

    @Test
    void durationsAreIsoAndBoundedInSeconds() {
        ConfigSchema poll = new ConfigSchema(
                "mabeam.test.poll",
                ConfigType.DURATION,
                new BigDecimal("0.05"),
                BigDecimal.TEN,
                List.of(),
                "PT0.5S",
                null);
        assertThat(poll.defaultValue()).isEqualTo("PT0.5S");
        assertThat(poll.checked("pt2s")).isEqualTo("PT2S");
        assertThatThrownBy(() -> poll.checked("PT1M")).hasMessageContaining("at most 10 seconds");
        assertThatThrownBy(() -> poll.checked("PT0.01S")).hasMessageContaining("at least 0.05 seconds");
        assertThatThrownBy(() -> poll.checked("5 seconds")).hasMessageContaining("ISO-8601");
    }

    @Test
    void stringBoundsAreLengthsAndDecimalsAreCanonical() {
        ConfigSchema name = new ConfigSchema(
                "mabeam.test.name", ConfigType.STRING, BigDecimal.ONE, BigDecimal.valueOf(5), null, null, null);
        assertThatThrownBy(() -> name.checked("")).hasMessageContaining("at least 1 characters");
        assertThatThrownBy(() -> name.checked("toolong")).hasMessageContaining("at most 5 characters");
        ConfigSchema ratio = new ConfigSchema(
                "mabeam.test.ratio",
                ConfigType.DECIMAL,
                new BigDecimal("0.50"),
                new BigDecimal("1.0"),
                null,
                null,
                null);
        assertThat(ratio.checked("0.900")).isEqualTo("0.9");
        assertThat(ratio.minimum()).isEqualTo(new BigDecimal("0.5"));
        assertThat(ratio.maximum()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void schemasThemselvesAreChecked() {
        assertThatThrownBy(() -> new ConfigSchema("Bad Key", ConfigType.STRING, null, null, null, null, null))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> integer(10, 1)).hasMessageContaining("above its maximum");
        assertThatThrownBy(() -> new ConfigSchema(
                        "mabeam.test.flag", ConfigType.BOOLEAN, BigDecimal.ONE, null, null, null, null))
                .hasMessageContaining("no bounds");
        assertThatThrownBy(() -> new ConfigSchema(
                        "mabeam.test.count", ConfigType.INTEGER, BigDecimal.ONE, BigDecimal.TEN, null, "20", null))
                .hasMessageContaining("at most 10");
        assertThatThrownBy(() -> ConfigType.of("float")).hasMessageContaining("string, integer");
        assertThat(new ConfigSchema("a.b", ConfigType.INTEGER, BigDecimal.valueOf(50), null, null, null, null))
                .isEqualTo(
                        new ConfigSchema("a.b", ConfigType.INTEGER, new BigDecimal("50.000"), null, null, null, null));
    }

    @Property
    void anIntegerFitsExactlyWhenItLiesWithinTheBounds(
            @ForAll @LongRange(min = -1000, max = 1000) long min,
            @ForAll @LongRange(min = 0, max = 1000) long width,
            @ForAll @LongRange(min = -3000, max = 3000) long value) {
        ConfigSchema schema = integer(min, min + width);
        assertThat(schema.accepts(Long.toString(value))).isEqualTo(value >= min && value <= min + width);
    }

    @Property
    void canonicalValuesAreFixedPoints(@ForAll @LongRange(min = 0, max = 100_000) long millis) {
        String duration = ConfigType.DURATION.canonical("PT" + (millis / 1000.0) + "S");
        assertThat(ConfigType.DURATION.canonical(duration)).isEqualTo(duration);
        String decimal =
                ConfigType.DECIMAL.canonical(BigDecimal.valueOf(millis, 3).toString());
        assertThat(ConfigType.DECIMAL.canonical(decimal)).isEqualTo(decimal);
    }

    @Test
    void urlsAreAbsoluteHttpOrHttpsOrNothing() {
        assertThat(ConfigType.URL.canonical(" https://hooks.example.org/a?b=c "))
                .isEqualTo("https://hooks.example.org/a?b=c");
        assertThat(ConfigType.URL.canonical("")).isEmpty();
        for (String bad : List.of("ftp://example.org/x", "/relative/path", "http://", "not a url", "mailto:x@y")) {
            assertThatThrownBy(() -> ConfigType.URL.canonical(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an http or https URL");
        }
    }
}
