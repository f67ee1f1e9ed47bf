package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.coordination.control.Fences;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.problems.Problem;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Fenced resources for callers: {@link #guard} in the caller's transaction admits a write whose lock token
 * is current and refuses ({@code StaleFencingToken}, rolling back) one from an earlier lock holder.
 */
@Stateless
public class FencedResources {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    final Fences fences = new Fences();

    public void guard(String resource, long token) {
        try (Connection connection = dataSource.getConnection()) {
            fences.guard(connection, resource, token);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        } catch (SQLException e) {
            throw new EJBException("checking the fencing token of " + resource + " failed", e);
        }
    }

    public OptionalLong seen(String resource) {
        try (Connection connection = dataSource.getConnection()) {
            return fences.seen(connection, resource);
        } catch (SQLException e) {
            throw new EJBException("reading the fencing token of " + resource + " failed", e);
        }
    }
}
