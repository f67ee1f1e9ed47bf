package io.mabeam.bench.training;

import io.mabeam.optimization.control.InMemoryStudy;
import io.mabeam.optimization.control.Pruner;
import io.mabeam.optimization.control.Pruners;
import io.mabeam.optimization.control.Samplers;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What tuning buys: the best validation accuracy after {@code trials} trials on penguins and titanic, the
 * default sampler ({@code auto}) with median pruning against random search without pruning, over several
 * seeds, and the epochs each spent (the compute pruning saves). Studies run in memory with the platform's
 * samplers, pruners and trainer; two at a time.
 *   bench/training.sh tuning [trials=50] [seeds=5]
 */
public final class TuningValue {

    static final String SPACE = """
            {"variables": [
              {"name": "layers", "type": "int", "low": 1, "high": 3},
              {"name": "units", "type": "int", "low": 8, "high": 64, "log": true},
              {"name": "learning_rate", "type": "float", "low": 0.001, "high": 0.1, "log": true},
              {"name": "dropout", "type": "float", "low": 0.0, "high": 0.4},
              {"name": "activation", "type": "categorical", "choices": ["relu", "tanh", "elu"]}]}""";

    record Result(String dataset, String method, long seed, double best, long epochs, int pruned, double seconds) {}

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, TrainingData> datasets = Map.of(
                "penguins", Bundled.prepared("penguins", "species", List.of(), 30, 8),
                "titanic", Bundled.prepared("titanic", "survived", List.of("alive"), 30, 8));
        SearchSpace space = SearchSpaceJson.parse(Json.createReader(new StringReader(SPACE)).readObject());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Result>> runs = new ArrayList<>();
        for (String dataset : List.of("penguins", "titanic")) {
            for (long seed = 1; seed <= seeds; seed++) {
                for (String method : List.of("auto+median", "random")) {
                    long s = seed;
                    runs.add(pool.submit(() -> run(dataset, datasets.get(dataset), space, method, s, trials)));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> run : runs) {
            Result result = run.get();
            results.add(result);
            System.out.printf("%-9s %-12s seed %d: best %.4f, %5d epochs, %2d pruned, %6.1f s%n", result.dataset(), result.method(), result.seed(), result.best(), result.epochs(), result.pruned(), result.seconds());
        }
        pool.shutdown();
        System.out.println();
        System.out.println("| dataset | method | best validation accuracy (mean ± sd over " + seeds + " seeds) | epochs trained (mean) | pruned trials (mean) | seconds (mean) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String dataset : List.of("penguins", "titanic")) {
            double[] epochs = new double[2];
            int i = 0;
            for (String method : List.of("auto+median", "random")) {
                List<Result> of = results.stream().filter(r -> r.dataset().equals(dataset) && r.method().equals(method)).toList();
                double mean = of.stream().mapToDouble(Result::best).average().orElse(0);
                double sd = Math.sqrt(of.stream().mapToDouble(r -> (r.best() - mean) * (r.best() - mean)).sum() / Math.max(1, of.size() - 1));
                epochs[i++] = of.stream().mapToLong(Result::epochs).average().orElse(0);
                System.out.printf("| %s | %s | %.4f ± %.4f | %.0f | %.1f | %.1f |%n", dataset, method, mean, sd, epochs[i - 1], of.stream().mapToInt(Result::pruned).average().orElse(0), of.stream().mapToDouble(Result::seconds).average().orElse(0));
            }
            System.out.printf("compute saved by pruning on %s: %.0f %% of the epochs%n", dataset, 100 * (1 - epochs[0] / epochs[1]));
        }
    }

    static Result run(String name, TrainingData data, SearchSpace space, String method, long seed, int count) {
        boolean tuned = method.startsWith("auto");
        JsonObject samplerSpec = Json.createObjectBuilder().add("name", tuned ? "auto" : "random").build();
        Pruner pruner = Pruners.create(Json.createObjectBuilder().add("name", tuned ? "median" : "none").build());
        InMemoryStudy study = new InMemoryStudy(space, List.of(Direction.MAXIMIZE), Samplers.create(samplerSpec, seed, space));
        long epochs = 0;
        int pruned = 0;
        double best = Double.NEGATIVE_INFINITY;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Trial trial = study.ask();
            NetworkSpec spec = NetworkSpec.of(trial.parameters(), data.setup().maxEpochs());
            NetworkTrainer.Trained trained = NetworkTrainer.train(data, spec, data.setup().patience(), seed * 1000 + i,
                    (epoch, score) -> study.report(trial.number(), epoch, score, pruner));
            epochs += trained.epochs();
            if (trained.pruned()) {
                pruned++;
                study.tell(trial.number(), TrialState.PRUNED);
            } else {
                study.tell(trial.number(), trained.bestScore());
                best = Math.max(best, trained.bestScore());
            }
        }
        return new Result(name, method, seed, best, epochs, pruned, (System.nanoTime() - started) / 1e9);
    }
}
