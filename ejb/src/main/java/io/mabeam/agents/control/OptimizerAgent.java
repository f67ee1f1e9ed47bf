package io.mabeam.agents.control;

import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Drives a study to its budget with a team of trainers: asks the study for a trial for each free trainer,
 * hands it over, tells the study the outcome, and asks again until the study has {@code budget} finished
 * trials — counted from the study when a run starts, so an optimizer restarted mid-run carries on where the
 * study is rather than spending its budget again. Each trial
 * is told exactly once: a trial whose trainer does not answer within the trial timeout is told failed and a
 * late answer is ignored. Study calls (database round trips) run on an I/O executor, never on the agent's turn.
 */
public final class OptimizerAgent {

    private OptimizerAgent() {}

    /** The optimizer's protocol. */
    public sealed interface Command permits Run, Resumed, TrialFinished, Status, Asked, Told, TimedOut, Retry {}

    /** Run {@code budget} trials with these trainers; the final report goes to {@code replyTo}. */
    public record Run(int budget, List<AgentRef<TrainerAgent.Command>> trainers, AgentRef<Report> replyTo)
            implements Command {
        public Run {
            if (budget < 1 || trainers == null || trainers.isEmpty()) {
                throw new IllegalArgumentException("a run needs a budget of at least one trial and a trainer");
            }
            trainers = List.copyOf(trainers);
        }
    }

    /** The study's finished trials when the run started (internal). */
    record Resumed(Run run, Integer finished, Throwable failure) implements Command {}

    /** A trainer's outcome for a trial. */
    public record TrialFinished(long number, Outcome outcome, AgentRef<TrainerAgent.Command> trainer)
            implements Command {}

    /** Where the run stands. */
    public record Status(AgentRef<Report> replyTo) implements Command {}

    /** The study answered an ask (internal). */
    record Asked(StudyClient.AskedTrial trial, Throwable failure, AgentRef<TrainerAgent.Command> trainer)
            implements Command {}

    /** The study took a tell (internal). */
    record Told(long number, TrialState state, Throwable failure, AgentRef<TrainerAgent.Command> trainer)
            implements Command {}

    /** A trainer did not answer in time (internal). */
    record TimedOut(long number, AgentRef<TrainerAgent.Command> trainer) implements Command {}

    /** A run's progress: trials handed out and told, by outcome. */
    public record Report(
            String study, int budget, int asked, int told, int complete, int pruned, int failed, boolean done) {}

    /** A study call failed: ask again for this trainer (internal). */
    record Retry(AgentRef<TrainerAgent.Command> trainer) implements Command {}

    public static Behavior<Command> create(StudyClient study, String objective, Duration trialTimeout, Executor io) {
        return Behaviors.setup(context -> new Driver(study, objective, trialTimeout, io));
    }

    private static final class Driver implements Behavior<Command> {

        private final StudyClient study;
        private final String objective;
        private final Duration trialTimeout;
        private final Executor io;
        private final Map<Long, AgentRef<TrainerAgent.Command>> running = new HashMap<>();
        private int budget;
        private int asked;
        private int told;
        private int complete;
        private int pruned;
        private int failed;
        private AgentRef<Report> replyTo;

        Driver(StudyClient study, String objective, Duration trialTimeout, Executor io) {
            this.study = study;
            this.objective = objective;
            this.trialTimeout = trialTimeout;
            this.io = io;
        }

        @Override
        public Behavior<Command> receive(AgentContext<Command> context, Command command) {
            if (command instanceof Run run) {
                context.pipeToSelf(
                        CompletableFuture.supplyAsync(study::finished, io),
                        (finished, failure) -> new Resumed(run, finished, failure));
            } else if (command instanceof Resumed resumed) {
                if (resumed.failure() != null) {
                    context.startTimer("resume", resumed.run(), Duration.ofMillis(200));
                    return Behaviors.same();
                }
                budget = resumed.run().budget();
                replyTo = resumed.run().replyTo();
                told = Math.min(budget, resumed.finished());
                asked = told;
                if (told >= budget) {
                    replyTo.tell(report());
                }
                for (AgentRef<TrainerAgent.Command> trainer : resumed.run().trainers()) {
                    askFor(context, trainer);
                }
            } else if (command instanceof Asked answer) {
                handOut(context, answer);
            } else if (command instanceof TrialFinished finished) {
                finish(context, finished.number(), finished.outcome(), finished.trainer());
            } else if (command instanceof TimedOut timedOut) {
                finish(
                        context,
                        timedOut.number(),
                        new Outcome(TrialState.FAILED, List.of(), List.of()),
                        timedOut.trainer());
            } else if (command instanceof Told toldTrial) {
                count(context, toldTrial);
            } else if (command instanceof Retry retry) {
                askFor(context, retry.trainer());
            } else if (command instanceof Status status) {
                status.replyTo().tell(report());
            }
            return Behaviors.same();
        }

        private void askFor(AgentContext<Command> context, AgentRef<TrainerAgent.Command> trainer) {
            if (asked >= budget) {
                return;
            }
            asked++;
            context.pipeToSelf(
                    CompletableFuture.supplyAsync(study::ask, io),
                    (trial, failure) -> new Asked(trial, failure, trainer));
        }

        private void handOut(AgentContext<Command> context, Asked answer) {
            if (answer.failure() != null) {
                // the study could not be asked (its database away): ask again shortly
                asked--;
                context.startTimer(
                        "retry-" + answer.trainer().id(), new Retry(answer.trainer()), Duration.ofMillis(200));
                return;
            }
            StudyClient.AskedTrial trial = answer.trial();
            running.put(trial.number(), answer.trainer());
            context.startTimer(trial.number(), new TimedOut(trial.number(), answer.trainer()), trialTimeout);
            answer.trainer()
                    .tell(new TrainerAgent.Evaluate(
                            study.study(), trial.number(), trial.parameters(), objective, context.self()));
        }

        private void finish(
                AgentContext<Command> context, long number, Outcome outcome, AgentRef<TrainerAgent.Command> trainer) {
            if (running.remove(number) == null) {
                return; // told already (timed out, or a repeated answer): exactly once
            }
            context.cancelTimer(number);
            context.pipeToSelf(
                    CompletableFuture.runAsync(() -> study.tell(number, outcome), io),
                    (nothing, failure) -> new Told(number, outcome.state(), failure, trainer));
        }

        private void count(AgentContext<Command> context, Told toldTrial) {
            told++;
            TrialState state = toldTrial.failure() != null ? TrialState.FAILED : toldTrial.state();
            if (state == TrialState.COMPLETE) {
                complete++;
            } else if (state == TrialState.PRUNED) {
                pruned++;
            } else {
                failed++;
            }
            if (told >= budget) {
                replyTo.tell(report());
            } else {
                askFor(context, toldTrial.trainer());
            }
        }

        private Report report() {
            return new Report(
                    study.study(), budget, asked, told, complete, pruned, failed, budget > 0 && told >= budget);
        }
    }
}
