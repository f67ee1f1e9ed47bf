package io.mabeam.llm.entity;

import java.time.Duration;

/**
 * Where a node's language model is and what it costs: the provider's protocol, the base URL (for OpenAI-compatible
 * services the part before {@code /chat/completions}, e.g. {@code https://api.openai.com/v1} or a local
 * llama.cpp or vLLM server's {@code http://127.0.0.1:8000/v1}), the model, the API key (may be empty for local
 * servers), the time one call may take, and the price of a thousand prompt and completion tokens in micro-credits.
 */
public record LlmSettings(
        String provider,
        String baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        int maxTokens,
        long microCreditsPer1kPromptTokens,
        long microCreditsPer1kCompletionTokens) {

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /** What a call with these token counts costs, in micro-credits (rounded up). */
    public long cost(long promptTokens, long completionTokens) {
        long micro =
                promptTokens * microCreditsPer1kPromptTokens + completionTokens * microCreditsPer1kCompletionTokens;
        return (micro + 999) / 1000;
    }

    public boolean free() {
        return microCreditsPer1kPromptTokens == 0 && microCreditsPer1kCompletionTokens == 0;
    }
}
