package io.mabeam.bench.training;

import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Raw float32 GEMM throughput against this CPU's peak, and the training throughput of the demo network (two
 * hidden layers of 32 ReLU units, Adam, batches of 32, on penguins) with one trainer and with two side by side.
 *   bench/training.sh throughput
 */
public final class TrainingThroughput {

    public static void main(String[] args) throws Exception {
        System.out.println(cpu());
        System.out.printf("OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s%n", System.getenv("OMP_NUM_THREADS"), System.getenv("OMP_WAIT_POLICY"));
        for (int n : new int[] {256, 1024, 2048}) {
            gemm(n);
        }
        TrainingData data = Bundled.prepared("penguins", "species", List.of(), 30, 30);
        NetworkSpec spec = NetworkSpec.of(Map.of("layers", 2, "units", 32, "learning_rate", 0.01), 30);
        train(data, spec, 1); // warm-up: native libraries, JIT
        double single = median(repeat(() -> train(data, spec, 1)[0], 3));
        System.out.printf("demo network, 1 trainer : %8.0f samples/s (%d train rows, 30 epochs)%n", single, data.train().size());
        double[] pair = null;
        List<Double> totals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pair = train(data, spec, 2);
            totals.add(pair[0] + pair[1]);
        }
        double two = median(totals);
        System.out.printf("demo network, 2 trainers: %8.0f samples/s together (%.0f + %.0f): speed-up %.2fx%n", two, pair[0], pair[1], two / single);
    }

    static void gemm(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        int reps = Math.max(3, (int) (2e10 / (2.0 * n * n * n)));
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("sgemm %4d x %4d: %7.1f GFLOP/s (%d products)%n", n, n, 2.0 * n * n * n * reps / seconds / 1e9, reps);
    }

    /** Samples per second of each of {@code trainers} networks trained side by side. */
    static double[] train(TrainingData data, NetworkSpec spec, int trainers) {
        ExecutorService pool = Executors.newFixedThreadPool(trainers);
        try {
            List<Future<Double>> rates = new ArrayList<>();
            for (int t = 0; t < trainers; t++) {
                long seed = 7 + t;
                rates.add(pool.submit(() -> {
                    NetworkTrainer.Trained trained = NetworkTrainer.train(data, spec, 1000, seed, (epoch, score) -> false);
                    return trained.samples() / (trained.nanos() / 1e9);
                }));
            }
            double[] result = new double[trainers];
            for (int t = 0; t < trainers; t++) {
                result[t] = rates.get(t).get();
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    static List<Double> repeat(java.util.function.DoubleSupplier run, int times) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            values.add(run.getAsDouble());
        }
        return values;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The CPU's name, clock and vector units, and its float32 peak per core (two FMA units assumed). */
    static String cpu() throws Exception {
        List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
        String model = field(info, "model name");
        double mhz = Double.parseDouble(field(info, "cpu MHz"));
        List<String> flags = Arrays.asList(field(info, "flags").split(" "));
        int lanes = flags.contains("avx512f") ? 16 : flags.contains("avx2") ? 8 : 4;
        int perCycle = lanes * 2 * (flags.contains("fma") || flags.contains("avx512f") ? 2 : 1);
        return "%s, %.0f MHz, %d cores; %s%s%s: float32 peak %d FLOP/cycle = %.1f GFLOP/s per core"
                .formatted(
                        model,
                        mhz,
                        Runtime.getRuntime().availableProcessors(),
                        flags.contains("avx512f") ? "avx512f " : "",
                        flags.contains("avx2") ? "avx2 " : "",
                        flags.contains("fma") ? "fma" : "",
                        perCycle,
                        perCycle * mhz / 1000);
    }

    private static String field(List<String> info, String name) {
        return info.stream()
                .filter(line -> line.startsWith(name))
                .findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .orElse("?");
    }
}
