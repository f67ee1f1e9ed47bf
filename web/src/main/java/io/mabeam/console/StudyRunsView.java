package io.mabeam.console;

import io.mabeam.models.boundary.Models;
import io.mabeam.models.entity.ModelRecord;
import io.mabeam.optimization.boundary.OptimizationJobs;
import io.mabeam.optimization.boundary.StudySchedules;
import io.mabeam.optimization.entity.OptimizationRun;
import io.mabeam.optimization.entity.StudySchedule;
import io.mabeam.training.boundary.Trainings;
import io.mabeam.training.control.NetworkObjective;
import io.mabeam.training.control.TrainingSetupJson;
import io.mabeam.training.entity.StudyTraining;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The study page's training and runs: what the study trains on and its best model, its batch job runs with
 * their steps (start, stop, restart), and its schedule (set, remove).
 */
@Named
@ViewScoped
public class StudyRunsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Trainings trainings;

    @EJB
    transient OptimizationJobs jobs;

    @EJB
    transient StudySchedules schedules;

    @EJB
    transient Models models;

    @Inject
    transient Messages messages;

    private String study;
    private StudyTraining training;
    private List<OptimizationRun> runs = List.of();
    private StudySchedule schedule;
    private Instant nextRun;
    private ModelRecord bestModel;
    private int budget = 20;
    private int parallelism = 2;
    private String objective;
    private String cron = "0 2 * * *";
    private int scheduledTrials = 10;

    public void load(String name) {
        study = name;
        refresh();
    }

    public void refresh() {
        if (study == null) {
            return;
        }
        try {
            training = trainings.find(study).orElse(null);
            runs = jobs.runs(study);
            schedule = schedules.get(study).orElse(null);
            nextRun = schedules.next(study).orElse(null);
            bestModel = models.list(study, 1).isEmpty() ? null : models.best(study);
            if (objective == null) {
                objective = training != null ? NetworkObjective.NAME : "";
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void start() {
        try {
            long execution = jobs.start(
                    new OptimizationJobs.Plan(study, budget, parallelism, objective, Duration.ofMinutes(30)));
            messages.info("Started run " + execution + " of " + study + " (budget " + budget + ")");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public void stop(long execution) {
        try {
            jobs.stop(study, execution);
            messages.info("Stopping run " + execution);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public void restart(long execution) {
        try {
            messages.info("Restarted run " + execution + " as " + jobs.restart(study, execution));
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public void saveSchedule() {
        try {
            schedules.set(study, cron, scheduledTrials, parallelism, objective, Duration.ofMinutes(30));
            messages.info("Scheduled " + study + " at " + cron + " (UTC)");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public void removeSchedule() {
        try {
            schedules.remove(study);
            messages.info("Removed the schedule of " + study);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public String steps(OptimizationRun run) {
        return run.steps().stream()
                .map(step -> step.name() + " " + step.status().toLowerCase()
                        + (step.written() > 0 ? " (" + step.written() + " trials)" : ""))
                .collect(Collectors.joining(" → "));
    }

    public boolean active(OptimizationRun run) {
        return List.of("STARTING", "STARTED").contains(run.status()) && !run.orphaned();
    }

    public boolean restartable(OptimizationRun run) {
        return run.orphaned() || List.of("FAILED", "STOPPED").contains(run.status());
    }

    public String getTrainingJson() {
        return training == null
                ? null
                : TrainingSetupJson.json(training.setup()).toString();
    }

    public StudyTraining getTraining() {
        return training;
    }

    public List<OptimizationRun> getRuns() {
        return runs;
    }

    public StudySchedule getSchedule() {
        return schedule;
    }

    public Optional<Instant> getNextRun() {
        return Optional.ofNullable(nextRun);
    }

    public ModelRecord getBestModel() {
        return bestModel;
    }

    public int getBudget() {
        return budget;
    }

    public void setBudget(int budget) {
        this.budget = budget;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public String getObjective() {
        return objective;
    }

    public void setObjective(String objective) {
        this.objective = objective;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public int getScheduledTrials() {
        return scheduledTrials;
    }

    public void setScheduledTrials(int scheduledTrials) {
        this.scheduledTrials = scheduledTrials;
    }
}
