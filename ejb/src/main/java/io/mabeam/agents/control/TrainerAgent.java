package io.mabeam.agents.control;

import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.control.Objective;
import io.mabeam.training.control.Objectives;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates trials: one at a time, on a worker executor (an evaluation may take minutes; the agents' threads
 * stay free), reporting intermediate values to the study and stopping when told to prune. Further requests
 * wait in its stash until it is free.
 */
public final class TrainerAgent {

    private static final Logger LOG = Logger.getLogger(TrainerAgent.class.getName());

    private TrainerAgent() {}

    /** The trainer's protocol. */
    public sealed interface Command permits Evaluate, Evaluated {}

    /** Evaluate trial {@code number} of {@code study} with {@code objective}; the outcome goes to {@code replyTo}. */
    public record Evaluate(
            String study,
            long number,
            Map<String, Object> parameters,
            String objective,
            AgentRef<OptimizerAgent.Command> replyTo)
            implements Command {}

    /** An evaluation ended (internal). */
    record Evaluated(Evaluate request, Outcome outcome) implements Command {}

    /**
     * @param studies the client of a study by name (for intermediate values)
     * @param work where evaluations run
     */
    public static Behavior<Command> create(
            Objectives objectives, Function<String, StudyClient> studies, Executor work) {
        return Behaviors.setup(context -> new Behavior<>() {
            boolean busy;

            @Override
            public Behavior<Command> receive(AgentContext<Command> ctx, Command command) {
                if (command instanceof Evaluate evaluate) {
                    if (busy) {
                        ctx.stash(evaluate);
                        return Behaviors.same();
                    }
                    busy = true;
                    ctx.pipeToSelf(
                            CompletableFuture.supplyAsync(() -> evaluate(evaluate, objectives, studies), work),
                            (outcome, failure) ->
                                    new Evaluated(evaluate, failure == null ? outcome : ended(TrialState.FAILED)));
                } else if (command instanceof Evaluated evaluated) {
                    busy = false;
                    Evaluate request = evaluated.request();
                    request.replyTo()
                            .tell(new OptimizerAgent.TrialFinished(request.number(), evaluated.outcome(), ctx.self()));
                    ctx.unstashAll();
                }
                return Behaviors.same();
            }
        });
    }

    /**
     * Asks a trainer to evaluate one trial, for callers that are not agents (batch partitions): completes with
     * the trainer's outcome, or exceptionally when it does not take the request or answer within the timeout.
     */
    public static CompletableFuture<Outcome> evaluate(
            AgentRef<Command> trainer,
            String study,
            long number,
            Map<String, Object> parameters,
            String objective,
            java.time.Duration timeout) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AgentRef<OptimizerAgent.Command> replyTo = AgentRef.of(trainer.id() + "/caller", message -> {
            if (message instanceof OptimizerAgent.TrialFinished finished && finished.number() == number) {
                return outcome.complete(finished.outcome());
            }
            return false;
        });
        if (!trainer.tell(new Evaluate(study, number, parameters, objective, replyTo))) {
            outcome.completeExceptionally(new AgentRef.MessageRefused(trainer.id()));
        }
        return outcome.orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static Outcome evaluate(Evaluate request, Objectives objectives, Function<String, StudyClient> studies) {
        Objective objective = objectives.find(request.objective()).orElse(null);
        if (objective == null) {
            return ended(TrialState.FAILED);
        }
        StudyClient study = studies.apply(request.study());
        try {
            double[] values = objective.evaluate(new Objective.Evaluation(
                    request.study(),
                    request.number(),
                    request.parameters(),
                    (step, value) -> study.report(request.number(), step, value)));
            return Outcome.complete(values);
        } catch (Objective.Pruned pruned) {
            return ended(TrialState.PRUNED);
        } catch (Exception | LinkageError failure) {
            LOG.log(
                    Level.WARNING,
                    failure,
                    () -> "trial " + request.number() + " of " + request.study() + " failed: " + failure.getMessage());
            return ended(TrialState.FAILED);
        }
    }

    static Outcome ended(TrialState state) {
        return new Outcome(state, List.of(), List.of());
    }
}
