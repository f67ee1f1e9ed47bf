package io.mabeam.improvement.boundary;

import io.mabeam.improvement.control.CoderRules;
import io.mabeam.improvement.control.LlmCoder;
import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.CoderSettings;
import io.mabeam.llm.boundary.LanguageModels;
import io.mabeam.llm.entity.LlmAnswer;
import io.mabeam.optimization.entity.StudyHistory;
import java.util.Map;

/**
 * The change a coder drafts for a study: the language model's when one is configured and the coder asks for
 * it, else (or when its answer is unusable) the rules'.
 */
final class ChangeDrafts {

    /** The change, or null when neither sees one; why the model's was not taken, or null. */
    record Draft(ChangeProposal change, String fallback) {}

    private ChangeDrafts() {}

    static Draft draft(
            LanguageModels languageModels,
            CoderSettings settings,
            StudyHistory history,
            Map<String, Double> importance,
            boolean training) {
        ChangeProposal change = null;
        String fallback = null;
        if (settings.llm() && languageModels.settings().configured()) {
            LlmAnswer answer = languageModels.ask(
                    "coder:" + settings.study(),
                    "study:" + settings.study(),
                    LlmCoder.request(
                            settings.study(),
                            history,
                            importance,
                            training,
                            languageModels.settings().maxTokens()));
            if (answer.isAnswered()) {
                try {
                    change = LlmCoder.parse(
                            settings.study(),
                            history,
                            training,
                            answer.completion().content());
                } catch (IllegalArgumentException e) {
                    fallback = "the model's answer was not usable: " + e.getMessage();
                }
            } else {
                fallback = "the model did not answer (" + answer.outcome() + "): " + answer.reason();
            }
        }
        if (change == null) {
            change = CoderRules.propose(settings.study(), history, importance, training)
                    .orElse(null);
        }
        return new Draft(change, fallback);
    }
}
