package io.mabeam.foundation.coordination.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.api.boundary.OptionalBodyReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoordinationBodiesTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> violations(Object body) {
        return VALIDATOR.validate(body).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void aLatchCountIsRequiredAndNotNegative() {
        assertThat(violations(OptionalBodyReader.read(LatchesResource.LatchCount.class, "{\"count\":2}")))
                .isEmpty();
        assertThat(violations(OptionalBodyReader.read(LatchesResource.LatchCount.class, "{}")))
                .containsExactly("count");
        assertThat(violations(OptionalBodyReader.read(LatchesResource.LatchCount.class, "{\"count\":-1}")))
                .containsExactly("count");
    }

    @Test
    void anArrivalNeedsPartiesFromOne() {
        BarriersResource.Arrival arrival =
                OptionalBodyReader.read(BarriersResource.Arrival.class, "{\"participant\":\"t-1\",\"parties\":2}");
        assertThat(violations(arrival)).isEmpty();
        assertThat(arrival.wait).isEqualTo(Duration.ZERO);
        assertThat(violations(OptionalBodyReader.read(
                        BarriersResource.Arrival.class, "{\"participant\":\"t-1\",\"parties\":0}")))
                .containsExactly("parties");
    }

    @Test
    void permitsAreRequiredAndNotNegative() {
        assertThat(violations(OptionalBodyReader.read(SemaphoresResource.Permits.class, "{\"permits\":-3}")))
                .containsExactly("permits");
    }

    @Test
    void aLeaseAndALatchWaitTakeTheirDefaultsFromAnEmptyBody() {
        CoordinationResource.LeaseRequest lease = OptionalBodyReader.read(CoordinationResource.LeaseRequest.class, "");
        assertThat(lease.wait).isEqualTo(Duration.ZERO);
        assertThat(lease.ttl).isEqualTo(Duration.ofSeconds(30));
        assertThat(OptionalBodyReader.read(LatchesResource.LatchWait.class, "").wait)
                .isEqualTo(Duration.ZERO);
        assertThat(OptionalBodyReader.read(CoordinationResource.Fence.class, "").token)
                .isNull();
    }
}
