package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.problems.Problem;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

    @Test
    void findsTheProblemInsideContainerWrappers() {
        Problem conflict = Problem.conflict("exists");
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
    void problemsOnlyCarryErrorStatuses() {
        assertThat(Problem.notFound("x").status()).isEqualTo(404);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Problem(200, "OK", "fine"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
