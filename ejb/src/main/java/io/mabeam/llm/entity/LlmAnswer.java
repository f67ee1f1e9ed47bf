package io.mabeam.llm.entity;

/**
 * What asking a language model gave: a completion, or none and why — the outcome is {@code answered} or a reason
 * an agent falls back to its rules: {@code not-configured}, {@code rate-limited-here} (the cluster's own limit),
 * {@code no-budget}, {@code circuit-open}, {@code bulkhead-full}, or a failure of the service (
 * {@code rate-limited}, {@code server-error}, {@code timeout}, {@code unreachable}, {@code malformed},
 * {@code authentication}, {@code rejected}).
 */
public record LlmAnswer(String outcome, ChatCompletion completion, String reason, long cost, String payer) {

    public static final String ANSWERED = "answered";

    public static LlmAnswer answered(ChatCompletion completion) {
        return new LlmAnswer(ANSWERED, completion, null, 0, null);
    }

    public static LlmAnswer unavailable(String outcome, String reason) {
        return new LlmAnswer(outcome, null, reason, 0, null);
    }

    public boolean isAnswered() {
        return ANSWERED.equals(outcome);
    }

    public LlmAnswer charged(long cost, String payer) {
        return new LlmAnswer(outcome, completion, reason, cost, payer);
    }
}
