package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonBindingTest {

    public static class Body {
        public Integer count;
        public Long total;
        public Duration every = Duration.ofMinutes(1);
        public String name;
        public Double value;
        public Boolean flag;

        public java.math.BigDecimal amount;

        public java.util.List<String> names;
    }

    private final Jsonb jsonb = new JsonBinding().getContext(Body.class);

    @Test
    void wholeNumbersInRangeBindAndMissingFieldsKeepTheirDefaults() {
        Body body = jsonb.fromJson("{\"count\": 7, \"total\": 9000000000, \"name\": \"x\"}", Body.class);
        assertThat(body.count).isEqualTo(7);
        assertThat(body.total).isEqualTo(9_000_000_000L);
        assertThat(body.every).isEqualTo(Duration.ofMinutes(1));
        assertThat(jsonb.fromJson("{\"count\": null}", Body.class).count).isNull();
    }

    @Test
    void fractionsAndNumbersOutOfRangeAreRefusedNotTruncatedOrWrapped() {
        for (String bad : new String[] {
            "{\"count\": 1.5}",
            "{\"count\": 4294967297}",
            "{\"count\": \"7\"}",
            "{\"count\": 1e3}",
            "{\"total\": 1e30}",
            "{\"total\": 9223372036854775808}"
        }) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class)).as(bad).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void aYesOrNoFieldTakesTrueOrFalseOnly() {
        assertThat(jsonb.fromJson("{\"flag\": true}", Body.class).flag).isTrue();
        assertThat(jsonb.fromJson("{\"flag\": false}", Body.class).flag).isFalse();
        for (String bad : new String[] {"{\"flag\": \"true\"}", "{\"flag\": 1}", "{\"flag\": \"yes\"}"}) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class)).as(bad).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void aTextFieldTakesAStringOnlyAlsoInAList() {
        assertThat(jsonb.fromJson("{\"name\": \"x\", \"names\": [\"a\", \"b\"]}", Body.class).names)
                .containsExactly("a", "b");
        assertThat(jsonb.fromJson("{\"name\": null}", Body.class).name).isNull();
        for (String bad : new String[] {"{\"name\": 5}", "{\"name\": true}", "{\"names\": [\"a\", 5]}"}) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class)).as(bad).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void aDecimalTakesAJsonNumberOnlyAndKeepsItsDigits() {
        assertThat(jsonb.fromJson("{\"amount\": 0.1000000000000000055}", Body.class).amount)
                .isEqualByComparingTo("0.1000000000000000055");
        for (String bad : new String[] {"{\"amount\": \"1\"}", "{\"amount\": true}"}) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class)).as(bad).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void aFieldTheBodyDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> jsonb.fromJson("{\"count\": 1, \"cuont\": 2}", Body.class))
                .isInstanceOf(JsonbException.class);
    }

    @Test
    void aDurationIsIso8601() {
        assertThat(jsonb.fromJson("{\"every\": \"PT5S\"}", Body.class).every).isEqualTo(Duration.ofSeconds(5));
        for (String bad : new String[] {"{\"every\": \"5 s\"}", "{\"every\": 5}"}) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class))
                    .as(bad)
                    .isInstanceOf(JsonbException.class)
                    .hasMessageContaining("every")
                    .hasMessageContaining("ISO-8601");
        }
    }

    @Test
    void aDecimalIsAJsonNumberNotAString() {
        assertThat(jsonb.fromJson("{\"value\": 0.25}", Body.class).value).isEqualTo(0.25);
        assertThat(jsonb.fromJson("{\"value\": 3}", Body.class).value).isEqualTo(3.0);
        for (String bad : new String[] {"{\"value\": \"0.25\"}", "{\"value\": \"NaN\"}", "{\"value\": true}"}) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, Body.class)).as(bad).isInstanceOf(JsonbException.class);
        }
    }
}
