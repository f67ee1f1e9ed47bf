package io.mabeam.llm.entity;

/** A model's answer: its text, which model answered, the tokens it counted, why it stopped, how long it took. */
public record ChatCompletion(
        String content, String model, int promptTokens, int completionTokens, String finishReason, long latencyMillis) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
