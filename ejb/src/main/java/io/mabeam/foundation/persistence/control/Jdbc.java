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

    /** What a database failure becomes, for callers whose failure is not the usual {@link EJBException}. */
    public interface Failure {
        RuntimeException of(SQLException cause);
    }

    private Jdbc() {}

    /** What {@code work} answers on a connection of its own. */
    public static <T> T inConnection(DataSource dataSource, String failure, Work<T> work) {
        return inConnection(dataSource, cause -> new EJBException(failure, cause), work);
    }

    /** As {@link #inConnection(DataSource, String, Work)}, a database failure becoming what {@code failure} makes. */
    public static <T> T inConnection(DataSource dataSource, Failure failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure.of(e);
        }
    }

    /** {@code work} on a connection of its own, answering nothing. */
    public static void useConnection(DataSource dataSource, String failure, VoidWork work) {
        useConnection(dataSource, cause -> new EJBException(failure, cause), work);
    }

    /** As {@link #useConnection(DataSource, String, VoidWork)}, a database failure becoming what {@code failure} makes. */
    public static void useConnection(DataSource dataSource, Failure failure, VoidWork work) {
        inConnection(dataSource, failure, connection -> {
            work.run(connection);
            return null;
        });
    }

    /** As {@link #inConnection}, where an {@link IllegalArgumentException} is the caller's bad input. */
    public static <T> T validated(DataSource dataSource, String failure, Work<T> work) {
        return validated(dataSource, cause -> new EJBException(failure, cause), work);
    }

    /** As {@link #validated(DataSource, String, Work)}, a database failure becoming what {@code failure} makes. */
    public static <T> T validated(DataSource dataSource, Failure failure, Work<T> work) {
        try {
            return inConnection(dataSource, failure, work);
        } catch (IllegalArgumentException invalid) {
            throw DomainException.invalid(invalid.getMessage());
        }
    }
}
