package io.mabeam.batch.optimization;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * One partition per parallel trainer. The plan is kept on restart ({@code partitionsOverride} false), so each
 * restarted partition carries on from its own checkpoint.
 */
@Named("optimizationPartitions")
@Dependent
public class OptimizationPartitions implements PartitionMapper {

    @Inject
    @BatchProperty
    String parallelism;

    /**
     * @throws IllegalArgumentException when {@code parallelism} is not a whole number ≥ 1: a plan of no partitions
     *     would end the step at once with no trial run (and a negative one cannot be built), so the job fails
     *     saying why
     */
    @Override
    public PartitionPlan mapPartitions() {
        int partitions = partitions(parallelism);
        Properties[] properties = new Properties[partitions];
        for (int k = 0; k < partitions; k++) {
            properties[k] = new Properties();
            properties[k].setProperty("partition", String.valueOf(k));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }

    private static int partitions(String parallelism) {
        int partitions;
        try {
            partitions = Integer.parseInt(parallelism);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "job parameter parallelism is the number of partitions (1 or more), not '" + parallelism + "'", e);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "job parameter parallelism is the number of partitions (1 or more), not " + partitions);
        }
        return partitions;
    }
}
