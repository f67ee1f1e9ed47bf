package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SamplersTest {

    static final SearchSpace SPACE = SearchSpace.of(FloatVariable.uniform("x", 0, 1));

    static JsonObject spec(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void tpeTakesOptunasDefaultsAndItsOptionsByName() {
        TpeSampler plain = (TpeSampler) Samplers.create(spec("{\"name\":\"tpe\"}"), 1, SPACE);
        assertThat(plain.options()).isEqualTo(TpeSampler.Options.defaults());

        TpeSampler tuned = (TpeSampler) Samplers.create(
                spec(
                        "{\"name\":\"tpe\",\"multivariate\":true,\"priorWeight\":0.5,\"gammaFraction\":0.2,\"gammaCap\":40}"),
                1,
                SPACE);
        assertThat(tuned.options().multivariate()).isTrue();
        assertThat(tuned.options().priorWeight()).isEqualTo(0.5);
        assertThat(tuned.options().gamma(100)).isEqualTo(20);
        assertThat(tuned.options().gamma(1000)).isEqualTo(40);
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Samplers.create(spec("{\"name\":\"tpe\",\"gammaFraction\":1.5}"), 1, SPACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gammaFraction");
        assertThatThrownBy(() -> Samplers.create(spec("{\"name\":\"tpe\",\"gammaCap\":0}"), 1, SPACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gammaCap");
        assertThatThrownBy(() -> Samplers.create(spec("{\"name\":\"tpe\",\"gama\":0.2}"), 1, SPACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no option 'gama'");
        assertThatThrownBy(() -> Samplers.create(spec("{\"name\":\"annealing\"}"), 1, SPACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown sampler");
    }
}
