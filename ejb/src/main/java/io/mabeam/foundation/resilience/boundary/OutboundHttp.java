package io.mabeam.foundation.resilience.boundary;

import io.mabeam.foundation.resilience.entity.OutboundFailure;
import io.mabeam.foundation.resilience.entity.OutboundResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Every HTTP call MABEAM makes to the outside (alert webhooks now; model services later) goes through here,
 * under MicroProfile Fault Tolerance: at most 10 at once (bulkhead), 5 s each (timeout), 3 retries after
 * 200 ms ± 100 ms for failures worth retrying (no connection, 5xx, 429), a circuit breaker that opens when
 * 6 of the last 8 attempts failed and tries again after 10 s, and a fallback that reports the call as
 * not delivered instead of throwing. The settings can be changed per deployment with Fault Tolerance's
 * own MicroProfile Config keys ({@code io.mabeam…OutboundHttp/post/Retry/maxRetries=…}). Call it from
 * managed threads.
 */
@ApplicationScoped
public class OutboundHttp {

    public static final String BREAKER = "outbound-http";
    public static final Duration BREAKER_DELAY = Duration.ofSeconds(10);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    Resilience resilience;

    @Timeout(5000)
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = OutboundFailure.class)
    @CircuitBreaker(
            // the breaker counts every attempt, retries included: one call has at most 4, so it takes more than
            // one failing call to open it, and a call that succeeds on its last retry never trips it
            requestVolumeThreshold = 8,
            failureRatio = 0.75,
            delay = 10_000,
            successThreshold = 1,
            failOn = {OutboundFailure.class, TimeoutException.class})
    @Bulkhead(10)
    @Fallback(NotDelivered.class)
    public OutboundResult postJson(URI target, String json) throws OutboundFailure {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "MABEAM")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            resilience.failed(BREAKER, describe(e));
            throw new OutboundFailure("calling " + target + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resilience.failed(BREAKER, "interrupted (timed out)");
            throw new OutboundFailure("calling " + target + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            resilience.failed(BREAKER, "answered " + status);
            throw new OutboundFailure(target + " answered " + status);
        }
        resilience.succeeded(BREAKER);
        return OutboundResult.delivered(status);
    }

    static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The fallback: the call is reported as not delivered, with why; an open breaker is noted as such. */
    @Dependent
    public static class NotDelivered implements FallbackHandler<OutboundResult> {

        @Inject
        Resilience resilience;

        @Override
        public OutboundResult handle(ExecutionContext context) {
            Throwable failure = context.getFailure();
            if (failure instanceof CircuitBreakerOpenException) {
                resilience.refused(BREAKER, "circuit breaker open");
                return OutboundResult.notDelivered("circuit breaker open: the target failed repeatedly");
            }
            if (failure instanceof BulkheadException) {
                return OutboundResult.notDelivered("too many calls at once");
            }
            if (failure instanceof TimeoutException) {
                resilience.failed(BREAKER, "timed out");
                return OutboundResult.notDelivered("timed out after 5 s");
            }
            return OutboundResult.notDelivered(describe(failure));
        }
    }
}
