package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.batch.api.partition.PartitionPlan;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partition plan of the optimization step: one partition per trainer, all running at once, each told its
 * number (which names its worker, so a restarted partition finds its own trials), and kept as it is on restart.
 * A parallelism that makes no sensible plan fails the job with a message saying so.
 */
class OptimizationPartitionsTest {

    static PartitionPlan plan(String parallelism) {
        OptimizationPartitions mapper = new OptimizationPartitions();
        mapper.parallelism = parallelism;
        return mapper.mapPartitions();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 16})
    void onePartitionPerTrainerNumberedFromZeroAllRunningAtOnce(int parallelism) {
        PartitionPlan plan = plan(String.valueOf(parallelism));
        assertThat(plan.getPartitions()).isEqualTo(parallelism);
        assertThat(plan.getThreads()).isEqualTo(parallelism);
        assertThat(plan.getPartitionProperties()).hasSize(parallelism);
        assertThat(Arrays.stream(plan.getPartitionProperties())
                        .map(p -> p.getProperty("partition"))
                        .toList())
                .containsExactlyElementsOf(IntStream.range(0, parallelism)
                        .mapToObj(String::valueOf)
                        .toList());
        assertThat(plan.getPartitionProperties())
                .as("each partition is told its number and nothing else")
                .allSatisfy(p -> assertThat(p.stringPropertyNames()).containsExactly("partition"));
    }

    @Test
    void theRestartKeepsThePlanSoEachPartitionCarriesOnFromItsOwnCheckpoint() {
        assertThat(plan("4").getPartitionsOverride()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-16"})
    void noOrNegativePartitionsFailTheJobSayingWhy(String parallelism) {
        assertThatThrownBy(() -> plan(parallelism))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism")
                .hasMessageContaining("1 or more")
                .hasMessageContaining(parallelism);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "two", "2.5", " 2", "99999999999"})
    void aParallelismThatIsNoWholeNumberFailsTheJobSayingWhy(String parallelism) {
        assertThatThrownBy(() -> plan(parallelism))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism")
                .hasMessageContaining("'" + parallelism + "'");
    }
}
