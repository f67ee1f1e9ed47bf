package io.mabeam.foundation.persistence.control;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work on a connection of the application's data source, with the same translation everywhere: a database
 * failure becomes an {@link EJBException} that rolls the transaction back, described by what failed. Whatever
 * else the work throws (a {@link DomainException}, say) passes through unchanged. {@link #validated} also turns a
 * control's {@link IllegalArgumentException} (the caller's bad input) into an invalid-input problem.
 */
public final class Jdbc {

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public interface VoidWork {
        void run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    /** What {@code work} answers on a connection of its own. */
    public static <T> T inConnection(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new EJBException(failure, e);
        }
    }

    /** {@code work} on a connection of its own, answering nothing. */
    public static void useConnection(DataSource dataSource, String failure, VoidWork work) {
        inConnection(dataSource, failure, connection -> {
            work.run(connection);
            return null;
        });
    }

    /** As {@link #inConnection}, where an {@link IllegalArgumentException} is the caller's bad input. */
    public static <T> T validated(DataSource dataSource, String failure, Work<T> work) {
        try {
            return inConnection(dataSource, failure, work);
        } catch (IllegalArgumentException invalid) {
            throw DomainException.invalid(invalid.getMessage());
        }
    }
}
