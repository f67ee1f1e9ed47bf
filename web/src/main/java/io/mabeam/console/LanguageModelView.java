package io.mabeam.console;

import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.llm.boundary.LanguageModels;
import io.mabeam.llm.entity.ChatMessage;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmAnswer;
import io.mabeam.llm.entity.LlmSettings;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The console's Language model page: the settings in effect (never the key), the circuit breaker, this node's use
 * of the model, and a prompt to check the configuration with (recorded and charged like any call).
 */
@Named
@ViewScoped
public class LanguageModelView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LanguageModels models;

    @Inject
    transient Resilience resilience;

    @Inject
    transient Messages messages;

    private String prompt = "Say hello in five words.";
    private String payer;
    private String answer;

    public LlmSettings getSettings() {
        return models.settings();
    }

    public String getBreaker() {
        return resilience.breakers().stream()
                .filter(b -> b.name().equals(Resilience.LLM_BREAKER))
                .map(b -> b.state() + (b.lastFailure() == null ? "" : " (last failure: " + b.lastFailure() + ")"))
                .findFirst()
                .orElse("closed");
    }

    public String getUsage() {
        LanguageModels.Usage usage = models.usage();
        String calls = usage.calls().isEmpty()
                ? "no calls yet"
                : usage.calls().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return calls + "; " + usage.attempts() + " attempts; " + usage.promptTokens() + " prompt and "
                + usage.completionTokens() + " completion tokens; " + Credits.format(usage.charged())
                + " credits charged";
    }

    public String prices() {
        LlmSettings settings = models.settings();
        return settings.free()
                ? "free"
                : Credits.format(settings.microCreditsPer1kPromptTokens()) + " / "
                        + Credits.format(settings.microCreditsPer1kCompletionTokens())
                        + " credits per 1k prompt / completion tokens";
    }

    public void ask() {
        try {
            LlmAnswer reply = models.ask(
                    "console",
                    payer == null || payer.isBlank() ? null : payer.strip(),
                    new ChatRequest(
                            List.of(ChatMessage.user(prompt)),
                            0.2,
                            models.settings().maxTokens(),
                            false));
            if (reply.isAnswered()) {
                answer = reply.completion().content();
                messages.info("Answered by " + reply.completion().model() + ": "
                        + reply.completion().promptTokens()
                        + " + " + reply.completion().completionTokens() + " tokens, "
                        + Credits.format(reply.cost()) + " credits");
            } else {
                answer = null;
                messages.error("No answer (" + reply.outcome() + "): " + reply.reason());
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    public String getPayer() {
        return payer;
    }

    public void setPayer(String payer) {
        this.payer = payer;
    }

    public String getAnswer() {
        return answer;
    }
}
