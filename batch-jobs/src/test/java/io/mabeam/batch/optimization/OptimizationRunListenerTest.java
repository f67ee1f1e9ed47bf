package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.batch.FakeJobContext;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.optimization.boundary.OptimizationJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The job listener of a run: as an execution starts it records where it runs and stops the trainers an
 * earlier execution of its instance left (a restart after a failure or a crash must not leave them training),
 * but not its own; as it ends it stops its own trainers and records the end. Trainers already stopped or never
 * started are no reason to fail.
 */
class OptimizationRunListenerTest {

    final List<String> log = new ArrayList<>();
    /** trainer → wanted; absent: no such agent */
    final Map<String, Boolean> trainers = new HashMap<>();

    OptimizationRunListener listener(long instance, long execution, List<Long> executionsOfInstance) {
        OptimizationRunListener listener = new OptimizationRunListener();
        listener.runs = new OptimizationJobs() {
            @Override
            public void running(long executionId, long instanceId, String study) {
                log.add("running " + executionId + " " + instanceId + " " + study);
            }

            @Override
            public List<Long> executionsOf(long instanceId) {
                assertThat(instanceId).isEqualTo(instance);
                return executionsOfInstance;
            }

            @Override
            public void ended(long executionId) {
                log.add("ended " + executionId);
            }
        };
        listener.agents = new Agents() {
            @Override
            public AgentView get(String id) {
                Boolean wanted = trainers.get(id);
                if (wanted == null) {
                    throw DomainException.notFound("no agent " + id);
                }
                return new AgentView(spec(id, wanted), Optional.empty(), Optional.empty());
            }

            @Override
            public AgentView stop(String id) {
                log.add("stop " + id);
                trainers.put(id, false);
                return get(id);
            }
        };
        listener.job = new FakeJobContext("study-optimization", instance, execution);
        listener.study = "bowl";
        listener.parallelism = "2";
        return listener;
    }

    static AgentSpec spec(String id, boolean wanted) {
        return new AgentSpec(
                id,
                "trainer",
                "{}",
                RestartStrategy.PERMANENT,
                100,
                "it-node",
                1,
                wanted,
                AgentState.RUNNING,
                null,
                "batch",
                Instant.EPOCH,
                Instant.EPOCH,
                List.of());
    }

    @Test
    void aRestartedExecutionRecordsItselfAndStopsTheTrainersOfEarlierOnes() {
        trainers.put(Workers.trainer(70, "0"), true);
        trainers.put(Workers.trainer(70, "1"), false); // stopped already
        trainers.put(Workers.trainer(71, "0"), true); // this execution's, started by its partition
        // no trainer batch-71-p1 yet, none of execution 69 any more

        listener(7, 71, List.of(69L, 70L, 71L)).beforeJob();

        assertThat(log).containsExactly("running 71 7 bowl", "stop " + Workers.trainer(70, "0"));
        assertThat(trainers.get(Workers.trainer(71, "0"))).isTrue();
    }

    @Test
    void anEndingExecutionStopsItsOwnTrainersAndRecordsItsEnd() {
        trainers.put(Workers.trainer(71, "0"), true);
        trainers.put(Workers.trainer(71, "1"), true);
        trainers.put(Workers.trainer(70, "0"), true); // not this execution's business as it ends

        listener(7, 71, List.of(70L, 71L)).afterJob();

        assertThat(log)
                .containsExactly("stop " + Workers.trainer(71, "0"), "stop " + Workers.trainer(71, "1"), "ended 71");
    }
}
