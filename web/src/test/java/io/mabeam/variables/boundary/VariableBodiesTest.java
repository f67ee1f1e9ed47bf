package io.mabeam.variables.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.api.boundary.OptionalBodyReader;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class VariableBodiesTest {

    @Test
    void aDeclarationCarriesItsDefinitionAndAnyScalarValue() {
        VariableBodies.Declaration declared = OptionalBodyReader.read(
                VariableBodies.Declaration.class,
                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}");
        assertThat(declared.definition.getString("type")).isEqualTo("float");
        assertThat(declared.valueGiven()).isTrue();
        assertThat(((JsonNumber) declared.getValue()).doubleValue()).isEqualTo(0.5);
        VariableBodies.Declaration text = OptionalBodyReader.read(
                VariableBodies.Declaration.class, "{\"definition\":{\"type\":\"categorical\"},\"value\":\"adam\"}");
        assertThat(((JsonString) text.getValue()).getString()).isEqualTo("adam");
        assertThat(OptionalBodyReader.read(VariableBodies.Declaration.class, "{\"definition\":{}}")
                        .valueGiven())
                .isFalse();
        assertThatThrownBy(() -> OptionalBodyReader.read(VariableBodies.Declaration.class, "{\"definition\":[1]}"))
                .isInstanceOf(JsonbException.class);
    }

    @Test
    void aChangeTellsAMissingVersionFromANullOne() {
        VariableBodies.Change plain = OptionalBodyReader.read(VariableBodies.Change.class, "{\"value\":1}");
        assertThat(plain.versionGiven()).isFalse();
        VariableBodies.Change nulled =
                OptionalBodyReader.read(VariableBodies.Change.class, "{\"value\":null,\"version\":null}");
        assertThat(nulled.versionGiven()).isTrue();
        assertThat(nulled.valueGiven()).isTrue();
        assertThat(nulled.getValue()).isEqualTo(JsonValue.NULL);
        VariableBodies.Change versioned =
                OptionalBodyReader.read(VariableBodies.Change.class, "{\"value\":1,\"version\":4,\"reason\":\"r\"}");
        assertThat(versioned.getVersion()).isEqualTo(4L);
        assertThat(versioned.reason).isEqualTo("r");
        for (String bad : new String[] {"{\"value\":1,\"version\":1.5}", "{\"value\":1,\"reason\":3}"}) {
            assertThatThrownBy(() -> OptionalBodyReader.read(VariableBodies.Change.class, bad))
                    .as(bad)
                    .isInstanceOf(JsonbException.class);
        }
    }
}
