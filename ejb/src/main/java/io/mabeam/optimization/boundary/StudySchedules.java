package io.mabeam.optimization.boundary;

import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.entity.Roles;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.optimization.control.CronExpressions;
import io.mabeam.optimization.control.ObjectiveNames;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudySchedule;
import io.mabeam.optimization.entity.TrialState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Scheduled study runs. Schedules live in the database; every node keeps a platform calendar timer for each
 * (reconciled with the table every few seconds, so a schedule set on one node reaches all), and when a timer
 * fires only the leader of role {@code study-scheduler} starts the run, once per firing time (a
 * compare-and-set on the schedule's row guards a leadership change at that instant).
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StudySchedules {

    private static final Logger LOG = Logger.getLogger(StudySchedules.class.getName());
    private static final String RECONCILE = "reconcile-schedules";
    private static final String PREFIX = "schedule:";
    static final long RECONCILE_MILLIS = 5_000;

    @Resource
    TimerService timers;

    @Resource
    SessionContext session;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Leadership leadership;

    @EJB
    OptimizationJobs jobs;

    @EJB
    Studies studies;

    @EJB
    Events events;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(RECONCILE_MILLIS, RECONCILE_MILLIS, new TimerConfig(RECONCILE, false));
    }

    /**
     * Sets (or replaces) a study's schedule.
     *
     * @throws DomainException 400 for a bad cron expression or plan, 404 for an unknown study
     */
    public StudySchedule set(
            String study, String cron, int trials, int parallelism, String objective, Duration trialTimeout) {
        StudyDefinition definition = studies.study(study);
        ScheduleExpression expression;
        try {
            expression = CronExpressions.parse(cron);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (trials < 1 || trials > 10_000 || parallelism < 1 || parallelism > 16) {
            throw DomainException.invalid("a scheduled run has 1 to 10000 trials and 1 to 16 trainers");
        }
        if (!ObjectiveNames.valid(objective)) {
            throw DomainException.invalid(ObjectiveNames.HINT);
        }
        if (trialTimeout.isNegative() || trialTimeout.isZero()) {
            throw DomainException.invalid("trialTimeout is a positive ISO-8601 duration");
        }
        long version = get(study).map(s -> s.version() + 1).orElse(1L);
        Timer timer;
        try {
            timer = timers.createCalendarTimer(expression, new TimerConfig(PREFIX + study + ":" + version, false));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("the cron expression is not a schedule: " + e.getMessage());
        }
        StudySchedule schedule = new StudySchedule(
                study,
                cron.strip(),
                trials,
                parallelism,
                objective,
                trialTimeout,
                version,
                null,
                null,
                CallerNames.of(session.getCallerPrincipal()),
                Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            delete(connection, study);
            try (PreparedStatement insert = connection.prepareStatement("insert into study_schedule (study_id, study,"
                    + " cron, trials, parallelism, objective, trial_timeout, version, created_by, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, definition.id());
                insert.setString(2, study);
                insert.setString(3, schedule.cron());
                insert.setInt(4, trials);
                insert.setInt(5, parallelism);
                insert.setString(6, objective);
                insert.setString(7, trialTimeout.toString());
                insert.setLong(8, version);
                insert.setString(9, schedule.createdBy());
                insert.setTimestamp(10, Timestamp.from(schedule.createdAt()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            timer.cancel();
            throw new EJBException("storing the schedule of " + study + " failed", e);
        }
        events.record(
                "study:" + study,
                "ScheduleSet",
                Json.createObjectBuilder()
                        .add("cron", schedule.cron())
                        .add("trials", trials)
                        .add("parallelism", parallelism)
                        .add("objective", objective)
                        .add("version", version)
                        .build());
        reconcile();
        return schedule;
    }

    /** @throws DomainException 404 when the study has no schedule */
    public void remove(String study) {
        Jdbc.useConnection(dataSource, "removing the schedule of " + study + " failed", connection -> {
            if (!delete(connection, study)) {
                throw DomainException.notFound("study " + study + " has no schedule");
            }
        });
        events.record(
                "study:" + study, "ScheduleRemoved", Json.createObjectBuilder().build());
        reconcile();
    }

    public Optional<StudySchedule> get(String study) {
        return all().stream().filter(s -> s.study().equals(study)).findFirst();
    }

    public List<StudySchedule> all() {
        List<StudySchedule> schedules = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select study, cron, trials, parallelism,"
                        + " objective, trial_timeout, version, last_fired_at, last_execution, created_by, created_at"
                        + " from study_schedule order by study");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Timestamp fired = rows.getTimestamp(8);
                long execution = rows.getLong(9);
                schedules.add(new StudySchedule(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getInt(3),
                        rows.getInt(4),
                        rows.getString(5),
                        Duration.parse(rows.getString(6)),
                        rows.getLong(7),
                        fired == null ? null : fired.toInstant(),
                        rows.wasNull() ? null : execution,
                        rows.getString(10),
                        rows.getTimestamp(11).toInstant()));
            }
        } catch (SQLException e) {
            throw new EJBException("reading schedules failed", e);
        }
        return schedules;
    }

    /** When this node's timer for the study's schedule fires next. */
    public Optional<Instant> next(String study) {
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof String info && info.startsWith(PREFIX + study + ":")) {
                try {
                    return Optional.of(timer.getNextTimeout().toInstant());
                } catch (RuntimeException expired) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Timeout
    void timeout(Timer timer) {
        if (!(timer.getInfo() instanceof String info)) {
            return;
        }
        try {
            if (info.equals(RECONCILE)) {
                reconcile();
            } else if (info.startsWith(PREFIX)) {
                int colon = info.lastIndexOf(':');
                fire(info.substring(PREFIX.length(), colon), Long.parseLong(info.substring(colon + 1)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "timer " + info + " failed");
        }
    }

    /** Starts the scheduled run on the leader only, once per firing time. */
    void fire(String study, long version) {
        if (!leadership.isLeading(Roles.SCHEDULER)) {
            return;
        }
        StudySchedule schedule = get(study).orElse(null);
        if (schedule == null || schedule.version() != version) {
            return;
        }
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (!claim(study, version, slot)) {
            return;
        }
        long spent = studies.trials(study).stream()
                .filter(t -> t.state() != TrialState.WAITING)
                .count();
        int budget = (int) Math.min(100_000, spent + schedule.trials());
        try {
            long execution = jobs.start(new OptimizationJobs.Plan(
                    study, budget, schedule.parallelism(), schedule.objective(), schedule.trialTimeout()));
            setLastExecution(study, execution);
            events.record(
                    "study:" + study,
                    "ScheduleFired",
                    Json.createObjectBuilder()
                            .add("executionId", execution)
                            .add("budget", budget)
                            .add("at", slot.toString())
                            .build());
        } catch (DomainException e) {
            events.record(
                    "study:" + study,
                    "ScheduleSkipped",
                    Json.createObjectBuilder()
                            .add("reason", e.getMessage())
                            .add("at", slot.toString())
                            .build());
        }
    }

    private boolean claim(String study, long version, Instant slot) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update study_schedule set last_fired_at = ?"
                        + " where study = ? and version = ? and (last_fired_at is null or last_fired_at < ?)")) {
            update.setTimestamp(1, Timestamp.from(slot));
            update.setString(2, study);
            update.setLong(3, version);
            update.setTimestamp(4, Timestamp.from(slot));
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EJBException("claiming the run of " + study + " at " + slot + " failed", e);
        }
    }

    private void setLastExecution(String study, long execution) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update study_schedule set last_execution = ? where study = ?")) {
            update.setLong(1, execution);
            update.setString(2, study);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException("recording the run of " + study + " failed", e);
        }
    }

    /** Makes this node's timers match the table: one per schedule version. */
    public void reconcile() {
        Map<String, StudySchedule> wanted = new HashMap<>();
        for (StudySchedule schedule : all()) {
            wanted.put(PREFIX + schedule.study() + ":" + schedule.version(), schedule);
        }
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof String info && info.startsWith(PREFIX)) {
                if (wanted.remove(info) == null) {
                    timer.cancel();
                }
            }
        }
        for (Map.Entry<String, StudySchedule> missing : wanted.entrySet()) {
            try {
                timers.createCalendarTimer(
                        CronExpressions.parse(missing.getValue().cron()), new TimerConfig(missing.getKey(), false));
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "schedule " + missing.getKey() + " cannot be timed: " + e.getMessage());
            }
        }
    }

    private static boolean delete(Connection connection, String study) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from study_schedule where study = ?")) {
            delete.setString(1, study);
            return delete.executeUpdate() > 0;
        }
    }
}
