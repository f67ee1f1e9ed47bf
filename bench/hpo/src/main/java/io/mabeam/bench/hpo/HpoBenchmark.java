package io.mabeam.bench.hpo;

import io.mabeam.optimization.control.AutoSampler;
import io.mabeam.optimization.control.CmaEsSampler;
import io.mabeam.optimization.control.GpSampler;
import io.mabeam.optimization.control.Hypervolume;
import io.mabeam.optimization.control.InMemoryStudy;
import io.mabeam.optimization.control.NsgaIISampler;
import io.mabeam.optimization.control.PortfolioSampler;
import io.mabeam.optimization.control.QuasiRandomSampler;
import io.mabeam.optimization.control.RandomSampler;
import io.mabeam.optimization.control.Sampler;
import io.mabeam.optimization.control.TpeSampler;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Runs the reference problems with each sampler, seeds × trials, sequential ask/tell, and prints the
 * table of ../shared/benchmarks/hpo/README.md: median [q25, q75] best simple regret at 25/50/100/200 trials
 * and the sampler's CPU time per trial.
 *
 * <pre>java … HpoBenchmark [--problems branin,hartmann6,mixed,dtlz2,dtlz2_2] [--samplers random,tpe,…] [--seeds 30] [--first-seed 0]
 *     [--trials 200] [--threads 2] [--url http://127.0.0.1:8080/ --token mbt_…]</pre>
 *
 * With {@code --url}, every study runs on that node through its REST API instead of in this JVM.
 */
public final class HpoBenchmark {

    static final Map<String, LongFunction<Sampler>> SAMPLERS = new LinkedHashMap<>();

    static {
        SAMPLERS.put("random", RandomSampler::new);
        SAMPLERS.put("tpe", TpeSampler::new);
        SAMPLERS.put("cmaes", CmaEsSampler::new);
        SAMPLERS.put("cmaes-ipop", seed -> new CmaEsSampler(seed, CmaEsSampler.Options.defaults().withRestartStrategy(CmaEsSampler.RestartStrategy.IPOP)));
        SAMPLERS.put("sobol", seed -> new QuasiRandomSampler(QuasiRandomSampler.Kind.SOBOL, seed));
        SAMPLERS.put("auto", seed -> new AutoSampler(seed, false));
        SAMPLERS.put("nsga2", NsgaIISampler::new);
        SAMPLERS.put("gp", GpSampler::new);
        SAMPLERS.put("portfolio", PortfolioSampler::new);
        // a tight economy: a twentieth of a credit per trial, a balance of at most one credit, half a credit a new best
        SAMPLERS.put("portfolio-tight", seed -> new PortfolioSampler(seed, new PortfolioSampler.Options(
                PortfolioSampler.DEFAULT_MEMBERS, 1_000_000, 50_000, 1_000_000, 500_000)));
        SAMPLERS.put("gp-1024", seed -> new GpSampler(seed, GpSampler.Options.defaults().withCandidates(1024)));
        SAMPLERS.put("gp-2048", seed -> new GpSampler(seed, GpSampler.Options.defaults().withCandidates(2048)));
        SAMPLERS.put("gp100-tpe", seed -> byTrials(100, new GpSampler(seed), new TpeSampler(seed)));
        SAMPLERS.put("gp100-tpe-multivariate", seed -> byTrials(100, new GpSampler(seed),
                new TpeSampler(seed, TpeSampler.Options.defaults().withMultivariate(true))));
        SAMPLERS.put("tpe-multivariate", seed -> new TpeSampler(seed, TpeSampler.Options.defaults().withMultivariate(true)));
    }

    /** A hybrid policy: {@code first} while fewer than {@code trials} trials are complete, then {@code then}. */
    static Sampler byTrials(int trials, Sampler first, Sampler then) {
        return new Sampler() {
            @Override
            public io.mabeam.optimization.entity.Suggestion suggest(
                    io.mabeam.optimization.entity.StudyHistory history, long number) {
                return (history.complete().size() < trials ? first : then).suggest(history, number);
            }

            @Override
            public String name() {
                return first.name() + trials + "-" + then.name();
            }
        };
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        List<Problem> problems = Arrays.stream(options.getOrDefault("problems", "branin,hartmann6,mixed").split(","))
                .map(p -> Problem.valueOf(p.trim().toUpperCase(Locale.ROOT)))
                .toList();
        List<String> samplers = List.of(options.getOrDefault("samplers", String.join(",", SAMPLERS.keySet())).split(","));
        int seeds = Integer.parseInt(options.getOrDefault("seeds", "30"));
        int firstSeed = Integer.parseInt(options.getOrDefault("first-seed", "0"));
        int trials = Integer.parseInt(options.getOrDefault("trials", "200"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        String url = options.get("url");
        String token = options.get("token");
        int[] checkpoints = Arrays.stream(new int[] {25, 50, 100, 200, 500, 1000}).filter(c -> c <= trials).toArray();

        System.out.printf(Locale.ROOT, "# %d seeds × %d trials, sequential ask/tell, %s, %d threads, %s%n", seeds, trials,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), threads, java.time.LocalDate.now());
        StringBuilder header = new StringBuilder("| problem | sampler |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int c : checkpoints) {
            header.append(" @").append(c).append(" |");
            rule.append("---|");
        }
        header.append(" CPU ms/trial @100 | @").append(trials).append(" |");
        rule.append("---|---|");
        System.out.println(header);
        System.out.println(rule);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        StringBuilder credits = new StringBuilder();
        for (Problem problem : problems) {
            for (String samplerName : samplers) {
                LongFunction<Sampler> factory = SAMPLERS.get(samplerName.trim());
                if (factory == null) {
                    throw new IllegalArgumentException("unknown sampler " + samplerName + "; known: " + SAMPLERS.keySet());
                }
                List<Future<Run>> futures = new ArrayList<>();
                for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                    long s = seed;
                    futures.add(pool.submit(() -> url == null
                            ? run(problem, factory.apply(s), trials, checkpoints)
                            : runOverRest(URI.create(url), token, problem, samplerName.trim(), s, trials, checkpoints)));
                }
                List<Run> runs = new ArrayList<>();
                for (Future<Run> f : futures) {
                    runs.add(f.get());
                }
                StringBuilder row = new StringBuilder("| " + problem.name().toLowerCase(Locale.ROOT) + " | " + samplerName + " |");
                for (int c = 0; c < checkpoints.length; c++) {
                    int at = c;
                    double[] values = runs.stream().mapToDouble(r -> r.regret[at]).toArray();
                    row.append(' ').append(summary(values, checkpoints[c] >= 100)).append(" |");
                }
                row.append(String.format(Locale.ROOT, " %.2f | %.2f |",
                        median(runs.stream().mapToDouble(r -> r.msPerTrialAt100).toArray()),
                        median(runs.stream().mapToDouble(r -> r.msPerTrialAtEnd).toArray())));
                System.out.println(row);
                if (!runs.get(0).accounts().isEmpty()) {
                    credits.append(creditRows(problem, samplerName, runs));
                }
            }
        }
        pool.shutdown();
        if (credits.length() > 0) {
            System.out.println();
            System.out.println("Credits of the portfolio's agents after the run, mean over seeds (credits):");
            System.out.println();
            System.out.println("| problem | agent | trials won | new bests | paid | earned | balance |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.print(credits);
        }
    }

    record Run(double[] regret, double msPerTrialAt100, double msPerTrialAtEnd, List<PortfolioSampler.Account> accounts) {

        Run(double[] regret, double msPerTrialAt100, double msPerTrialAtEnd) {
            this(regret, msPerTrialAt100, msPerTrialAtEnd, List.of());
        }
    }

    /**
     * The same protocol through a node's REST API (each ask and tell a request, persisted in its database);
     * the CPU columns then hold wall-clock ms per ask+tell round trip.
     */
    static Run runOverRest(URI base, String token, Problem problem, String sampler, long seed, int trials, int[] checkpoints) {
        String name = "bench-" + problem.name().toLowerCase(Locale.ROOT) + "-" + sampler + "-" + seed + "-" + System.nanoTime();
        RestStudy study = new RestStudy(base, token, name, problem.space, problem.objectives(), sampler, seed);
        double best = Double.POSITIVE_INFINITY;
        double[] regret = new double[checkpoints.length];
        double[] wallMs = new double[trials];
        List<double[]> told = new ArrayList<>();
        int next = 0;
        long started = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            long before = System.nanoTime();
            Map.Entry<Long, Map<String, Object>> trial = study.ask();
            double[] values = problem.evaluate(trial.getValue());
            study.tell(trial.getKey(), values);
            wallMs[i] = (System.nanoTime() - before) / 1e6;
            told.add(values);
            best = Math.min(best, values[0]);
            if (next < checkpoints.length && i + 1 == checkpoints[next]) {
                regret[next++] = problem.objectives() == 1 ? best - problem.optimum : hypervolumeRatio(told);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(Locale.ROOT, "# %s: %d trials over REST in %.1f s, %.1f trials/s%n", name, trials, seconds, trials / seconds);
        return new Run(regret, window(wallMs, 100), window(wallMs, trials));
    }

    static Run run(Problem problem, Sampler sampler, int trials, int[] checkpoints) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        InMemoryStudy study = new InMemoryStudy(problem.space, Collections.nCopies(problem.objectives(), Direction.MINIMIZE), sampler);
        double best = Double.POSITIVE_INFINITY;
        double[] regret = new double[checkpoints.length];
        double[] cpuMs = new double[trials];
        int next = 0;
        for (int i = 0; i < trials; i++) {
            long before = cpu.getCurrentThreadCpuTime();
            Trial trial = study.ask();
            cpuMs[i] = (cpu.getCurrentThreadCpuTime() - before) / 1e6;
            double[] values = problem.evaluate(trial.parameters());
            study.tell(trial.number(), values);
            best = Math.min(best, values[0]);
            if (next < checkpoints.length && i + 1 == checkpoints[next]) {
                regret[next++] = problem.objectives() == 1 ? best - problem.optimum : hypervolumeRatio(study);
            }
        }
        List<PortfolioSampler.Account> accounts = sampler instanceof PortfolioSampler portfolio
                ? PortfolioSampler.accounts(
                        new StudyHistory(problem.space, Collections.nCopies(problem.objectives(), Direction.MINIMIZE), study.trials()),
                        portfolio.options())
                : List.of();
        return new Run(regret, window(cpuMs, 100), window(cpuMs, trials), accounts);
    }

    /** DTLZ2: the hypervolume of the trials found, reference (1.1, 1.1, 1.1), over the true front's 1.1³ − π/6. */
    static double hypervolumeRatio(InMemoryStudy study) {
        return hypervolumeRatio(study.trials().stream()
                .filter(t -> !t.values().isEmpty())
                .map(t -> t.values().stream().mapToDouble(Double::doubleValue).toArray())
                .toList());
    }

    static double hypervolumeRatio(List<double[]> told) {
        double[][] points = told.toArray(new double[0][]);
        if (points.length > 0 && points[0].length == 2) {
            return Hypervolume.of(points, new double[] {1.1, 1.1}) / (1.1 * 1.1 - Math.PI / 4);
        }
        return Hypervolume.of(points, new double[] {1.1, 1.1, 1.1}) / (1.1 * 1.1 * 1.1 - Math.PI / 6);
    }

    static String creditRows(Problem problem, String samplerName, List<Run> runs) {
        StringBuilder rows = new StringBuilder();
        int agents = runs.get(0).accounts().size();
        for (int a = 0; a < agents; a++) {
            int at = a;
            double wins = runs.stream().mapToDouble(r -> r.accounts().get(at).wins()).average().orElse(0);
            double bests = runs.stream().mapToDouble(r -> r.accounts().get(at).improvements()).average().orElse(0);
            double paid = runs.stream().mapToDouble(r -> r.accounts().get(at).paid() / 1e6).average().orElse(0);
            double earned = runs.stream().mapToDouble(r -> r.accounts().get(at).earned() / 1e6).average().orElse(0);
            double balance = runs.stream().mapToDouble(r -> r.accounts().get(at).balance() / 1e6).average().orElse(0);
            rows.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %.2f | %.2f |%n",
                    problem.name().toLowerCase(Locale.ROOT) + (samplerName.equals("portfolio") ? "" : " (" + samplerName + ")"),
                    runs.get(0).accounts().get(at).agent(), wins, bests, paid, earned, balance));
        }
        return rows.toString();
    }

    /** Mean CPU ms per ask over the ten asks before trial {@code at}. */
    private static double window(double[] cpuMs, int at) {
        int end = Math.min(at, cpuMs.length);
        int start = Math.max(0, end - 10);
        return Arrays.stream(cpuMs, start, end).average().orElse(Double.NaN);
    }

    static String summary(double[] values, boolean quartiles) {
        String median = format(quantile(values, 0.5));
        if (!quartiles) {
            return median;
        }
        return median + " [" + format(quantile(values, 0.25)) + ", " + format(quantile(values, 0.75)) + "]";
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** numpy's default (linear) quantile. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    static String format(double x) {
        if (x == 0) {
            return "0";
        }
        double abs = Math.abs(x);
        if (abs >= 0.01 && abs < 1000) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        return String.format(Locale.ROOT, "%.2g", x).replace("e-0", "e-").replace("e+0", "e+");
    }
}
