package io.mabeam.optimization.control;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudySummary;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Studies and trials in tables {@code optimization_study} and {@code optimization_trial}, in the caller's
 * transaction. {@link #lock} takes the study row for update: asks hold it while the sampler answers, so trial
 * numbers are handed out once each, in order, whichever node asks.
 */
public class StudyStore {

    private static final String STUDY_COLUMNS = "id, name, directions, search_space, sampler, pruner, seed, "
            + "heartbeat_millis, max_retries, user_attributes, created_by, created_at, bindings";
    private static final String TRIAL_COLUMNS = "number, state, parameters, objective_values, intermediates, "
            + "constraint_values, user_attributes, system_attributes, retry_of, worker, created_at, started_at, "
            + "heartbeat_at, finished_at";

    public long insert(Connection connection, StudyDefinition study) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into optimization_study (name, directions, search_space, sampler, pruner, seed, heartbeat_millis, "
                        + "max_retries, next_number, user_attributes, created_by, created_at, bindings) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, study.name());
            insert.setString(
                    2,
                    String.join(",", study.directions().stream().map(Enum::name).toList()));
            insert.setString(3, SearchSpaceJson.json(study.space()).toString());
            insert.setString(4, study.sampler());
            insert.setString(5, study.pruner());
            insert.setLong(6, study.seed());
            insert.setLong(7, study.heartbeat().toMillis());
            insert.setInt(8, study.maxRetries());
            insert.setString(9, study.userAttributes());
            insert.setString(10, study.createdBy());
            insert.setObject(11, utc(study.createdAt()));
            insert.setString(12, bindingsJson(study.bindings()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<StudyDefinition> find(Connection connection, String name) throws SQLException {
        return findStudy(connection, name, false);
    }

    /** The study, its row locked until the transaction ends (asks and enqueues take it). */
    /**
     * The study, locked or not.
     *
     * @throws DomainException 404 when there is none
     */
    public StudyDefinition existing(Connection connection, String name, boolean lock) throws SQLException {
        Optional<StudyDefinition> study = lock ? lock(connection, name) : find(connection, name);
        return study.orElseThrow(() -> DomainException.notFound("there is no study '" + name + "'"));
    }

    /** @throws DomainException 404 when the study has no such trial */
    public StoredTrial existingTrial(Connection connection, StudyDefinition study, long number) throws SQLException {
        return trial(connection, study, number)
                .orElseThrow(() -> DomainException.notFound("study " + study.name() + " has no trial " + number));
    }

    public Optional<StudyDefinition> lock(Connection connection, String name) throws SQLException {
        return findStudy(connection, name, true);
    }

    private Optional<StudyDefinition> findStudy(Connection connection, String name, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + STUDY_COLUMNS
                + " from optimization_study where name = ?" + (forUpdate ? " for update" : ""))) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(study(row)) : Optional.empty();
            }
        }
    }

    public List<StudySummary> list(Connection connection) throws SQLException {
        Map<Long, Map<TrialState, Long>> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "select study_id, state, count(*) from optimization_trial group by study_id, state");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                counts.computeIfAbsent(row.getLong(1), id -> new EnumMap<>(TrialState.class))
                        .put(TrialState.valueOf(row.getString(2)), row.getLong(3));
            }
        }
        List<StudySummary> studies = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "select " + STUDY_COLUMNS + " from optimization_study order by id");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                StudyDefinition study = study(row);
                studies.add(new StudySummary(study, counts.getOrDefault(study.id(), new EnumMap<>(TrialState.class))));
            }
        }
        return studies;
    }

    public boolean delete(Connection connection, long studyId) throws SQLException {
        try (PreparedStatement trials =
                        connection.prepareStatement("delete from optimization_trial where study_id = ?");
                PreparedStatement study = connection.prepareStatement("delete from optimization_study where id = ?")) {
            trials.setLong(1, studyId);
            trials.executeUpdate();
            study.setLong(1, studyId);
            return study.executeUpdate() == 1;
        }
    }

    /** The next trial number, taken (call with the study locked). */
    public long takeNumber(Connection connection, long studyId) throws SQLException {
        long number;
        try (PreparedStatement select =
                connection.prepareStatement("select next_number from optimization_study where id = ?")) {
            select.setLong(1, studyId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                number = row.getLong(1);
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("update optimization_study set next_number = ? where id = ?")) {
            update.setLong(1, number + 1);
            update.setLong(2, studyId);
            update.executeUpdate();
        }
        return number;
    }

    public void insert(Connection connection, long studyId, StoredTrial stored) throws SQLException {
        Trial trial = stored.trial();
        try (PreparedStatement insert = connection.prepareStatement("insert into optimization_trial (study_id, "
                + TRIAL_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, studyId);
            insert.setLong(2, trial.number());
            bindTrial(insert, 3, stored);
            insert.executeUpdate();
        }
    }

    /**
     * Writes the trial's new state if it is still in {@code expected} (the row is compared and set in one
     * statement, so of two concurrent tells one wins).
     *
     * @return whether the trial was in that state and is now updated
     */
    public boolean update(Connection connection, long studyId, StoredTrial stored, TrialState expected)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update optimization_trial set number = ?, state = ?, "
                        + "parameters = ?, objective_values = ?, intermediates = ?, constraint_values = ?, user_attributes = ?, "
                        + "system_attributes = ?, retry_of = ?, worker = ?, created_at = ?, started_at = ?, heartbeat_at = ?, "
                        + "finished_at = ? where study_id = ? and number = ? and state = ?")) {
            update.setLong(1, stored.number());
            bindTrial(update, 2, stored);
            update.setLong(15, studyId);
            update.setLong(16, stored.number());
            update.setString(17, expected.name());
            return update.executeUpdate() == 1;
        }
    }

    public boolean heartbeat(Connection connection, long studyId, long number, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update optimization_trial set heartbeat_at = ? "
                + "where study_id = ? and number = ? and state = 'RUNNING'")) {
            update.setObject(1, utc(at));
            update.setLong(2, studyId);
            update.setLong(3, number);
            return update.executeUpdate() == 1;
        }
    }

    public List<StoredTrial> trials(Connection connection, StudyDefinition study) throws SQLException {
        List<StoredTrial> trials = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select " + TRIAL_COLUMNS + " from optimization_trial where study_id = ? order by number")) {
            select.setLong(1, study.id());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    trials.add(trial(row, study.space()));
                }
            }
        }
        return trials;
    }

    public Optional<StoredTrial> trial(Connection connection, StudyDefinition study, long number) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + TRIAL_COLUMNS + " from optimization_trial where study_id = ? and number = ?")) {
            select.setLong(1, study.id());
            select.setLong(2, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(trial(row, study.space())) : Optional.empty();
            }
        }
    }

    /** The oldest waiting (enqueued) trial, or none. */
    public Optional<StoredTrial> oldestWaiting(Connection connection, StudyDefinition study) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + TRIAL_COLUMNS
                + " from optimization_trial where study_id = ? and state = 'WAITING' order by number")) {
            select.setLong(1, study.id());
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(trial(row, study.space())) : Optional.empty();
            }
        }
    }

    /** Names and numbers of running trials whose last heartbeat (or start) is older than their study allows. */
    public List<Map.Entry<String, Long>> stale(Connection connection, Instant now) throws SQLException {
        List<Map.Entry<String, Long>> stale = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select s.name, t.number, s.heartbeat_millis, "
                + "t.heartbeat_at from optimization_trial t join optimization_study s on s.id = t.study_id "
                + "where t.state = 'RUNNING'")) {
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Instant beat = row.getObject(4, OffsetDateTime.class).toInstant();
                    if (beat.plus(Duration.ofMillis(row.getLong(3))).isBefore(now)) {
                        stale.add(Map.entry(row.getString(1), row.getLong(2)));
                    }
                }
            }
        }
        return stale;
    }

    private static void bindTrial(PreparedStatement statement, int first, StoredTrial stored) throws SQLException {
        Trial trial = stored.trial();
        int i = first;
        statement.setString(i++, trial.state().name());
        statement.setString(i++, TrialJson.parameters(trial.parameters()).toString());
        statement.setString(
                i++,
                trial.values().isEmpty()
                        ? null
                        : TrialJson.numbers(trial.values()).toString());
        statement.setString(i++, TrialJson.intermediates(trial.intermediates()).toString());
        statement.setString(
                i++,
                trial.constraints().isEmpty()
                        ? null
                        : TrialJson.numbers(trial.constraints()).toString());
        statement.setString(i++, stored.userAttributes());
        statement.setString(i++, TrialJson.attributes(trial.systemAttributes()).toString());
        if (stored.retryOf() == null) {
            statement.setNull(i++, Types.BIGINT);
        } else {
            statement.setLong(i++, stored.retryOf());
        }
        statement.setString(i++, stored.worker());
        statement.setObject(i++, utc(stored.createdAt()));
        statement.setObject(i++, utc(stored.startedAt()));
        statement.setObject(i++, utc(stored.heartbeatAt()));
        statement.setObject(i, utc(stored.finishedAt()));
    }

    private static StudyDefinition study(ResultSet row) throws SQLException {
        return new StudyDefinition(
                row.getLong(1),
                row.getString(2),
                Arrays.stream(row.getString(3).split(","))
                        .map(Direction::valueOf)
                        .toList(),
                SearchSpaceJson.parse(TrialJson.object(row.getString(4))),
                row.getString(5),
                row.getString(6),
                row.getLong(7),
                Duration.ofMillis(row.getLong(8)),
                row.getInt(9),
                row.getString(10),
                row.getString(11),
                row.getObject(12, OffsetDateTime.class).toInstant(),
                bindings(row.getString(13)));
    }

    public static String bindingsJson(Map<String, StudyDefinition.Binding> bindings) {
        var json = jakarta.json.Json.createObjectBuilder();
        bindings.forEach((name, binding) -> json.add(name, binding.name()));
        return json.build().toString();
    }

    static Map<String, StudyDefinition.Binding> bindings(String text) {
        Map<String, StudyDefinition.Binding> bindings = new LinkedHashMap<>();
        TrialJson.object(text)
                .forEach((name, value) -> bindings.put(
                        name, StudyDefinition.Binding.valueOf(((jakarta.json.JsonString) value).getString())));
        return bindings;
    }

    private static StoredTrial trial(ResultSet row, SearchSpace space) throws SQLException {
        String values = row.getString(4);
        String constraints = row.getString(6);
        Trial trial = new Trial(
                row.getLong(1),
                TrialState.valueOf(row.getString(2)),
                TrialJson.parameters(space, TrialJson.object(row.getString(3))),
                values == null ? List.of() : TrialJson.numbers(TrialJson.array(values)),
                TrialJson.intermediates(TrialJson.object(row.getString(5))),
                constraints == null ? List.of() : TrialJson.numbers(TrialJson.array(constraints)),
                TrialJson.attributes(TrialJson.object(row.getString(8))));
        long retryOf = row.getLong(9);
        Long retried = row.wasNull() ? null : retryOf;
        return new StoredTrial(
                trial,
                row.getString(7),
                retried,
                row.getString(10),
                instant(row, 11),
                instant(row, 12),
                instant(row, 13),
                instant(row, 14));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
