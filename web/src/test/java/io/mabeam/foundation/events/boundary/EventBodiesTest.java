package io.mabeam.foundation.events.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.api.boundary.OptionalBodyReader;
import io.mabeam.foundation.registry.boundary.RegistryResource;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bodies of retention policies, subscription positions and registry health reports. */
class EventBodiesTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> messages(Object body) {
        return VALIDATOR.validate(body).stream()
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    @Test
    void aPolicyNeedsItsThreeFieldsAsText() {
        RetentionResource.PolicyRequest policy = OptionalBodyReader.read(
                RetentionResource.PolicyRequest.class,
                "{\"streamPrefix\":\"study:\",\"maxAge\":\"P30D\",\"action\":\"archive\"}");
        assertThat(messages(policy)).isEmpty();
        assertThat(messages(OptionalBodyReader.read(RetentionResource.PolicyRequest.class, "{\"maxAge\":\"P1D\"}")))
                .containsExactlyInAnyOrder(
                        "a policy names its \"streamPrefix\"", "a policy's \"action\" is archive or delete");
        assertThatThrownBy(() -> OptionalBodyReader.read(
                        RetentionResource.PolicyRequest.class,
                        "{\"streamPrefix\":\"s\",\"maxAge\":30,\"action\":\"delete\"}"))
                .isInstanceOf(JsonbException.class);
    }

    @Test
    void aPositionMayBeLeftOutForTheResourceToRefuseAndMustBeText() {
        assertThat(OptionalBodyReader.read(SubscriptionsResource.PositionRequest.class, "").position)
                .isNull();
        assertThat(OptionalBodyReader.read(SubscriptionsResource.PositionRequest.class, "{\"position\":\"1.2\"}")
                        .position)
                .isEqualTo("1.2");
        assertThatThrownBy(() ->
                        OptionalBodyReader.read(SubscriptionsResource.PositionRequest.class, "{\"position\":1.2}"))
                .isInstanceOf(JsonbException.class);
    }

    @Test
    void aHealthReportNamesTheHealth() {
        assertThat(messages(OptionalBodyReader.read(RegistryResource.HealthReport.class, "{}")))
                .containsExactly("the body names the \"health\"");
        assertThat(messages(OptionalBodyReader.read(RegistryResource.HealthReport.class, "{\"health\":\"up\"}")))
                .isEmpty();
    }
}
