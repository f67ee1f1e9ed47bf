package io.mabeam.bench.training;

import io.mabeam.improvement.control.CoderRules;
import io.mabeam.improvement.control.ReviewRules;
import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.optimization.control.InMemoryStudy;
import io.mabeam.optimization.control.ParameterImportance;
import io.mabeam.optimization.control.Pruner;
import io.mabeam.optimization.control.Pruners;
import io.mabeam.optimization.control.Samplers;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.training.entity.Task;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the coder/reviewer loop buys on penguins: a study starts with a cramped search space (narrow layers, a
 * learning rate too small for its epochs) and runs {@code first} trials; then either it goes on for {@code more}
 * trials as it is ("without"), or the coder's rules propose a new space, a reviewer with the default limits judges
 * it (the largest network as a Deeplearning4j configuration, its parameters and memory), and an accepted change
 * runs as a follow-up study of {@code more} trials, the parent's best first ("with"). Same seeds, same parent
 * trials in both arms; the best validation accuracy over all trials counts.
 *   bench/training.sh improvement [first=15] [more=15] [seeds=5]
 */
public final class ImprovementValue {

    static final String CRAMPED = """
            {"variables": [
              {"name": "units", "type": "int", "low": 4, "high": 8},
              {"name": "learning_rate", "type": "float", "low": 0.0001, "high": 0.001, "log": true},
              {"name": "dropout", "type": "float", "low": 0.0, "high": 0.3}]}""";

    record Arm(double best, int trials, String edits, boolean accepted, String review) {}

    record Result(long seed, double parent, Arm without, Arm with, double seconds) {}

    public static void main(String[] args) throws Exception {
        int first = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int more = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        TrainingData data = Bundled.prepared("penguins", "species", List.of(), 20, 5);
        SearchSpace space = SearchSpaceJson.parse(Json.createReader(new StringReader(CRAMPED)).readObject());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Result>> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            long s = seed;
            runs.add(pool.submit(() -> run(data, space, s, first, more)));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> run : runs) {
            Result r = run.get();
            results.add(r);
            System.out.printf(
                    "seed %d: after %d trials %.4f; +%d without %.4f, with %.4f (%s; %s) in %.0f s%n",
                    r.seed(), first, r.parent(), more, r.without().best(), r.with().best(), r.with().edits(),
                    r.with().review(), r.seconds());
        }
        pool.shutdown();
        System.out.println();
        System.out.println("| seed | best after " + first + " | +" + more + " without the loop | +" + more
                + " with the loop | the coder's change | review |");
        System.out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    "| %d | %.4f | %.4f | %.4f | %s | %s |%n",
                    r.seed(), r.parent(), r.without().best(), r.with().best(), r.with().edits(), r.with().review());
        }
        double without = results.stream().mapToDouble(r -> r.without().best()).average().orElse(0);
        double with = results.stream().mapToDouble(r -> r.with().best()).average().orElse(0);
        long wins = results.stream().filter(r -> r.with().best() > r.without().best()).count();
        long ties = results.stream().filter(r -> r.with().best() == r.without().best()).count();
        System.out.printf(
                "| mean | %.4f | %.4f ± %.4f | %.4f ± %.4f | with the loop better in %d of %d seeds, equal in %d | |%n",
                results.stream().mapToDouble(Result::parent).average().orElse(0),
                without,
                sd(results.stream().mapToDouble(r -> r.without().best()).toArray()),
                with,
                sd(results.stream().mapToDouble(r -> r.with().best()).toArray()),
                wins,
                results.size(),
                ties);
    }

    static double sd(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(0);
        return Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1));
    }

    static Result run(TrainingData data, SearchSpace space, long seed, int first, int more) {
        long started = System.nanoTime();
        InMemoryStudy parent = study(space, seed);
        Pruner pruner = Pruners.create(Json.createObjectBuilder().add("name", "median").build());
        double parentBest = trials(parent, pruner, data, seed, 0, first);
        // the two arms branch from the same parent: "without" goes on in a copy of it
        InMemoryStudy goOn = study(space, seed);
        for (Trial trial : parent.trials()) {
            Trial asked = goOn.ask();
            if (!asked.parameters().equals(trial.parameters())) {
                throw new IllegalStateException("the sampler is not deterministic for seed " + seed);
            }
            if (trial.state() == TrialState.COMPLETE) {
                goOn.tell(asked.number(), trial.values().get(0));
            } else {
                goOn.tell(asked.number(), trial.state());
            }
        }
        double without = Math.max(parentBest, trials(goOn, pruner, data, seed, first, more));

        Map<String, Double> importance = ParameterImportance.evaluate(parent.history(), 0, seed);
        Optional<ChangeProposal> change = CoderRules.propose("penguins", parent.history(), importance, true);
        NetworkShape shape = new NetworkShape(
                data.preprocessor().width(),
                data.preprocessor().outputs(),
                data.preprocessor().task() == Task.CLASSIFICATION,
                data.train().size());
        if (Boolean.getBoolean("verbose")) {
            for (Trial t : parent.trials()) {
                System.out.println("  seed " + seed + " trial " + t.number() + " " + t.state() + " " + t.values() + " " + t.parameters());
            }
            System.out.println("  seed " + seed + " importance " + importance);
        }
        Arm with;
        if (change.isEmpty()) {
            with = new Arm(without, more, "no change proposed", false, "-");
        } else {
            ReviewRules.Review review =
                    ReviewRules.review(change.get().space(), Optional.of(shape), ReviewRules.Limits.defaults());
            String edits = String.join(", ", change.get().edits().stream()
                    .map(e -> e.action() + " " + e.variable() + " → " + e.after())
                    .toList());
            String verdict = (review.accept() ? "accepted" : "rejected") + String.format(
                    ", largest net %,d params", review.worstParameters());
            if (!review.accept()) {
                with = new Arm(without, more, edits, false, verdict);
            } else {
                InMemoryStudy followUp = study(change.get().space(), seed + 100);
                change.get().enqueue().forEach(followUp::enqueue);
                double best = Math.max(parentBest, trials(followUp, pruner, data, seed, first, more));
                with = new Arm(best, more, edits, true, verdict);
            }
        }
        return new Result(seed, parentBest, new Arm(without, more, "", false, ""), with, (System.nanoTime() - started) / 1e9);
    }

    static InMemoryStudy study(SearchSpace space, long seed) {
        JsonObject sampler = Json.createObjectBuilder().add("name", "auto").build();
        return new InMemoryStudy(space, List.of(Direction.MAXIMIZE), Samplers.create(sampler, seed, space));
    }

    /** Runs {@code count} trials; trial i trains with seed {@code seed * 1000 + offset + i}. */
    static double trials(InMemoryStudy study, Pruner pruner, TrainingData data, long seed, int offset, int count) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            Trial trial = study.ask();
            NetworkSpec spec = NetworkSpec.of(trial.parameters(), data.setup().maxEpochs());
            NetworkTrainer.Trained trained = NetworkTrainer.train(
                    data, spec, data.setup().patience(), seed * 1000 + offset + i,
                    (epoch, score) -> study.report(trial.number(), epoch, score, pruner));
            if (trained.pruned()) {
                study.tell(trial.number(), TrialState.PRUNED);
            } else {
                study.tell(trial.number(), trained.bestScore());
                best = Math.max(best, trained.bestScore());
            }
        }
        return best;
    }
}
