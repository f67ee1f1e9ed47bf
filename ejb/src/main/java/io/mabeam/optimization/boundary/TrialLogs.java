package io.mabeam.optimization.boundary;

import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * What trials' evaluations wrote (table {@code trial_log}): a Python worker's standard error and the platform's
 * notes about the evaluation (a timeout, a crash, a refusal). One entry per evaluation, read back in order.
 */
@Stateless
public class TrialLogs {

    @Resource(lookup = Database.JNDI_NAME)
    javax.sql.DataSource dataSource;

    /** Adds what one evaluation of trial {@code trial} of {@code study} wrote on {@code node}. */
    public void append(String study, long trial, String node, String content, int lines) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into trial_log (study_id, trial, node,"
                        + " content, lines_count, created_at) select id, ?, ?, ?, ?, ? from optimization_study"
                        + " where name = ?")) {
            insert.setLong(1, trial);
            insert.setString(2, node);
            insert.setString(3, content);
            insert.setInt(4, lines);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.setString(6, study);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException("writing the log of trial " + trial + " of " + study + " failed", e);
        }
    }

    /**
     * The log of a trial: every evaluation's entry in order, each headed by its node and time; empty when the
     * trial wrote nothing.
     *
     * @throws DomainException 404 for an unknown study or trial
     */
    public String read(String study, long trial) {
        return Jdbc.inConnection(
                dataSource, "reading the log of trial " + trial + " of " + study + " failed", connection -> {
                    try (PreparedStatement exists =
                            connection.prepareStatement("select 1 from optimization_trial t join"
                                    + " optimization_study s on s.id = t.study_id where s.name = ? and t.number = ?")) {
                        exists.setString(1, study);
                        exists.setLong(2, trial);
                        try (ResultSet rows = exists.executeQuery()) {
                            if (!rows.next()) {
                                throw DomainException.notFound("study " + study + " has no trial " + trial);
                            }
                        }
                    }
                    StringBuilder text = new StringBuilder();
                    try (PreparedStatement select = connection.prepareStatement("select l.node, l.created_at, l.content"
                            + " from trial_log l join optimization_study s on s.id = l.study_id where s.name = ?"
                            + " and l.trial = ? order by l.id")) {
                        select.setString(1, study);
                        select.setLong(2, trial);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                text.append("# ")
                                        .append(rows.getTimestamp(2).toInstant())
                                        .append(" on ")
                                        .append(rows.getString(1))
                                        .append('\n')
                                        .append(rows.getString(3));
                            }
                        }
                    }
                    return text.toString();
                });
    }
}
