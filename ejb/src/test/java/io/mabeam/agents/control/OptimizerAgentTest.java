package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.control.InMemoryStudy;
import io.mabeam.optimization.control.TpeSampler;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.control.BenchmarkObjectives;
import io.mabeam.training.control.Objective;
import io.mabeam.training.control.Objectives;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizerAgentTest {

    /** An in-memory study as the agents see it; counts the tells of each trial. */
    static final class MemoryStudy implements StudyClient {
        final InMemoryStudy study;
        final Map<Long, Integer> tells = new ConcurrentHashMap<>();
        final long pruneAtStep;

        MemoryStudy(SearchSpace space, long pruneAtStep) {
            this.study = new InMemoryStudy(space, List.of(Direction.MINIMIZE), new TpeSampler(7));
            this.pruneAtStep = pruneAtStep;
        }

        @Override
        public String study() {
            return "memory";
        }

        @Override
        public AskedTrial ask() {
            Trial trial = study.ask();
            return new AskedTrial(trial.number(), trial.parameters());
        }

        @Override
        public boolean report(long number, long step, double value) {
            return step >= pruneAtStep;
        }

        @Override
        public int finished() {
            return (int)
                    study.trials().stream().filter(t -> t.state().finished()).count();
        }

        @Override
        public void tell(long number, Outcome outcome) {
            tells.merge(number, 1, Integer::sum);
            if (outcome.state() == TrialState.COMPLETE) {
                study.tell(
                        number,
                        outcome.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
            } else {
                study.tell(number, outcome.state());
            }
        }
    }

    static final SearchSpace HARTMANN6 = SearchSpace.of(
            FloatVariable.uniform("x0", 0, 1),
            FloatVariable.uniform("x1", 0, 1),
            FloatVariable.uniform("x2", 0, 1),
            FloatVariable.uniform("x3", 0, 1),
            FloatVariable.uniform("x4", 0, 1),
            FloatVariable.uniform("x5", 0, 1));

    ForkJoinPool executor;
    ScheduledThreadPoolExecutor scheduler;
    ExecutorService work;
    AgentSystem system;

    @BeforeEach
    void start() {
        executor = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        scheduler = new ScheduledThreadPoolExecutor(1);
        work = Executors.newFixedThreadPool(4);
        system = new AgentSystem(
                executor, scheduler, new AgentSystem.Listener() {}, AgentSystem.Settings.defaults(), new Random(1));
    }

    @AfterEach
    void stop() {
        system.close();
        scheduler.shutdownNow();
        work.shutdownNow();
        executor.shutdownNow();
    }

    OptimizerAgent.Report run(
            MemoryStudy study,
            String objective,
            Objectives objectives,
            int budget,
            Duration timeout,
            List<AgentRef<TrainerAgent.Command>> extraTrainers,
            int trainers)
            throws Exception {
        List<AgentRef<TrainerAgent.Command>> team = new ArrayList<>(extraTrainers);
        for (int i = 0; i < trainers; i++) {
            team.add(system.spawn("trainer-" + i, TrainerAgent.create(objectives, name -> study, work)));
        }
        AgentRef<OptimizerAgent.Command> optimizer =
                system.spawn("optimizer", OptimizerAgent.create(study, objective, timeout, work));
        return optimizer
                .<OptimizerAgent.Report>ask(
                        replyTo -> new OptimizerAgent.Run(budget, team, replyTo), Duration.ofSeconds(60))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void anOptimizerWithThreeTrainersSpendsItsBudgetAndTellsEveryTrialOnce() throws Exception {
        MemoryStudy study = new MemoryStudy(HARTMANN6, Long.MAX_VALUE);
        OptimizerAgent.Report report =
                run(study, "hartmann6", Objectives.discovered(), 40, Duration.ofSeconds(30), List.of(), 3);
        assertThat(report.done()).isTrue();
        assertThat(report.told()).isEqualTo(40);
        assertThat(report.complete()).isEqualTo(40);
        assertThat(study.study.trials()).hasSize(40).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(study.tells.values()).hasSize(40).allMatch(count -> count == 1);
        // TPE took over after the random start: the best is well below a random point's typical value
        double best = study.study.trials().stream()
                .mapToDouble(t -> t.values().get(0))
                .min()
                .orElseThrow();
        assertThat(best).isLessThan(-1.0);
    }

    /**
     * The wire between two nodes, as the post office carries it: the JSON form of a message, as text, decoded
     * on the other side by the receiving agent's type.
     */
    static java.util.function.BiPredicate<String, jakarta.json.JsonObject> wireTo(
            AgentSystem node, AgentType... types) {
        return (id, message) -> {
            jakarta.json.JsonObject received = jakarta.json.Json.createReader(
                            new java.io.StringReader(message.toString()))
                    .readObject();
            @SuppressWarnings("unchecked")
            AgentRef<Object> agent = (AgentRef<Object>) node.find(id).orElse(null);
            if (agent == null) {
                return false;
            }
            for (AgentType type : types) {
                try {
                    return agent.tell(type.message(received, AgentRef.of(id + "/reply", reply -> true)));
                } catch (IllegalArgumentException notThisType) {
                    // the next type
                }
            }
            return false;
        };
    }

    @Test
    void anOptimizerDrivesTrainersOnAnotherNodeThroughTheirJsonProtocol() throws Exception {
        MemoryStudy study = new MemoryStudy(HARTMANN6, Long.MAX_VALUE);
        AgentSystem other = new AgentSystem(
                executor, scheduler, new AgentSystem.Listener() {}, AgentSystem.Settings.defaults(), new Random(2));
        try {
            Routes here = new Routes(system);
            Routes there = new Routes(other);
            OptimizerType optimizerType = new OptimizerType(here);
            TrainerType trainerType = new TrainerType(there);
            here.connect(wireTo(other, trainerType));
            there.connect(wireTo(system, optimizerType));
            AgentEnvironment environment =
                    new AgentEnvironment(system, Objectives.discovered(), name -> study, work, work);
            AgentEnvironment otherEnvironment =
                    new AgentEnvironment(other, Objectives.discovered(), name -> study, work, work);
            other.spawn("remote-1", trainerType.behavior(jakarta.json.JsonValue.EMPTY_JSON_OBJECT, otherEnvironment));
            other.spawn("remote-2", trainerType.behavior(jakarta.json.JsonValue.EMPTY_JSON_OBJECT, otherEnvironment));
            jakarta.json.JsonObject config = jakarta.json.Json.createObjectBuilder()
                    .add("study", "memory")
                    .add("objective", "hartmann6")
                    .add("budget", 16)
                    .add(
                            "trainers",
                            jakarta.json.Json.createArrayBuilder()
                                    .add("remote-1")
                                    .add("remote-2"))
                    .build();
            optimizerType.validate(config);
            system.spawn("optimizer", optimizerType.behavior(config, environment));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (study.finished() < 16 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(study.study.trials()).hasSize(16).allMatch(t -> t.state() == TrialState.COMPLETE);
            assertThat(study.tells.values()).hasSize(16).allMatch(count -> count == 1);
            assertThat(other.snapshot("remote-1").orElseThrow().processed()).isPositive();
            assertThat(other.snapshot("remote-2").orElseThrow().processed()).isPositive();
        } finally {
            other.close();
        }
    }

    @Test
    void aTrialAndItsOutcomeSurviveTheirJsonForm() {
        Routes routes = new Routes(system);
        TrainerAgent.Evaluate evaluate = new TrainerAgent.Evaluate(
                "s",
                7,
                Map.of("x", 0.25, "n", 3L, "c", "adam", "b", true),
                "hartmann6",
                AgentMessages.optimizer("opt", routes));
        TrainerAgent.Evaluate decoded = AgentMessages.evaluate(AgentMessages.json(evaluate), routes);
        assertThat(decoded.parameters()).isEqualTo(evaluate.parameters());
        assertThat(decoded.number()).isEqualTo(7);
        assertThat(decoded.replyTo().id()).isEqualTo("opt");
        OptimizerAgent.TrialFinished finished = new OptimizerAgent.TrialFinished(
                7,
                new Outcome(TrialState.COMPLETE, List.of(1.5, -2.0), List.of(0.0)),
                AgentMessages.trainer("t", routes));
        OptimizerAgent.TrialFinished back = AgentMessages.trialFinished(AgentMessages.json(finished), routes);
        assertThat(back.outcome()).isEqualTo(finished.outcome());
        assertThat(back.trainer().id()).isEqualTo("t");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentMessages.trialFinished(
                        jakarta.json.Json.createObjectBuilder().add("number", 1).build(), routes))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrainerThatDoesNotAnswerInTimeHasItsTrialFailedOnceAndTheRunGoesOn() throws Exception {
        MemoryStudy study = new MemoryStudy(HARTMANN6, Long.MAX_VALUE);
        AgentRef<TrainerAgent.Command> silent = system.spawn("silent", (context, command) -> Behaviors.same());
        OptimizerAgent.Report report =
                run(study, "hartmann6", Objectives.discovered(), 10, Duration.ofMillis(200), List.of(silent), 1);
        assertThat(report.told()).isEqualTo(10);
        assertThat(report.failed()).isGreaterThanOrEqualTo(1);
        assertThat(report.complete() + report.failed()).isEqualTo(10);
        assertThat(study.tells.values()).allMatch(count -> count == 1);
    }

    @Test
    void prunedFailingAndUnknownObjectivesEndTheirTrialsAccordingly() throws Exception {
        Objective stepping = new Objective() {
            @Override
            public String name() {
                return "stepping";
            }

            @Override
            public double[] evaluate(Map<String, Object> parameters, Progress progress) throws Exception {
                for (long step = 0; step < 10; step++) {
                    if (progress.report(step, step)) {
                        throw new Pruned(step);
                    }
                }
                return new double[] {1};
            }
        };
        Objective broken = new Objective() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public double[] evaluate(Map<String, Object> parameters, Progress progress) {
                throw new IllegalStateException("no data");
            }
        };
        Objectives objectives = new Objectives(List.of(stepping, broken, BenchmarkObjectives.BRANIN));

        OptimizerAgent.Report pruned =
                run(new MemoryStudy(HARTMANN6, 3), "stepping", objectives, 4, Duration.ofSeconds(30), List.of(), 2);
        assertThat(pruned.pruned()).isEqualTo(4);
        stop();
        start();
        OptimizerAgent.Report failed = run(
                new MemoryStudy(HARTMANN6, Long.MAX_VALUE),
                "broken",
                objectives,
                3,
                Duration.ofSeconds(30),
                List.of(),
                1);
        assertThat(failed.failed()).isEqualTo(3);
        stop();
        start();
        OptimizerAgent.Report unknown = run(
                new MemoryStudy(HARTMANN6, Long.MAX_VALUE),
                "nowhere",
                objectives,
                2,
                Duration.ofSeconds(30),
                List.of(),
                1);
        assertThat(unknown.failed()).isEqualTo(2);
    }

    @Test
    void aRunCountsWhatTheStudyHasFinishedAlready() throws Exception {
        MemoryStudy study = new MemoryStudy(HARTMANN6, Long.MAX_VALUE);
        study.study.optimize(p -> new double[] {0.5}, 7);
        OptimizerAgent.Report report =
                run(study, "hartmann6", Objectives.discovered(), 10, Duration.ofSeconds(30), List.of(), 2);
        assertThat(report.told()).isEqualTo(10);
        assertThat(study.study.trials()).hasSize(10);
        assertThat(study.tells).hasSize(3);
    }

    @Test
    void theBenchmarkObjectivesHaveTheirKnownMinima() throws Exception {
        double branin =
                BenchmarkObjectives.BRANIN.evaluate(Map.of("x0", Math.PI, "x1", 2.275), Objective.Progress.NONE)[0];
        assertThat(branin).isCloseTo(0.397887, org.assertj.core.data.Offset.offset(1e-5));
        Map<String, Object> optimum =
                Map.of("x0", 0.20169, "x1", 0.150011, "x2", 0.476874, "x3", 0.275332, "x4", 0.311652, "x5", 0.6573);
        double hartmann = BenchmarkObjectives.HARTMANN6.evaluate(optimum, Objective.Progress.NONE)[0];
        assertThat(hartmann).isCloseTo(-3.32237, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Objectives.discovered().names()).contains("branin", "hartmann6");
    }
}
