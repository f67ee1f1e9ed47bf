package io.mabeam.consensus.control;

import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.CastVote;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.consensus.entity.ProposalStatus;
import io.mabeam.consensus.entity.Vote;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Proposals and votes in tables {@code proposal} and {@code proposal_vote}, in the caller's transaction. */
public final class ProposalStore {

    private static final String COLUMNS = "id, title, terms_json, rule_json, electorate_json, round_timeout_ms,"
            + " max_rounds, round, status, round_closes_at, rounds_json, node, created_by, created_at, decided_at";

    public void insert(Connection connection, Proposal proposal) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into proposal (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, proposal.id());
            insert.setString(2, proposal.title());
            insert.setString(3, proposal.terms().toString());
            insert.setString(4, ConsensusJson.rule(proposal.rule()).toString());
            insert.setString(
                    5, Json.createArrayBuilder(proposal.electorate()).build().toString());
            insert.setLong(6, proposal.roundTimeout().toMillis());
            insert.setInt(7, proposal.maxRounds());
            insert.setInt(8, proposal.round());
            insert.setString(9, proposal.status().wireName());
            insert.setTimestamp(10, Timestamp.from(proposal.roundClosesAt()));
            insert.setString(11, proposal.rounds().toString());
            insert.setString(12, proposal.node());
            insert.setString(13, proposal.createdBy());
            insert.setTimestamp(14, Timestamp.from(proposal.createdAt()));
            insert.setTimestamp(15, null);
            insert.executeUpdate();
        }
    }

    /** Writes the mutable part: round, terms, status, deadline, rounds, decision time, the node driving it. */
    public void update(Connection connection, Proposal proposal) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update proposal set terms_json = ?, round = ?,"
                + " status = ?, round_closes_at = ?, rounds_json = ?, decided_at = ?, node = ? where id = ?")) {
            update.setString(1, proposal.terms().toString());
            update.setInt(2, proposal.round());
            update.setString(3, proposal.status().wireName());
            update.setTimestamp(4, Timestamp.from(proposal.roundClosesAt()));
            update.setString(5, proposal.rounds().toString());
            update.setTimestamp(6, proposal.decidedAt() == null ? null : Timestamp.from(proposal.decidedAt()));
            update.setString(7, proposal.node());
            update.setString(8, proposal.id());
            update.executeUpdate();
        }
    }

    public Optional<Proposal> find(Connection connection, String id, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from proposal where id = ?" + (lock ? " for update" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(proposal(rows)) : Optional.empty();
            }
        }
    }

    public List<Proposal> list(Connection connection, ProposalStatus status, int limit) throws SQLException {
        String where = status == null ? "" : " where status = ?";
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from proposal" + where + " order by created_at desc, id")) {
            select.setMaxRows(limit);
            if (status != null) {
                select.setString(1, status.wireName());
            }
            List<Proposal> proposals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    proposals.add(proposal(rows));
                }
            }
            return proposals;
        }
    }

    /** Open proposals whose round deadline is before {@code before}, and of which node. */
    public List<String> overdue(Connection connection, Instant before, String node) throws SQLException {
        String sql = "select id from proposal where status = 'open' and round_closes_at < ?"
                + (node == null ? "" : " and node = ?") + " order by round_closes_at";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setMaxRows(100);
            select.setTimestamp(1, Timestamp.from(before));
            if (node != null) {
                select.setString(2, node);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** @return false when the agent has a vote in the round already (nothing written) */
    public boolean insertVote(Connection connection, CastVote cast) throws SQLException {
        if (votes(connection, cast.proposal(), cast.round()).stream()
                .anyMatch(v -> v.vote().agent().equals(cast.vote().agent()))) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into proposal_vote (proposal_id, round,"
                        + " agent, ballot, weight, counter_json, reason, cast_by, cast_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, cast.proposal());
            insert.setInt(2, cast.round());
            insert.setString(3, cast.vote().agent());
            insert.setString(4, cast.vote().ballot().wireName());
            insert.setDouble(5, cast.vote().weight());
            insert.setString(
                    6,
                    cast.vote().counter().isEmpty()
                            ? null
                            : ConsensusJson.terms(cast.vote().counter()).toString());
            insert.setString(
                    7,
                    cast.vote().reason().length() > 500
                            ? cast.vote().reason().substring(0, 500)
                            : cast.vote().reason());
            insert.setString(8, cast.castBy());
            insert.setTimestamp(9, Timestamp.from(cast.castAt()));
            insert.executeUpdate();
            return true;
        }
    }

    /** The votes of a round (all rounds when {@code round} is 0), by round then time. */
    public List<CastVote> votes(Connection connection, String proposal, int round) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select proposal_id, round, agent, ballot, weight,"
                + " counter_json, reason, cast_by, cast_at from proposal_vote where proposal_id = ?"
                + (round > 0 ? " and round = ?" : "") + " order by round, cast_at, agent")) {
            select.setString(1, proposal);
            if (round > 0) {
                select.setInt(2, round);
            }
            List<CastVote> votes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String counter = rows.getString(6);
                    Vote vote = new Vote(
                            rows.getString(3),
                            Ballot.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                            rows.getDouble(5),
                            counter == null ? java.util.Map.of() : ConsensusJson.terms(object(counter)),
                            rows.getString(7));
                    votes.add(new CastVote(
                            rows.getString(1),
                            rows.getInt(2),
                            vote,
                            rows.getString(8),
                            rows.getTimestamp(9).toInstant()));
                }
            }
            return votes;
        }
    }

    private static Proposal proposal(ResultSet rows) throws SQLException {
        Timestamp decided = rows.getTimestamp(15);
        JsonArray electorate =
                Json.createReader(new StringReader(rows.getString(5))).readArray();
        return new Proposal(
                rows.getString(1),
                rows.getString(2),
                object(rows.getString(3)),
                ConsensusJson.rule(object(rows.getString(4))),
                electorate.getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList(),
                Duration.ofMillis(rows.getLong(6)),
                rows.getInt(7),
                rows.getInt(8),
                ProposalStatus.fromWire(rows.getString(9)).orElseThrow(),
                rows.getTimestamp(10).toInstant(),
                Json.createReader(new StringReader(rows.getString(11))).readArray(),
                rows.getString(12),
                rows.getString(13),
                rows.getTimestamp(14).toInstant(),
                decided == null ? null : decided.toInstant());
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
