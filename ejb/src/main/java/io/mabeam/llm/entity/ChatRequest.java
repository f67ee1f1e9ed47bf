package io.mabeam.llm.entity;

import java.util.List;

/**
 * What to ask a model: the messages, the sampling temperature, at most how many tokens to answer, and whether the
 * answer must be a JSON object (OpenAI's {@code response_format: json_object}, honoured by llama.cpp and vLLM).
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, boolean json) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }

    /** A rough count of the prompt's tokens (four characters each), for a budget check before the call. */
    public int estimatedPromptTokens() {
        int chars = 0;
        for (ChatMessage message : messages) {
            chars += message.content().length() + 8;
        }
        return chars / 4 + 1;
    }
}
