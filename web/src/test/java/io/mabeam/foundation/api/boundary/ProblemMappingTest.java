package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

    @Test
    void findsTheProblemInsideContainerWrappers() {
        DomainException conflict = DomainException.conflict("exists");
        EJBException wrapped = new EJBException(new RuntimeException(conflict));
        assertThat(ProblemMapping.unwrap(wrapped)).isSameAs(conflict);
    }

    @Test
    void aBodyOverTheLimitOutranksTheParseErrorItCaused() {
        RequestTooLarge tooLarge = new RequestTooLarge(10);
        Throwable parserView = new ProcessingException(new JsonbException("bad", new JsonException("io", tooLarge)));
        assertThat(ProblemMapping.unwrap(parserView)).isSameAs(tooLarge);
    }

    @Test
    void malformedJsonIsFoundBehindTheRuntimeWrapper() {
        JsonbException json = new JsonbException("unexpected end");
        assertThat(ProblemMapping.unwrap(new ProcessingException(json))).isSameAs(json);
    }

    @Test
    void anUnknownFailureStaysItself() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThat(ProblemMapping.unwrap(failure)).isSameAs(failure);
    }

    @Test
    void everyReasonOfTheDomainHasAnErrorStatus() {
        assertThat(ProblemMapping.status(DomainException.notFound("x").reason()))
                .isEqualTo(404);
        assertThat(ProblemMapping.status(DomainException.invalid("x").reason())).isEqualTo(400);
        for (DomainException.Reason reason : DomainException.Reason.values()) {
            assertThat(ProblemMapping.status(reason)).as(reason.name()).isBetween(400, 599);
        }
    }

    @Test
    void aMalformedBodySaysWhatTheBindingFoundOnOneShortLine() {
        assertThat(ProblemMapping.malformed(new JsonbException("Unknown property 'cuont'\nat line 1")))
                .isEqualTo("the request body is not the JSON this operation expects: Unknown property 'cuont'");
        assertThat(ProblemMapping.malformed(new JsonbException("x".repeat(400))))
                .hasSizeLessThan(400);
        assertThat(ProblemMapping.malformed(new JsonbException(null)))
                .isEqualTo("the request body is not the JSON this operation expects");
        assertThat(ProblemMapping.malformed(new JsonbException(
                        "Unable to deserialize property 'budget'", new JsonbException("a whole number"))))
                .endsWith("Unable to deserialize property 'budget': a whole number");
    }
}
