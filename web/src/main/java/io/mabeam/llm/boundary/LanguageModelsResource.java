package io.mabeam.llm.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.api.boundary.HttpProblem;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.foundation.resilience.entity.BreakerState;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.llm.entity.ChatMessage;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmAnswer;
import io.mabeam.llm.entity.LlmSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The language model over REST: its settings (never the key), the breaker and this node's use of it, and a
 * completion on request — what an operator calls to check the configuration, recorded and charged as any call.
 */
@Path("v1/llm")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class LanguageModelsResource {

    static final Set<String> ROLES = Set.of("system", "user", "assistant");

    @Inject
    LanguageModels models;

    @Inject
    Resilience resilience;

    @GET
    public String status() {
        LlmSettings settings = models.settings();
        LanguageModels.Usage usage = models.usage();
        JsonObjectBuilder calls = Json.createObjectBuilder();
        usage.calls().forEach(calls::add);
        String breaker = resilience.breakers().stream()
                .filter(b -> b.name().equals(Resilience.LLM_BREAKER))
                .map(BreakerState::state)
                .findFirst()
                .orElse("closed");
        return Json.createObjectBuilder()
                .add("configured", settings.configured())
                .add("provider", settings.provider())
                .add("baseUrl", settings.baseUrl())
                .add("model", settings.model())
                .add("apiKey", settings.apiKey().isBlank() ? "none" : "set")
                .add("timeout", settings.timeout().toString())
                .add("maxTokens", settings.maxTokens())
                .add("pricePer1kPromptTokens", Credits.decimal(settings.microCreditsPer1kPromptTokens()))
                .add("pricePer1kCompletionTokens", Credits.decimal(settings.microCreditsPer1kCompletionTokens()))
                .add("breaker", breaker)
                .add(
                        "usage",
                        Json.createObjectBuilder()
                                .add("calls", calls)
                                .add("attempts", usage.attempts())
                                .add("promptTokens", usage.promptTokens())
                                .add("completionTokens", usage.completionTokens())
                                .add("charged", Credits.decimal(usage.charged())))
                .build()
                .toString();
    }

    /**
     * {@code {"messages": [{"role": "user", "content": "…"}], "temperature"?: 0.2, "maxTokens"?, "json"?: false,
     * "payer"?: "study:s1", "purpose"?: "…"}} → 200 with the completion; the service's failures are problems: 502
     * (an error, a malformed answer, its own rate limit), 504 (no answer in time), 503 (not configured, breaker
     * open), 429 (the cluster's limit), 422 (no budget).
     */
    @POST
    @Path("completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String complete(String body) {
        JsonObject json = object(body);
        if (!(json.get("messages") instanceof jakarta.json.JsonArray array) || array.isEmpty()) {
            throw DomainException.invalid("messages is a non-empty array of {role, content}");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject message)
                    || !ROLES.contains(text(message, "role"))
                    || text(message, "content") == null) {
                throw DomainException.invalid("each message is {\"role\": system|user|assistant, \"content\": text}");
            }
            messages.add(new ChatMessage(text(message, "role"), text(message, "content")));
        }
        double temperature = json.get("temperature") instanceof JsonNumber t ? t.doubleValue() : 0.2;
        if (temperature < 0 || temperature > 2) {
            throw DomainException.invalid("temperature is 0 to 2");
        }
        int maxTokens = models.settings().maxTokens();
        if (json.containsKey("maxTokens")) {
            if (!(json.get("maxTokens") instanceof JsonNumber n)
                    || !n.isIntegral()
                    || n.intValue() < 1
                    || n.intValue() > 32_768) {
                throw DomainException.invalid("maxTokens is 1 to 32768");
            }
            maxTokens = n.intValue();
        }
        boolean jsonMode = json.getBoolean("json", false);
        String purpose = text(json, "purpose") == null ? "api" : text(json, "purpose");
        LlmAnswer answer =
                models.ask(purpose, text(json, "payer"), new ChatRequest(messages, temperature, maxTokens, jsonMode));
        if (!answer.isAnswered()) {
            throw new HttpProblem(
                    status(answer.outcome()),
                    "No answer from the language model",
                    answer.outcome() + ": " + answer.reason());
        }
        JsonObjectBuilder reply = Json.createObjectBuilder()
                .add("content", answer.completion().content())
                .add("model", answer.completion().model())
                .add("promptTokens", answer.completion().promptTokens())
                .add("completionTokens", answer.completion().completionTokens())
                .add("finishReason", answer.completion().finishReason())
                .add("cost", Credits.decimal(answer.cost()));
        if (answer.payer() != null) {
            reply.add("payer", answer.payer());
        }
        return reply.build().toString();
    }

    static int status(String outcome) {
        return switch (outcome) {
            case "not-configured", "circuit-open", "bulkhead-full" -> 503;
            case "rate-limited-here" -> 429;
            case "no-budget" -> 422;
            case "timeout" -> 504;
            default -> 502;
        };
    }
}
