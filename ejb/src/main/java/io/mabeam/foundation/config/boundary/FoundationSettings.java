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
                            + "nodes; bursts up to the same number."),
            new ConfigSchema(
                    "mabeam.ratelimit.llm.per-minute",
                    ConfigType.INTEGER,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(1_000_000),
                    List.of(),
                    "60",
                    "Calls to the language-model service the whole cluster makes per minute; calls beyond it are "
                            + "not made (agents fall back to their rules)."),
            new ConfigSchema(
                    "mabeam.llm.provider",
                    ConfigType.STRING,
                    null,
                    null,
                    List.of("openai"),
                    "openai",
                    "The language-model service's protocol: openai (OpenAI's chat completions, also spoken by "
                            + "llama.cpp's server, vLLM and Ollama)."),
            new ConfigSchema(
                    "mabeam.llm.base-url",
                    ConfigType.URL,
                    null,
                    null,
                    List.of(),
                    "",
                    "The service's base URL, the part before /chat/completions (https://api.openai.com/v1, "
                            + "http://127.0.0.1:8000/v1); empty: no language model, agents use their rules. The key "
                            + "comes from MABEAM_LLM_API_KEY, never from here."),
            new ConfigSchema(
                    "mabeam.llm.model",
                    ConfigType.STRING,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(200),
                    List.of(),
                    "gpt-4o-mini",
                    "The model to ask."),
            new ConfigSchema(
                    "mabeam.llm.timeout",
                    ConfigType.DURATION,
                    BigDecimal.ONE,
                    BigDecimal.valueOf(600),
                    List.of(),
                    "PT30S",
                    "How long one call to the language model may take before it counts as failed."),
            new ConfigSchema(
                    "mabeam.llm.max-tokens",
                    ConfigType.INTEGER,
                    BigDecimal.valueOf(16),
                    BigDecimal.valueOf(32_768),
                    List.of(),
                    "1024",
                    "Most tokens an answer may have."),
            new ConfigSchema(
                    "mabeam.llm.price-per-1k-prompt-tokens",
                    ConfigType.DECIMAL,
                    BigDecimal.ZERO,
                    BigDecimal.valueOf(1000),
                    List.of(),
                    "0",
                    "Credits a thousand prompt tokens cost, charged to the caller's account; 0: free (a local model)."),
            new ConfigSchema(
                    "mabeam.llm.price-per-1k-completion-tokens",
                    ConfigType.DECIMAL,
                    BigDecimal.ZERO,
                    BigDecimal.valueOf(1000),
                    List.of(),
                    "0",
                    "Credits a thousand completion tokens cost, charged to the caller's account."),
            new ConfigSchema(
                    "mabeam.llm.account",
                    ConfigType.STRING,
                    null,
                    BigDecimal.valueOf(200),
                    List.of(),
                    "",
                    "The account that pays for calls whose caller has none (a study without an account); empty: "
                            + "such calls are not made while tokens cost credits."));

    private FoundationSettings() {}
}
