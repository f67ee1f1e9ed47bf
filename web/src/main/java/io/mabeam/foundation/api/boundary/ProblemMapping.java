package io.mabeam.foundation.api.boundary;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Turns every failure of a REST call into {@code application/problem+json} with the right status, and
 * counts them by status in {@code mabeam_api_problems_total}. Bad input is always a 4xx; an unexpected
 * failure is a 500 whose body carries only a reference to the log entry, never a stack trace.
 */
@ApplicationScoped
public class ProblemMapping {

    private static final Logger LOG = Logger.getLogger(ProblemMapping.class.getName());

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    public Response toResponse(Throwable failure, String instance) {
        Response response = map(failure, instance);
        metrics.counter("mabeam.api.problems", new Tag("status", String.valueOf(response.getStatus())))
                .inc();
        return response;
    }

    /** The HTTP status of a refusal's reason: the one place the domain's reasons meet HTTP. */
    public static int status(DomainException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STALE -> 412;
            case REFUSED -> 422;
            case FAILED -> 500;
            case UNAVAILABLE -> 503;
            case TIMED_OUT -> 504;
        };
    }

    private Response map(Throwable failure, String instance) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DomainException problem) {
            return ProblemResponses.response(status(problem.reason()), problem.title(), problem.detail(), instance);
        }
        if (cause instanceof HttpProblem problem) {
            return ProblemResponses.response(problem.status(), problem.title(), problem.getMessage(), instance);
        }
        if (cause instanceof RequestTooLarge tooLarge) {
            return ProblemResponses.response(413, "Content Too Large", tooLarge.getMessage(), instance);
        }
        if (cause instanceof ConstraintViolationException violations) {
            String detail = violations.getConstraintViolations().stream()
                    .map(ProblemMapping::describe)
                    .sorted()
                    .collect(Collectors.joining("; "));
            return ProblemResponses.response(400, "Invalid request", detail, instance);
        }
        if (cause instanceof EJBAccessException) {
            return ProblemResponses.response(403, "Forbidden", "this operation needs another role", instance);
        }
        if (cause instanceof JsonbException || cause instanceof JsonException) {
            return ProblemResponses.response(400, "Malformed JSON", malformed(cause), instance);
        }
        String badQuery = badQueryParameter(cause);
        if (badQuery != null) {
            return ProblemResponses.response(400, "Invalid request", badQuery, instance);
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return ProblemResponses.response(
                    status, ProblemResponses.titleOf(status), clientMessage(web, status), instance);
        }
        if (cause instanceof ProcessingException) {
            return ProblemResponses.response(400, "Malformed request", "the request body could not be read", instance);
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
        return ProblemResponses.response(
                500, "Internal Server Error", "an unexpected error occurred; reference " + reference, instance);
    }

    /** Looks through container wrappers for the failure that explains the request's fate. */
    static Throwable unwrap(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 12 && !chain.contains(t); ) {
            chain.add(t);
            t = t instanceof EJBException ejb && ejb.getCausedByException() != null
                    ? ejb.getCausedByException()
                    : t.getCause();
        }
        for (Class<?> telling : TELLING_FAILURES) {
            for (Throwable t : chain) {
                if (telling.isInstance(t)) {
                    return t;
                }
            }
        }
        return failure instanceof EJBException ? chain.get(chain.size() - 1) : failure;
    }

    /** Failures that explain a request's fate, most telling first: a size breach outranks the parse error it causes. */
    private static final List<Class<? extends Throwable>> TELLING_FAILURES = List.of(
            RequestTooLarge.class,
            DomainException.class,
            HttpProblem.class,
            ConstraintViolationException.class,
            EJBAccessException.class,
            JsonbException.class,
            JsonException.class);

    /**
     * JAX-RS answers a query parameter it cannot convert ({@code ?limit=many} for an int) with 404, as if the
     * path were wrong; for the client it is bad input, so it becomes a 400 naming the parameter. Jersey (Payara's
     * JAX-RS) throws its {@code ParamException.QueryParamException}, matched by name to keep the API portable.
     */
    static String badQueryParameter(Throwable cause) {
        if (!(cause instanceof WebApplicationException)
                || !cause.getClass()
                        .getName()
                        .equals("org.glassfish.jersey.server.ParamException$QueryParamException")) {
            return null;
        }
        String name = "?";
        try {
            name = String.valueOf(cause.getClass().getMethod("getParameterName").invoke(cause));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the name is a courtesy
        }
        return "query parameter '" + name + "' does not have the type this operation expects";
    }

    private static String clientMessage(WebApplicationException web, int status) {
        return switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "no acceptable representation; this API speaks application/json";
            case 415 -> "unsupported content type; send application/json";
            case 401 -> "authentication required";
            case 403 -> "this operation needs another role";
            default -> web.getMessage();
        };
    }

    /**
     * What was wrong with the body, as the binding and the parser said it: the first line of each message down the
     * chain of causes that adds something, at most 300 characters in all.
     */
    static String malformed(Throwable cause) {
        StringBuilder said = new StringBuilder();
        for (Throwable t = cause; t != null && said.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            String line = t.getMessage() == null
                    ? ""
                    : t.getMessage().lines().findFirst().orElse("").strip();
            if (!line.isEmpty() && said.indexOf(line) < 0) {
                said.append(said.length() == 0 ? "" : ": ").append(line);
            }
        }
        String text = said.length() > 300 ? said.substring(0, 297) + "…" : said.toString();
        return "the request body is not the JSON this operation expects" + (text.isEmpty() ? "" : ": " + text);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return (dot >= 0 ? path.substring(dot + 1) : path) + ": " + violation.getMessage();
    }
}
