package io.mabeam.foundation.coordination.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.coordination.entity.StaleFencingToken;
import io.mabeam.foundation.persistence.control.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class FencesTest {

    static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:fences;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        new SchemaMigrator(H2).migrate();
    }

    final Fences fences = new Fences();

    @Test
    void aLaterTokenIsAdmittedAnEarlierOneRefused() throws SQLException {
        try (Connection connection = H2.getConnection()) {
            fences.guard(connection, "study-1/best", 5);
            fences.guard(connection, "study-1/best", 5);
            fences.guard(connection, "study-1/best", 7);
            assertThatThrownBy(() -> fences.guard(connection, "study-1/best", 6))
                    .isInstanceOf(StaleFencingToken.class)
                    .hasMessageContaining("seen fencing token 7");
            assertThat(fences.seen(connection, "study-1/best")).hasValue(7);
            assertThat(fences.seen(connection, "other")).isEmpty();
            assertThatThrownBy(() -> fences.guard(connection, "bad name", 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fences.guard(connection, "ok", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void advancingGivesEachTermAHigherTokenAndRefusesTheWritesOfEarlierTerms() throws SQLException {
        try (Connection connection = H2.getConnection()) {
            String role = "leader:advance-" + System.nanoTime();
            assertThat(fences.advance(connection, role)).isEqualTo(1);
            assertThat(fences.advance(connection, role)).isEqualTo(2);
            fences.guard(connection, role, 2);
            long third = fences.advance(connection, role);
            assertThat(third).isEqualTo(3);
            assertThatThrownBy(() -> fences.guard(connection, role, 2)).isInstanceOf(StaleFencingToken.class);
            assertThatThrownBy(() -> fences.advance(connection, "no spaces"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 50)
    void theRememberedTokenIsTheHighestAdmittedAndOnlyNonDecreasingWritesPass(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 50) Long> tokens) throws SQLException {
        String resource = "p-" + System.nanoTime();
        long highest = 0;
        List<Long> admitted = new ArrayList<>();
        try (Connection connection = H2.getConnection()) {
            for (long token : tokens) {
                try {
                    fences.guard(connection, resource, token);
                    admitted.add(token);
                    assertThat(token).isGreaterThanOrEqualTo(highest);
                    highest = token;
                } catch (StaleFencingToken refused) {
                    assertThat(token).isLessThan(highest);
                }
            }
            assertThat(fences.seen(connection, resource)).hasValue(highest);
        }
        assertThat(admitted).isSorted();
    }
}
