package io.mabeam.llm.boundary;

import io.mabeam.economics.boundary.Accounts;
import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.ratelimits.boundary.RateLimits;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import io.mabeam.llm.control.LlmFailure;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmAnswer;
import io.mabeam.llm.entity.LlmSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The platform's way to ask a language model: settings read on every call (the config server's
 * {@code mabeam.llm.*}, the key from {@code MABEAM_LLM_API_KEY}), the cluster's rate limit for the service
 * (the Foundation's buckets, {@code mabeam.ratelimit.llm.per-minute}), a budget check before and the tokens'
 * price charged after (to the caller's account in the ledger, else {@code mabeam.llm.account}), the call itself
 * under Fault Tolerance ({@link LanguageModelClient}), and a record of every call — event
 * {@code LanguageModelCalled} in stream {@code llm}, metrics — whether it was answered or not.
 */
@ApplicationScoped
public class LanguageModels {

    private static final Logger LOG = Logger.getLogger(LanguageModels.class.getName());
    public static final String STREAM = "llm";

    @Inject
    Config config;

    @Inject
    LanguageModelClient client;

    @EJB
    RateLimits rateLimits;

    @EJB
    Accounts accounts;

    @EJB
    Events events;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final LongAdder charged = new LongAdder();

    /** The settings in effect now. */
    public LlmSettings settings() {
        return new LlmSettings(
                text("mabeam.llm.provider").orElse("openai"),
                text("mabeam.llm.base-url").orElse(""),
                text("mabeam.llm.model").orElse("gpt-4o-mini"),
                text("mabeam.llm.api-key").orElse(""),
                config.getOptionalValue("mabeam.llm.timeout", String.class)
                        .map(Duration::parse)
                        .orElse(Duration.ofSeconds(30)),
                config.getOptionalValue("mabeam.llm.max-tokens", Integer.class).orElse(1024),
                microCredits("mabeam.llm.price-per-1k-prompt-tokens"),
                microCredits("mabeam.llm.price-per-1k-completion-tokens"));
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    private long microCredits(String key) {
        return config.getOptionalValue(key, String.class)
                .filter(v -> !v.isBlank())
                .map(v -> Credits.micros(new BigDecimal(v)))
                .orElse(0L);
    }

    /**
     * Asks the model.
     *
     * @param purpose what for (recorded with the call: {@code coder:<study>}, {@code console}, …)
     * @param payer the account that pays for the tokens, if the caller has one (may be null or not exist)
     * @return the answer, or why there is none; never throws for the service's failures
     */
    public LlmAnswer ask(String purpose, String payer, ChatRequest request) {
        LlmSettings settings = settings();
        LlmAnswer answer;
        String account = null;
        long started = System.nanoTime();
        if (!settings.configured()) {
            answer = LlmAnswer.unavailable("not-configured", "no language model is configured (mabeam.llm.base-url)");
        } else {
            RateDecision decision = rateLimits.decide("llm:" + settings.provider(), RouteClass.LLM);
            if (!decision.allowed()) {
                answer = LlmAnswer.unavailable(
                        "rate-limited-here",
                        "the cluster made its " + decision.limit() + " calls to the language model this minute");
            } else {
                account = settings.free() ? null : payerOf(payer);
                long worst = settings.cost(request.estimatedPromptTokens(), request.maxTokens());
                Optional<String> cannotPay = settings.free() ? Optional.empty() : shortOf(account, worst);
                if (cannotPay.isPresent()) {
                    answer = LlmAnswer.unavailable("no-budget", cannotPay.get());
                } else {
                    try {
                        answer = client.complete(request, settings);
                    } catch (LlmFailure failure) { // the fallback answers; without it, this
                        answer = LlmAnswer.unavailable(failure.kind().label(), failure.getMessage());
                    }
                }
            }
        }
        if (answer.isAnswered()) {
            long cost = settings.cost(
                    answer.completion().promptTokens(), answer.completion().completionTokens());
            if (cost > 0 && account != null) {
                charge(account, cost, purpose);
                answer = answer.charged(cost, account);
            }
            promptTokens.add(answer.completion().promptTokens());
            completionTokens.add(answer.completion().completionTokens());
            tokens(settings, "prompt", answer.completion().promptTokens());
            tokens(settings, "completion", answer.completion().completionTokens());
        }
        record(purpose, settings, answer, (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private String payerOf(String payer) {
        if (payer != null && accounts.find(payer).isPresent()) {
            return payer;
        }
        return text("mabeam.llm.account")
                .filter(a -> accounts.find(a).isPresent())
                .orElse(null);
    }

    /** Why {@code account} cannot pay {@code worst} micro-credits, if it cannot. */
    private Optional<String> shortOf(String account, long worst) {
        if (account == null) {
            return Optional.of("tokens cost credits and the caller has no account (nor is mabeam.llm.account set)");
        }
        long balance = accounts.find(account).map(a -> a.account().balance()).orElse(0L);
        if (balance < worst) {
            return Optional.of("account " + account + " holds " + Credits.format(balance)
                    + " credits; a call may cost up to " + Credits.format(worst));
        }
        return Optional.empty();
    }

    private void charge(String account, long cost, String purpose) {
        try {
            accounts.charge(account, cost, "llm-tokens", purpose, null);
            charged.add(cost);
        } catch (DomainException | jakarta.ejb.EJBException e) {
            // the answer came and is used; the ledger says what could not be charged
            LOG.log(Level.WARNING, "could not charge " + Credits.format(cost) + " credits to " + account, e);
        }
    }

    private void tokens(LlmSettings settings, String kind, long count) {
        metrics.counter("mabeam.llm.tokens", new Tag("provider", settings.provider()), new Tag("kind", kind))
                .inc(count);
    }

    private void record(String purpose, LlmSettings settings, LlmAnswer answer, long millis) {
        outcomes.computeIfAbsent(answer.outcome(), o -> new LongAdder()).increment();
        metrics.counter(
                        "mabeam.llm.calls",
                        new Tag("provider", settings.provider()),
                        new Tag("outcome", answer.outcome()))
                .inc();
        metrics.timer("mabeam.llm.latency", new Tag("provider", settings.provider()))
                .update(Duration.ofMillis(millis));
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("purpose", purpose == null ? "" : purpose)
                .add("provider", settings.provider())
                .add("model", answer.isAnswered() ? answer.completion().model() : settings.model())
                .add("outcome", answer.outcome())
                .add("millis", millis);
        if (answer.isAnswered()) {
            payload.add("promptTokens", answer.completion().promptTokens())
                    .add("completionTokens", answer.completion().completionTokens())
                    .add("cost", Credits.decimal(answer.cost()));
            if (answer.payer() != null) {
                payload.add("payer", answer.payer());
            }
        } else {
            payload.add("reason", String.valueOf(answer.reason()));
        }
        try {
            events.record(STREAM, "LanguageModelCalled", payload.build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record a call to the language model", e);
        }
    }

    /** What this node has asked so far: calls by outcome, tokens, credits charged, attempts made. */
    public Usage usage() {
        Map<String, Long> byOutcome = new TreeMap<>();
        outcomes.forEach((outcome, count) -> byOutcome.put(outcome, count.sum()));
        return new Usage(byOutcome, promptTokens.sum(), completionTokens.sum(), charged.sum(), client.attempts());
    }

    /** A node's use of the language model since it started. */
    public record Usage(
            Map<String, Long> calls, long promptTokens, long completionTokens, long charged, long attempts) {}
}
