package io.mabeam.foundation.persistence.control;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work on a connection of the application's data source, with the same translation everywhere: a
 * control's {@link IllegalArgumentException} (the caller's bad input) becomes a 400 problem, a database
 * failure an {@link EJBException} that rolls the transaction back.
 */
public final class Jdbc {

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    public static <T> T inConnection(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (IllegalArgumentException invalid) {
            throw DomainException.invalid(invalid.getMessage());
        } catch (SQLException e) {
            throw new EJBException(failure, e);
        }
    }
}
