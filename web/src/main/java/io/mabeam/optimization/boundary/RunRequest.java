package io.mabeam.optimization.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * What every run of a study is given, started now ({@link StudyJobsResource.JobRequest}) or on a schedule
 * ({@link StudyScheduleResource.ScheduleRequest}): how many trials run at once, what a trial evaluates and how
 * long one may take.
 */
public abstract class RunRequest {

    /** Trials evaluated at once. */
    @Min(0)
    @Max(1000)
    public Integer parallelism = 2;

    /** What a trial evaluates; defaults to network for a study with a training setup. */
    @Size(min = 1, max = 200)
    public String objective;

    /** How long one trial may take. */
    @NotNull
    public Duration trialTimeout = Duration.ofMinutes(30);
}
