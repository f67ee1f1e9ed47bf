package io.mabeam.llm.control;

import io.mabeam.llm.entity.ChatCompletion;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmSettings;

/** A language-model service's protocol: one chat completion, or why there is none. */
public interface LlmProvider {

    String name();

    ChatCompletion complete(ChatRequest request, LlmSettings settings) throws LlmFailure;
}
