package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.batch.FakeJobContext;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The processor of the optimization step has the trainer of its partition and execution evaluate each trial
 * (resumed or new) with the job's objective and time limit; a trial the trainer cannot evaluate ends as
 * failed and the job goes on with the next.
 */
class TrialEvaluatorTest {

    record Call(
            String trainer,
            String study,
            long number,
            Map<String, Object> parameters,
            String objective,
            Duration timeout) {}

    final List<Call> calls = new ArrayList<>();

    TrialEvaluator evaluator(Supplier<Outcome> answer) {
        TrialEvaluator evaluator = new TrialEvaluator();
        evaluator.agents = new Agents() {
            @Override
            public Outcome evaluateHere(
                    String trainer,
                    String study,
                    long number,
                    Map<String, Object> parameters,
                    String objective,
                    Duration timeout) {
                calls.add(new Call(trainer, study, number, parameters, objective, timeout));
                return answer.get();
            }
        };
        evaluator.job = new FakeJobContext("study-optimization", 7, 71);
        evaluator.study = "bowl";
        evaluator.objective = "branin";
        evaluator.trialTimeout = "PT90S";
        evaluator.partition = "1";
        return evaluator;
    }

    @Test
    void thePartitionsTrainerOfThisExecutionEvaluatesTheTrial() {
        Object evaluated = evaluator(() -> Outcome.complete(0.25))
                .processItem(new TrialReader.TrialToRun(4, Map.of("x", 1.5), true));
        assertThat(evaluated).isEqualTo(new TrialEvaluator.Evaluated(4, Outcome.complete(0.25)));
        assertThat(calls)
                .containsExactly(new Call(
                        Workers.trainer(71, "1"), "bowl", 4, Map.of("x", 1.5), "branin", Duration.ofSeconds(90)));
    }

    @Test
    void aTrialTheTrainerCannotEvaluateEndsAsFailed() {
        Object evaluated = evaluator(() -> {
                    throw new IllegalStateException("trainer did not evaluate trial 4: timed out");
                })
                .processItem(new TrialReader.TrialToRun(4, Map.of("x", 1.5), false));
        assertThat(evaluated)
                .isEqualTo(new TrialEvaluator.Evaluated(4, new Outcome(TrialState.FAILED, List.of(), List.of())));
    }
}
