package io.mabeam.foundation.config.boundary;

import io.mabeam.foundation.config.control.ConfigEvents;
import io.mabeam.foundation.config.control.ConfigStore;
import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigDiff;
import io.mabeam.foundation.config.entity.ConfigEntry;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigSetting;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The config server's write side and history. A setting is declared with a schema before it takes
 * values; every value is checked against it, appended as an event to the setting's stream
 * ({@code config:<key>}, whose version is the setting's version) and stored as the current value in
 * the same transaction. Rollback appends the old value again, so history only grows.
 */
@Stateless
public class ConfigServer {

    public static final int LONGEST_COMMENT = 500;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    final ConfigStore store = new ConfigStore();

    /**
     * Declares a setting or changes its schema. Built-in settings belong to the platform; a schema that
     * the current value would not fit is refused.
     *
     * @return whether anything changed
     */
    public boolean declare(ConfigSchema schema, boolean builtIn) {
        return run(connection -> {
            var existing = store.schema(connection, schema.key());
            boolean existingBuiltIn = existing.isPresent() && store.builtIn(connection, schema.key());
            if (existing.isPresent() && existing.get().equals(schema) && existingBuiltIn == builtIn) {
                return false;
            }
            if (existingBuiltIn && !builtIn) {
                throw DomainException.conflict(schema.key() + " is built in; its schema comes with the platform");
            }
            ConfigEntry current = store.entry(connection, schema.key());
            if (current.isSet() && !schema.accepts(current.value())) {
                throw DomainException.conflict("the current value of " + schema.key() + " (" + current.value()
                        + ") would not fit that schema; change the value first");
            }
            store.declare(connection, schema, builtIn, CallerNames.of(session.getCallerPrincipal()));
            events.append(
                    ConfigEvents.SCHEMA_STREAM_PREFIX + schema.key(),
                    ExpectedVersion.ANY,
                    List.of(ConfigEvents.declared(schema, builtIn)),
                    null,
                    null);
            return true;
        });
    }

    public List<ConfigSetting> settings() {
        return run(connection -> {
            Map<String, ConfigEntry> entries =
                    store.entries(connection).stream().collect(Collectors.toMap(ConfigEntry::key, Function.identity()));
            List<ConfigSetting> all = new ArrayList<>();
            for (ConfigSchema schema : store.schemas(connection)) {
                all.add(new ConfigSetting(
                        schema,
                        entries.getOrDefault(schema.key(), ConfigEntry.unset(schema.key())),
                        store.builtIn(connection, schema.key())));
            }
            return all;
        });
    }

    public ConfigSetting setting(String key) {
        return run(connection -> new ConfigSetting(
                schemaOf(connection, key), store.entry(connection, key), store.builtIn(connection, key)));
    }

    /**
     * Gives a setting a value, checked against its schema. Setting the value it has changes nothing.
     *
     * @param expectedVersion the version the caller saw, or null for whatever is there
     */
    public ConfigSetting set(String key, String value, Long expectedVersion, String comment) {
        return run(connection -> {
            ConfigSchema schema = schemaOf(connection, key);
            String canonical = schema.checked(value);
            return change(connection, schema, canonical, expectedVersion, comment, null);
        });
    }

    /** Removes a setting's value, so its default applies again. */
    public ConfigSetting unset(String key, Long expectedVersion, String comment) {
        return run(connection -> change(connection, schemaOf(connection, key), null, expectedVersion, comment, null));
    }

    /** Gives a setting the value it had at an earlier version again, as a new version. */
    public ConfigSetting rollback(String key, long version, Long expectedVersion, String comment) {
        return run(connection -> {
            ConfigSchema schema = schemaOf(connection, key);
            ConfigChange earlier = versionOf(key, version);
            if (earlier.value() != null && !schema.accepts(earlier.value())) {
                throw DomainException.conflict("version " + version + " of " + key + " (" + earlier.value()
                        + ") does not fit the schema the setting has now");
            }
            String why = comment != null ? comment : "rollback to version " + version;
            return change(connection, schema, earlier.value(), expectedVersion, why, version);
        });
    }

    /** A setting's versions, newest first (at most {@code limit}). */
    public List<ConfigChange> history(String key, int limit) {
        run(connection -> schemaOf(connection, key));
        String stream = ConfigEvents.STREAM_PREFIX + key;
        long last = events.version(stream);
        if (last < 0) {
            return List.of();
        }
        return events.readStream(stream, last, false, limit).stream()
                .map(ConfigEvents::change)
                .toList();
    }

    public ConfigDiff diff(String key, long from, long to) {
        run(connection -> schemaOf(connection, key));
        return new ConfigDiff(key, versionOf(key, from), versionOf(key, to));
    }

    private ConfigChange versionOf(String key, long version) {
        List<RecordedEvent> found = events.readStream(ConfigEvents.STREAM_PREFIX + key, version, true, 1);
        if (found.isEmpty() || found.get(0).version() != version) {
            throw DomainException.notFound(key + " has no version " + version);
        }
        return ConfigEvents.change(found.get(0));
    }

    private ConfigSetting change(
            Connection connection,
            ConfigSchema schema,
            String value,
            Long expectedVersion,
            String comment,
            Long restoredVersion)
            throws SQLException {
        if (comment != null && comment.length() > LONGEST_COMMENT) {
            throw DomainException.invalid("a comment is at most " + LONGEST_COMMENT + " characters");
        }
        ConfigEntry current = store.entry(connection, schema.key());
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new DomainException(
                    DomainException.Reason.STALE,
                    "Precondition Failed",
                    schema.key() + " is at version " + current.version() + ", not " + expectedVersion
                            + "; nothing changed");
        }
        if (Objects.equals(value, current.value())) {
            return new ConfigSetting(schema, current, store.builtIn(connection, schema.key()));
        }
        ExpectedVersion expected =
                current.version() < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(current.version());
        AppendResult appended = events.append(
                ConfigEvents.STREAM_PREFIX + schema.key(),
                expected,
                List.of(ConfigEvents.changed(schema.key(), value, current.value(), comment, restoredVersion)),
                null,
                null);
        ConfigEntry entry = new ConfigEntry(
                schema.key(),
                value,
                appended.lastVersion(),
                CallerNames.of(session.getCallerPrincipal()),
                Instant.now());
        store.store(connection, entry);
        return new ConfigSetting(schema, entry, store.builtIn(connection, schema.key()));
    }

    private ConfigSchema schemaOf(Connection connection, String key) throws SQLException {
        return store.schema(connection, key)
                .orElseThrow(() -> DomainException.notFound("no setting '" + key + "' is declared"));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.validated(dataSource, "the config store failed", work);
    }
}
