package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.coordination.control.Fences;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Fenced resources for callers: {@link #guard} in the caller's transaction admits a write whose lock token
 * is current and refuses ({@code StaleFencingToken}, rolling back) one from an earlier lock holder.
 */
@Stateless
public class FencedResources {

    @EJB
    Cluster cluster;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    final Fences fences = new Fences();

    /**
     * @throws DomainException 503 on a node that sees fewer members than the quorum (the minority side of a
     *     partition), whose lock holders and leaders may already have been replaced on the other side
     */
    public void guard(String resource, long token) {
        if (!cluster.hasQuorum()) {
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE,
                    "No quorum",
                    "this node sees " + cluster.membersOldestFirst().size() + " member(s) but acts for the cluster "
                            + "only with " + cluster.quorum() + "; fenced writes are refused on the minority side");
        }
        Jdbc.validated(dataSource, "checking the fencing token of " + resource + " failed", connection -> {
            fences.guard(connection, resource, token);
            return null;
        });
    }

    public OptionalLong seen(String resource) {
        return Jdbc.inConnection(
                dataSource,
                "reading the fencing token of " + resource + " failed",
                connection -> fences.seen(connection, resource));
    }
}
