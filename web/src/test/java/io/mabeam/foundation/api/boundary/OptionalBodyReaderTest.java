package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionalBodyReaderTest {

    public static class Optional implements OptionalBody {
        public Duration wait = Duration.ofSeconds(3);
        public String name;
        public BigDecimal amount;
    }

    public static class Required implements BoundBody {
        public Integer count;
    }

    private final OptionalBodyReader reader = new OptionalBodyReader();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(Class<?> type, String body, MediaType mediaType) throws Exception {
        return reader.readFrom(
                (Class) type,
                type,
                new java.lang.annotation.Annotation[0],
                mediaType,
                null,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsBoundBodiesOnly() {
        assertThat(reader.isReadable(Optional.class, Optional.class, null, MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
        assertThat(reader.isReadable(Required.class, Required.class, null, null))
                .isTrue();
        assertThat(reader.isReadable(String.class, String.class, null, MediaType.APPLICATION_JSON_TYPE))
                .isFalse();
    }

    @Test
    void anEmptyOptionalBodyReadsAsItsDefaults() throws Exception {
        for (String empty : new String[] {"", "  \n"}) {
            Optional body = (Optional) read(Optional.class, empty, MediaType.APPLICATION_JSON_TYPE);
            assertThat(body.wait).isEqualTo(Duration.ofSeconds(3));
            assertThat(body.name).isNull();
        }
        assertThat(((Optional) read(Optional.class, "{}", null)).wait).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anEmptyRequiredBodyIsA400Problem() {
        assertThatThrownBy(() -> read(Required.class, "", MediaType.APPLICATION_JSON_TYPE))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("JSON object body");
        assertThatThrownBy(() -> read(Required.class, "null", MediaType.APPLICATION_JSON_TYPE))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aBodyBindsWithTheApplicationsRulesWhateverItsContentType() throws Exception {
        Optional body = (Optional) read(Optional.class, "{\"wait\":\"PT1S\",\"name\":\"x\",\"amount\":1.5}", null);
        assertThat(body.wait).isEqualTo(Duration.ofSeconds(1));
        assertThat(body.name).isEqualTo("x");
        assertThat(body.amount).isEqualByComparingTo("1.5");
        assertThat(((Required) read(Required.class, "{\"count\":2}", MediaType.TEXT_PLAIN_TYPE)).count)
                .isEqualTo(2);
    }

    @Test
    void wrongTypesUnknownFieldsAndBadJsonAreRefused() {
        for (String bad : new String[] {
            "{\"name\": 7}", "{\"amount\": \"1.5\"}", "{\"wait\": 5}", "{\"naem\": \"x\"}", "{\"name\": ", "[1]"
        }) {
            assertThatThrownBy(() -> read(Optional.class, bad, MediaType.APPLICATION_JSON_TYPE))
                    .as(bad)
                    .isInstanceOf(JsonbException.class);
        }
        for (String bad : new String[] {"{\"count\": 4294967297}", "{\"count\": 1.5}"}) {
            assertThatThrownBy(() -> read(Required.class, bad, MediaType.APPLICATION_JSON_TYPE))
                    .as(bad)
                    .isInstanceOf(JsonbException.class);
        }
    }
}
