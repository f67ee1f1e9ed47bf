package io.mabeam.foundation.coordination.control;

import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.spi.JsonProvider;
import javax.sql.DataSource;

/**
 * Terms of leadership in the database: a new term raises the role's epoch (the fencing token of resource
 * {@code leader:<role>}) and records {@code LeaderElected} in stream {@code coordination:leaders} in one
 * transaction, so the audit trail and the fence never disagree.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LeaderTerms {

    public static final String STREAM = "coordination:leaders";
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Events events;

    final Fences fences = new Fences();

    /** Starts a term for this node and answers its epoch. */
    public long begin(String role, String nodeName, String member, String predecessor) {
        long epoch = Jdbc.inConnection(
                dataSource,
                "starting a term of " + role + " failed",
                connection -> fences.advance(connection, LeaderElection.termResource(role)));
        var payload = JSON.createObjectBuilder()
                .add("role", role)
                .add("node", nodeName)
                .add("member", member)
                .add("epoch", epoch);
        if (predecessor != null) {
            payload.add("predecessor", predecessor);
        }
        events.record(STREAM, "LeaderElected", payload.build());
        return epoch;
    }

    /** Records that this node's term ended, and why. */
    public void end(String role, String nodeName, String member, long epoch, String reason) {
        events.record(
                STREAM,
                "LeaderSteppedDown",
                JSON.createObjectBuilder()
                        .add("role", role)
                        .add("node", nodeName)
                        .add("member", member)
                        .add("epoch", epoch)
                        .add("reason", reason)
                        .build());
    }
}
