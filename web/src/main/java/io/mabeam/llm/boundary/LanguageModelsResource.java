package io.mabeam.llm.boundary;

import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.api.boundary.HttpProblem;
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
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The language model over REST: its settings (never the key), the breaker and this node's use of it, and a
 * completion on request — what an operator calls to check the configuration, recorded and charged as any call.
 */
@Path("v1/llm")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class LanguageModelsResource {

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

    /** A chat message: who says it and what. */
    public static class Message {
        @NotNull(message = "each message is {\"role\": system|user|assistant, \"content\": text}")
        @Pattern(
                regexp = "system|user|assistant",
                message = "each message is {\"role\": system|user|assistant, \"content\": text}")
        public String role;

        @NotNull(message = "each message is {\"role\": system|user|assistant, \"content\": text}")
        public String content;
    }

    /** A completion asked of the language model, and who pays for it. */
    public static class CompletionRequest {
        @NotEmpty(message = "messages is a non-empty array of {role, content}")
        @Valid
        public List<@NotNull Message> messages;

        @NotNull
        @DecimalMin(value = "0", message = "temperature is 0 to 2")
        @DecimalMax(value = "2", message = "temperature is 0 to 2")
        public Double temperature = 0.2;

        /** The service's setting when missing. */
        @Min(value = 1, message = "maxTokens is 1 to 32768")
        @Max(value = 32_768, message = "maxTokens is 1 to 32768")
        public Integer maxTokens;

        /** Ask for a JSON object as the answer. */
        public Boolean json = false;

        /** The account that pays, such as {@code study:s1}. */
        public String payer;

        /** What the completion is for, in the usage figures ({@code api} when missing). */
        public String purpose;
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
    public String complete(@Valid @NotNull CompletionRequest request) {
        List<ChatMessage> messages = request.messages.stream()
                .map(m -> new ChatMessage(m.role, m.content))
                .toList();
        int maxTokens = request.maxTokens == null ? models.settings().maxTokens() : request.maxTokens;
        boolean jsonMode = Boolean.TRUE.equals(request.json);
        String purpose = request.purpose == null ? "api" : request.purpose;
        LlmAnswer answer =
                models.ask(purpose, request.payer, new ChatRequest(messages, request.temperature, maxTokens, jsonMode));
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
