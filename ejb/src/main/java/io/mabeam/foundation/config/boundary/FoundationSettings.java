package io.mabeam.foundation.config.boundary;

import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigType;
import java.math.BigDecimal;
import java.util.List;

/** The settings the Foundation itself reads through MicroProfile Config, declared at every start. */
public final class FoundationSettings {

    public static final List<ConfigSchema> ALL = List.of(
            new ConfigSchema(
                    "mabeam.api.max-body-bytes",
                    ConfigType.INTEGER,
                    BigDecimal.valueOf(1024),
                    BigDecimal.valueOf(64L * 1024 * 1024),
                    List.of(),
                    "1048576",
                    "Largest request body the REST API reads, in bytes; larger ones are refused with 413."),
            new ConfigSchema(
                    "mabeam.datasets.max-bytes",
                    ConfigType.INTEGER,
                    BigDecimal.valueOf(1024),
                    BigDecimal.valueOf(256L * 1024 * 1024),
                    List.of(),
                    "20971520",
                    "Largest CSV file a dataset upload takes, in bytes (also the request body limit for uploads)."),
            new ConfigSchema(
                    "mabeam.health.max-heap-ratio",
                    ConfigType.DECIMAL,
                    new BigDecimal("0.5"),
                    new BigDecimal("0.99"),
                    List.of(),
                    "0.95",
                    "Share of the maximum heap in use above which a node reports itself not live."),
            new ConfigSchema(
                    "mabeam.events.tail.poll-interval",
                    ConfigType.DURATION,
                    new BigDecimal("0.05"),
                    BigDecimal.valueOf(10),
                    List.of(),
                    "PT0.5S",
                    "How often a Server-Sent-Events tail of the event log looks for new events."),
            new ConfigSchema(
                    "mabeam.health.monitor.interval",
                    ConfigType.DURATION,
                    new BigDecimal("0.2"),
                    BigDecimal.valueOf(300),
                    List.of(),
                    "PT5S",
                    "How often the health monitor probes every component of a node."),
            new ConfigSchema(
                    "mabeam.alerts.webhook-url",
                    ConfigType.URL,
                    null,
                    null,
                    List.of(),
                    "",
                    "Where alerts go (a supervised task given up…) as JSON with a Slack-compatible \"text\"; "
                            + "empty: alerts are only recorded in stream alerts."),
            new ConfigSchema(
                    "mabeam.ratelimit.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    List.of(),
                    "true",
                    "Whether the REST API limits the rate of each client's requests (answering 429 beyond it)."),
            new ConfigSchema(
                    "mabeam.agents.alert.max-mailbox",
                    ConfigType.INTEGER,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(1_000_000),
                    List.of(),
                    "1000",
                    "Messages waiting in an agent's mailbox above which it raises an alert."),
            new ConfigSchema(
                    "mabeam.agents.alert.max-mean-micros",
                    ConfigType.INTEGER,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(3_600_000_000L),
                    List.of(),
                    "100000",
                    "Mean time an agent takes per message, in microseconds, above which it raises an alert."),
            new ConfigSchema(
                    "mabeam.agents.alert.min-success-rate",
                    ConfigType.DECIMAL,
                    BigDecimal.ZERO,
                    BigDecimal.ONE,
                    List.of(),
                    "0.9",
                    "Share of messages an agent handles without failing below which it raises an alert."),
            new ConfigSchema(
                    "mabeam.agents.alert.max-restarts",
                    ConfigType.INTEGER,
                    BigDecimal.ZERO,
                    BigDecimal.valueOf(1_000_000),
                    List.of(),
                    "3",
                    "Restarts of an agent within one monitoring interval above which it raises an alert."),
            new ConfigSchema(
                    "mabeam.ratelimit.read.per-minute",
                    ConfigType.INTEGER,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(10_000_000),
                    List.of(),
                    "6000",
                    "Reading requests (GET, HEAD) a client may make per minute, shared by all nodes; bursts "
                            + "up to the same number."),
            new ConfigSchema(
                    "mabeam.ratelimit.write.per-minute",
                    ConfigType.INTEGER,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(10_000_000),
                    List.of(),
                    "1200",
                    "Changing requests (POST, PUT, PATCH, DELETE) a client may make per minute, shared by all "
                            + "nodes; bursts up to the same number."));

    private FoundationSettings() {}
}
