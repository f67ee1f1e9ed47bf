package io.mabeam.foundation.persistence.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcTest {

    private final AtomicBoolean closed = new AtomicBoolean();

    private final Connection connection = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                    closed.set(true);
                }
                return null;
            });

    private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    return connection;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void answersWhatTheWorkAnswersAndClosesTheConnection() {
        boolean same = Jdbc.inConnection(dataSource, "never", c -> c == connection);
        assertThat(same).isTrue();
        assertThat(closed).isTrue();
    }

    @Test
    void aDatabaseFailureBecomesAnEjbExceptionDescribedByWhatFailed() {
        SQLException cause = new SQLException("boom", "08000");
        assertThatThrownBy(() -> Jdbc.useConnection(dataSource, "writing x failed", c -> {
                    throw cause;
                }))
                .isInstanceOf(EJBException.class)
                .hasMessage("writing x failed")
                .hasCause(cause);
        assertThat(closed).isTrue();
    }

    @Test
    void aCallerMayTranslateTheFailureItself() {
        SQLException cause = new SQLException("duplicate", "23505");
        assertThatThrownBy(
                        () -> Jdbc.inConnection(dataSource, e -> new IllegalStateException(e.getSQLState(), e), c -> {
                            throw cause;
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("23505")
                .hasCause(cause);
    }

    @Test
    void otherFailuresPassThroughAndValidatedTurnsBadInputIntoAProblem() {
        DomainException conflict = DomainException.conflict("taken");
        assertThatThrownBy(() -> Jdbc.inConnection(dataSource, "never", c -> {
                    throw conflict;
                }))
                .isSameAs(conflict);
        assertThatThrownBy(() -> Jdbc.validated(dataSource, "never", c -> {
                    throw new IllegalArgumentException("no such thing");
                }))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("no such thing");
    }
}
