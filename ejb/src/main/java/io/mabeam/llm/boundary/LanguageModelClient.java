package io.mabeam.llm.boundary;

import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.llm.control.LlmFailure;
import io.mabeam.llm.control.LlmProvider;
import io.mabeam.llm.control.OpenAiCompatibleProvider;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmAnswer;
import io.mabeam.llm.entity.LlmSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Calls to the language-model service under MicroProfile Fault Tolerance: at most 4 at once per node (bulkhead),
 * an outer time limit above the per-call one ({@code mabeam.llm.timeout}), 2 more attempts for failures worth it
 * (429, 5xx, timeouts, no connection, a malformed body) after 1 s ± 0.5 s — after what a 429's
 * {@code Retry-After} asked, up to 10 s —, a circuit breaker that opens when 3 of the last 4 calls failed and
 * tries again after 15 s, and a fallback that answers "unavailable, because …" instead of throwing, so an agent
 * falls back to its rules. Every value can be changed per deployment with Fault Tolerance's MicroProfile Config
 * keys ({@code io.mabeam.llm.boundary.LanguageModelClient/complete/Retry/maxRetries=…}).
 */
@ApplicationScoped
public class LanguageModelClient {

    static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(10);

    @Inject
    Resilience resilience;

    private final Map<String, LlmProvider> providers =
            Map.of(OpenAiCompatibleProvider.NAME, new OpenAiCompatibleProvider());
    private final LongAdder attempts = new LongAdder();

    @Timeout(180_000)
    @Retry(maxRetries = 2, delay = 1000, jitter = 500, maxDuration = 600_000, retryOn = LlmFailure.Retryable.class)
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.75,
            delay = 15_000,
            successThreshold = 1,
            failOn = {LlmFailure.class, TimeoutException.class})
    @Bulkhead(4)
    @Fallback(Unavailable.class)
    public LlmAnswer complete(ChatRequest request, LlmSettings settings) throws LlmFailure {
        attempts.increment();
        LlmProvider provider = providers.get(settings.provider());
        if (provider == null) {
            throw LlmFailure.of(LlmFailure.Kind.REJECTED, "no provider " + settings.provider());
        }
        try {
            LlmAnswer answer = LlmAnswer.answered(provider.complete(request, settings));
            resilience.succeeded(Resilience.LLM_BREAKER);
            return answer;
        } catch (LlmFailure failure) {
            resilience.failed(Resilience.LLM_BREAKER, failure.getMessage());
            if (failure instanceof LlmFailure.Retryable && failure.retryAfter() != null) {
                pause(failure.retryAfter());
            }
            throw failure;
        }
    }

    /** Attempts made on this node (each retry counts), for the status endpoint and tests. */
    public long attempts() {
        return attempts.sum();
    }

    private static void pause(Duration retryAfter) {
        Duration wait = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fallback: no completion, and why. */
    @Dependent
    public static class Unavailable implements FallbackHandler<LlmAnswer> {

        @Inject
        Resilience resilience;

        @Override
        public LlmAnswer handle(ExecutionContext context) {
            Throwable failure = context.getFailure();
            if (failure instanceof LlmFailure llm) {
                return LlmAnswer.unavailable(llm.kind().label(), llm.getMessage());
            }
            if (failure instanceof CircuitBreakerOpenException) {
                resilience.refused(Resilience.LLM_BREAKER, "circuit breaker open");
                return LlmAnswer.unavailable(
                        "circuit-open", "the language model failed repeatedly; not asked again for a while");
            }
            if (failure instanceof BulkheadException) {
                return LlmAnswer.unavailable("bulkhead-full", "too many calls to the language model at once");
            }
            if (failure instanceof TimeoutException) {
                resilience.failed(Resilience.LLM_BREAKER, "timed out");
                return LlmAnswer.unavailable("timeout", "the language model did not answer in time");
            }
            return LlmAnswer.unavailable("error", String.valueOf(failure));
        }
    }
}
