package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void readsStrongAndWeakVersionsAndRefusesAnythingElse() {
        assertThat(IfMatch.version(null)).isNull();
        assertThat(IfMatch.version("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.version(" W/\"12\" ")).isEqualTo(12L);
        assertThatThrownBy(() -> IfMatch.version("\"abc\""))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).reason()).isEqualTo(DomainException.Reason.INVALID));
    }
}
