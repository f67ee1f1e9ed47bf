package io.mabeam.improvement.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmCoderTest {

    static final SearchSpace SPACE =
            SearchSpace.of(FloatVariable.logUniform("learning_rate", 1e-4, 1e-3), IntVariable.uniform("units", 4, 16));
    static final StudyHistory HISTORY = new StudyHistory(
            SPACE,
            List.of(Direction.MAXIMIZE),
            List.of(
                    Trial.complete(0, Map.of("learning_rate", 9e-4, "units", 15L), 0.91),
                    Trial.complete(1, Map.of("learning_rate", 2e-4, "units", 5L), 0.62)));

    @Test
    void theQuestionCarriesTheSpaceTheBestTrialsAndTheImportancesAndAsksForJson() {
        ChatRequest request = LlmCoder.request("s", HISTORY, Map.of("units", 0.7), true, 512);
        assertThat(request.json()).isTrue();
        assertThat(request.maxTokens()).isEqualTo(512);
        String question = request.messages().get(1).content();
        assertThat(question).contains("\"study\":\"s\"", "\"importance\":0.7", "\"value\":0.91", "learning_rate");
        assertThat(question.indexOf("0.91")).as("best first").isLessThan(question.indexOf("0.62"));
    }

    @Test
    void aWellFormedAnswerBecomesAProposalWithTheParentsBestCarried() {
        ChangeProposal proposal = LlmCoder.parse("s", HISTORY, true, """
                ```json
                {"edits": [
                  {"variable": "learning_rate", "action": "widen", "low": 0.0001, "high": 0.01, "reason": "best at the top"},
                  {"variable": "units", "action": "fix", "value": 15},
                  {"variable": "layers", "action": "add", "type": "int", "low": 1, "high": 3, "reason": "depth"}],
                 "rationale": "more room"}
                ```""");
        assertThat(proposal.source()).isEqualTo("llm");
        assertThat(proposal.rationale()).isEqualTo("more room");
        assertThat(((FloatVariable) proposal.space().variable("learning_rate").orElseThrow()).high())
                .isEqualTo(0.01);
        assertThat(proposal.space().variable("units").orElseThrow()).isInstanceOf(FixedVariable.class);
        assertThat(proposal.space().variable("layers").orElseThrow()).isEqualTo(IntVariable.uniform("layers", 1, 3));
        assertThat(proposal.edits()).extracting(e -> e.action()).containsExactly("widen", "fix", "add");
        assertThat(proposal.enqueue())
                .singleElement()
                .satisfies(trial -> assertThat(trial)
                        .containsEntry("learning_rate", 9e-4)
                        .containsEntry("units", 15L)
                        .containsEntry("layers", 2L));
    }

    @Test
    void answersThatCannotBeUsedAreRefusedWithTheReason() {
        String[][] cases = {
            {"not json at all", "not JSON"},
            {"[1, 2]", "not an object"},
            {"{\"edits\": []}", "no \"edits\""},
            {
                "{\"edits\": [{\"variable\": \"momentum\", \"action\": \"widen\", \"high\": 2}]}",
                "numeric variable of the space"
            },
            {
                "{\"edits\": [{\"variable\": \"units\", \"action\": \"narrow\", \"low\": 2, \"high\": 10}]}",
                "lie within the old range"
            },
            {
                "{\"edits\": [{\"variable\": \"units\", \"action\": \"widen\", \"low\": 6, \"high\": 20}]}",
                "contain the old range"
            },
            {
                "{\"edits\": [{\"variable\": \"colour\", \"action\": \"add\", \"low\": 0, \"high\": 1}]}",
                "not a variable a network objective knows"
            },
            {"{\"edits\": [{\"variable\": \"units\", \"action\": \"fix\", \"value\": 99}]}", "outside its domain"},
            {"{\"edits\": [{\"variable\": \"units\", \"action\": \"explode\"}]}", "widen, narrow, fix or add"},
            {"{\"edits\": [{\"variable\": \"learning_rate\", \"action\": \"widen\", \"high\": 50}]}", "natural limits"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> LlmCoder.parse("s", HISTORY, true, c[0]))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
