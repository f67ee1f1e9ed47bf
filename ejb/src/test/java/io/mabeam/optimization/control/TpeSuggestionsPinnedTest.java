package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What TPE suggests for fixed histories, pinned to the exact values the sampler gave before its ask was made
 * faster (doubles as {@link Double#toString} prints them, which round-trips), and the same from a fresh
 * instance and from one that answered other histories before.
 */
class TpeSuggestionsPinnedTest {

    record Case(String name, Supplier<StudyHistory> history, TpeSampler.Options options, long seed, long number) {}

    private static final TpeSampler.Options DEFAULTS = TpeSampler.Options.defaults();
    private static final TpeSampler.Options MULTIVARIATE = DEFAULTS.withMultivariate(true);
    private static final TpeSampler.Options LIAR = DEFAULTS.withConstantLiar(true);
    private static final TpeSampler.Options MULTIVARIATE_LIAR = MULTIVARIATE.withConstantLiar(true);

    static List<Case> cases() {
        Supplier<StudyHistory> hartmann300 = () -> TpeFixtures.hartmann(300, 42);
        Supplier<StudyHistory> hartmann1000 = () -> TpeFixtures.hartmann(1000, 7);
        Supplier<StudyHistory> hartmann12 = () -> TpeFixtures.hartmann(12, 1);
        Supplier<StudyHistory> mixed120 = () -> TpeFixtures.mixed(120, 5);
        Supplier<StudyHistory> mixed20 = () -> TpeFixtures.mixed(20, 6);
        Supplier<StudyHistory> multi = () -> TpeFixtures.multiObjective(150, 8);
        Supplier<StudyHistory> running = () -> TpeFixtures.withRunning(80, 6, 13);
        Supplier<StudyHistory> pruned = () -> TpeFixtures.withPruned(120, 21);
        return List.of(
                new Case("hartmann300 tpe 1 #300", hartmann300, DEFAULTS, 1, 300),
                new Case("hartmann300 tpe 1 #301", hartmann300, DEFAULTS, 1, 301),
                new Case("hartmann300 tpe 11 #300", hartmann300, DEFAULTS, 11, 300),
                new Case("hartmann300 mv 1 #300", hartmann300, MULTIVARIATE, 1, 300),
                new Case("hartmann300 mv 1 #301", hartmann300, MULTIVARIATE, 1, 301),
                new Case("hartmann1000 tpe 1 #1000", hartmann1000, DEFAULTS, 1, 1000),
                new Case("hartmann1000 mv 1 #1000", hartmann1000, MULTIVARIATE, 1, 1000),
                new Case("hartmann12 tpe 1 #12", hartmann12, DEFAULTS, 1, 12),
                new Case("hartmann12 mv 1 #12", hartmann12, MULTIVARIATE, 1, 12),
                new Case("mixed120 tpe 2 #120", mixed120, DEFAULTS, 2, 120),
                new Case("mixed120 tpe 2 #121", mixed120, DEFAULTS, 2, 121),
                new Case("mixed120 mv 2 #120", mixed120, MULTIVARIATE, 2, 120),
                new Case("mixed120 mv 2 #121", mixed120, MULTIVARIATE, 2, 121),
                new Case("mixed20 tpe 2 #20", mixed20, DEFAULTS, 2, 20),
                new Case("mixed20 mv 2 #20", mixed20, MULTIVARIATE, 2, 20),
                new Case("multi tpe 3 #150", multi, DEFAULTS, 3, 150),
                new Case("multi tpe 3 #151", multi, DEFAULTS, 3, 151),
                new Case("multi mv 3 #150", multi, MULTIVARIATE, 3, 150),
                new Case("running liar 4 #86", running, LIAR, 4, 86),
                new Case("running liar 4 #87", running, LIAR, 4, 87),
                new Case("running mv-liar 4 #86", running, MULTIVARIATE_LIAR, 4, 86),
                new Case("running tpe 4 #86", running, DEFAULTS, 4, 86),
                new Case("pruned tpe 5 #120", pruned, DEFAULTS, 5, 120),
                new Case("pruned liar 5 #120", pruned, LIAR, 5, 120),
                new Case("pruned mv 5 #120", pruned, MULTIVARIATE, 5, 120),
                new Case("pruned mv-liar 5 #121", pruned, MULTIVARIATE_LIAR, 5, 121));
    }

    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry(
                    "hartmann300 tpe 1 #300",
                    "{x0=0.15712632425140582, x1=0.13284995956634968, x2=0.48517012293328604, x3=0.30856629833785193, x4=0.3146773061657821, x5=0.6273914074042641}"),
            Map.entry(
                    "hartmann300 tpe 1 #301",
                    "{x0=0.21047336242792183, x1=0.17776854458377161, x2=0.4844298383782914, x3=0.3014999531377374, x4=0.3132271644437999, x5=0.6297400208065449}"),
            Map.entry(
                    "hartmann300 tpe 11 #300",
                    "{x0=0.16073889468366873, x1=0.17056651029949893, x2=0.49438633762813367, x3=0.29536562082962414, x4=0.312934527549176, x5=0.6293278196461289}"),
            Map.entry(
                    "hartmann300 mv 1 #300",
                    "{x0=0.509072234789955, x1=0.1118524683794817, x2=0.5868725978922215, x3=0.6343842436430863, x4=0.01867484934470015, x5=0.042534798260803364}"),
            Map.entry(
                    "hartmann300 mv 1 #301",
                    "{x0=0.022815729627949616, x1=0.3838990852158041, x2=0.38638460411605796, x3=0.295354273062625, x4=0.38355210483914975, x5=0.3050331923350606}"),
            Map.entry(
                    "hartmann1000 tpe 1 #1000",
                    "{x0=0.13847472710808445, x1=0.10190114807287257, x2=0.4632150724090617, x3=0.28653987755714017, x4=0.296859553467295, x5=0.6374790453898724}"),
            Map.entry(
                    "hartmann1000 mv 1 #1000",
                    "{x0=0.03596136195186575, x1=0.4112980486578067, x2=0.3995021192609895, x3=0.035840528043992376, x4=0.23141092799885396, x5=0.625616227072593}"),
            Map.entry(
                    "hartmann12 tpe 1 #12",
                    "{x0=0.03872101069409761, x1=0.002146736622308687, x2=0.17461054190185343, x3=0.6935177743226468, x4=0.9088975147053358, x5=0.9935656613774652}"),
            Map.entry(
                    "hartmann12 mv 1 #12",
                    "{x0=0.08259016131571545, x1=0.32495820277393894, x2=0.11772660324320344, x3=0.5041393703626339, x4=0.28298067613357114, x5=0.21171946362634636}"),
            Map.entry(
                    "mixed120 tpe 2 #120",
                    "{n_layers=4, lr=3.9111105777283933E-4, optimizer=adam, dropout=0.014599806801631665, step=0.15000000000000002, units=136, even=4, epochs=10}"),
            Map.entry(
                    "mixed120 tpe 2 #121",
                    "{n_layers=4, lr=4.125014961556424E-4, optimizer=adam, dropout=0.004396106510443422, step=0.2, units=69, even=4, epochs=10}"),
            Map.entry(
                    "mixed120 mv 2 #120",
                    "{n_layers=8, lr=0.0012485370395537935, optimizer=sgd, dropout=0.014333918702612879, step=0.2, units=27, even=2, epochs=10}"),
            Map.entry(
                    "mixed120 mv 2 #121",
                    "{n_layers=3, lr=9.369380125571682E-4, optimizer=adam, dropout=0.04892145408312507, step=0.30000000000000004, units=4, even=8, epochs=10}"),
            Map.entry(
                    "mixed20 tpe 2 #20",
                    "{n_layers=3, lr=5.38343278602788E-4, optimizer=adam, dropout=0.3385898653289849, step=0.4, units=4, even=4, epochs=10}"),
            Map.entry(
                    "mixed20 mv 2 #20",
                    "{n_layers=5, lr=0.0024436632230449757, optimizer=adam, dropout=0.3913362635141647, step=0.0, units=15, even=2, epochs=10}"),
            Map.entry("multi tpe 3 #150", "{a=0.653923226135764, b=0.5719560996604357, c=0.5420694637355923}"),
            Map.entry("multi tpe 3 #151", "{a=0.6514543111430082, b=0.9883154262477465, c=0.5399182615407002}"),
            Map.entry("multi mv 3 #150", "{a=0.6535890777439041, b=0.7094769606609328, c=0.7683226667970313}"),
            Map.entry(
                    "running liar 4 #86",
                    "{x0=0.20308234733046265, x1=0.28213611463179245, x2=0.5327966761741317, x3=0.7145121624251012, k=1}"),
            Map.entry(
                    "running liar 4 #87",
                    "{x0=0.002001207297323354, x1=0.281784603399018, x2=0.5523811548266023, x3=0.7258016088110497, k=1}"),
            Map.entry(
                    "running mv-liar 4 #86",
                    "{x0=0.14170152938930053, x1=0.1661309899266867, x2=0.25615542012127235, x3=0.8908657738667867, k=2}"),
            Map.entry(
                    "running tpe 4 #86",
                    "{x0=0.20308234733046265, x1=0.28213611463179245, x2=0.5327966761741317, x3=0.7161987184360549, k=1}"),
            Map.entry("pruned tpe 5 #120", "{x=-0.40156455450512674, y=0.12910735828372322, k=5}"),
            Map.entry("pruned liar 5 #120", "{x=-0.40156455450512674, y=0.12910735828372322, k=5}"),
            Map.entry("pruned mv 5 #120", "{x=0.06308440924213521, y=0.10190773132884463, k=5}"),
            Map.entry("pruned mv-liar 5 #121", "{x=0.19599197550585323, y=0.05835842112884357, k=5}"));

    /** Studies the sampler drives itself (one instance asked again and again): the last trial and all of them. */
    static Map<String, String> driven() {
        Map<String, String> result = new LinkedHashMap<>();
        for (TpeSampler.Options options : List.of(DEFAULTS, MULTIVARIATE)) {
            InMemoryStudy study = new InMemoryStudy(
                    TpeFixtures.hartmannSpace(), List.of(Direction.MINIMIZE), new TpeSampler(3, options));
            study.optimize(p -> new double[] {TpeFixtures.hartmann6(p)}, 120);
            List<Trial> trials = study.trials();
            StringBuilder all = new StringBuilder();
            // a trial's parameters are an unordered map: print them in declaration order
            trials.forEach(
                    t -> all.append(new java.util.TreeMap<>(t.parameters())).append(';'));
            String name = options.multivariate() ? "driven mv" : "driven tpe";
            result.put(
                    name + " last",
                    new java.util.TreeMap<>(trials.get(trials.size() - 1).parameters()).toString());
            result.put(name + " all", Integer.toHexString(all.toString().hashCode()));
        }
        return result;
    }

    static final Map<String, String> EXPECTED_DRIVEN = Map.ofEntries(
            Map.entry(
                    "driven tpe last",
                    "{x0=0.21768855253715425, x1=0.23736416435256882, x2=0.5296139637360738, x3=0.36776121339507595, x4=0.4577202918558775, x5=0.7178144253658683}"),
            Map.entry("driven tpe all", "c8a24e76"),
            Map.entry(
                    "driven mv last",
                    "{x0=0.07279648725168608, x1=0.5383012163109447, x2=0.602371908790097, x3=0.2080809903523852, x4=4.930280477819515E-4, x5=0.975444367533971}"),
            Map.entry("driven mv all", "75de6bb9"));

    static String suggestion(TpeSampler sampler, StudyHistory history, long number) {
        return sampler.suggest(history, number).parameters().toString();
    }

    @Test
    void suggestionsAreThoseOfTheSamplerBeforeItWasMadeFaster() throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (Case c : cases()) {
            actual.put(
                    c.name(),
                    suggestion(
                            new TpeSampler(c.seed(), c.options()), c.history().get(), c.number()));
        }
        Map<String, String> actualDriven = driven();
        List<String> lines = new ArrayList<>();
        actual.forEach((k, v) -> lines.add("Map.entry(\"" + k + "\", \"" + v + "\"),"));
        actualDriven.forEach((k, v) -> lines.add("Map.entry(\"" + k + "\", \"" + v + "\"),"));
        Files.write(Path.of("target", "tpe-pinned.txt"), lines);
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(EXPECTED);
        assertThat(actualDriven).containsExactlyInAnyOrderEntriesOf(EXPECTED_DRIVEN);
    }

    @Test
    void aWarmedUpInstanceAnswersAsAFreshOne() {
        List<Case> cases = cases();
        // one instance per options and seed, asked every case in turn, twice, and each history also reloaded
        Map<String, TpeSampler> warmed = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (Case c : cases) {
                TpeSampler sampler = warmed.computeIfAbsent(
                        c.options() + "/" + (c.seed() % 2), k -> new TpeSampler(c.seed() % 2, c.options()));
                StudyHistory history = round == 0
                        ? c.history().get()
                        : TpeFixtures.reloaded(c.history().get());
                TpeSampler fresh = new TpeSampler(c.seed() % 2, c.options());
                assertThat(suggestion(sampler, history, c.number()))
                        .as(c.name())
                        .isEqualTo(suggestion(fresh, history, c.number()));
            }
        }
    }

    @Test
    void oneInstanceAskedFromSeveralThreadsAnswersAsFreshOnes() throws Exception {
        // three studies over the same variable names, each a few asks along, asked at once from four threads
        List<StudyHistory> histories = new ArrayList<>();
        for (int study = 0; study < 3; study++) {
            StudyHistory full = TpeFixtures.hartmann(400, study);
            for (int size = 380; size <= 400; size += 5) {
                histories.add(prefix(full, size));
            }
        }
        Map<Integer, String> fresh = new LinkedHashMap<>();
        for (int h = 0; h < histories.size(); h++) {
            fresh.put(
                    h,
                    suggestion(
                            new TpeSampler(5),
                            histories.get(h),
                            histories.get(h).trials().size()));
        }
        TpeSampler shared = new TpeSampler(5);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> answers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                answers.add(pool.submit(() -> {
                    boolean same = true;
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < histories.size(); i++) {
                            int h = (i * 7 + offset * 5 + round) % histories.size();
                            StudyHistory history = histories.get(h);
                            same &= suggestion(shared, history, history.trials().size())
                                    .equals(fresh.get(h));
                        }
                    }
                    return same;
                }));
            }
            for (java.util.concurrent.Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    static StudyHistory fixture(int kind, int n, long seed) {
        switch (kind) {
            case 0:
                return TpeFixtures.hartmann(n, seed);
            case 1:
                return TpeFixtures.mixed(n, seed);
            case 2:
                return TpeFixtures.multiObjective(n, seed);
            case 3:
                return TpeFixtures.withRunning(n, 1 + n / 10, seed);
            default:
                return TpeFixtures.withPruned(n, seed);
        }
    }

    private static StudyHistory prefix(StudyHistory history, int size) {
        return new StudyHistory(
                history.space(), history.directions(), history.trials().subList(0, size));
    }

    /** The history with trial {@code at} replaced by the same-numbered trial of another study. */
    private static StudyHistory swapped(StudyHistory history, StudyHistory other, int at) {
        List<Trial> trials = new ArrayList<>(history.trials());
        Trial foreign = other.trials().get(at % other.trials().size());
        Trial own = trials.get(at);
        trials.set(
                at,
                new Trial(
                        own.number(),
                        foreign.state(),
                        foreign.parameters(),
                        foreign.values(),
                        foreign.intermediates(),
                        foreign.constraints(),
                        foreign.systemAttributes()));
        return new StudyHistory(history.space(), history.directions(), trials);
    }

    @Property(tries = 30)
    void anInstanceAskedOtherHistoriesBeforeAnswersExactlyAsAFreshOne(
            @ForAll @IntRange(min = 0, max = 4) int kind,
            @ForAll @IntRange(min = 12, max = 160) int n,
            @ForAll @IntRange(min = 0, max = 1000) int seed,
            @ForAll @IntRange(min = 1, max = 11) int shorter,
            @ForAll boolean multivariate,
            @ForAll boolean liar) {
        TpeSampler.Options options = DEFAULTS.withMultivariate(multivariate).withConstantLiar(liar);
        StudyHistory history = fixture(kind, n, seed);
        // another study over the same variable names, with as many trials and more
        StudyHistory other = fixture(kind, n + shorter, seed + 1);
        long number = history.trials().size();
        TpeSampler warmed = new TpeSampler(seed, options);
        warmed.suggest(other, other.trials().size());
        warmed.suggest(prefix(history, n - shorter), n - shorter); // the same study, fewer trials
        warmed.suggest(prefix(history, n - shorter), n);
        warmed.suggest(swapped(history, other, n - 1 - shorter / 2), number); // a trial replaced
        String answer = suggestion(warmed, history, number);
        assertThat(answer).isEqualTo(suggestion(new TpeSampler(seed, options), history, number));
        assertThat(suggestion(warmed, TpeFixtures.reloaded(history), number)).isEqualTo(answer);
        warmed.suggest(other, number);
        assertThat(suggestion(warmed, history, number)).isEqualTo(answer);
        assertThat(suggestion(warmed, prefix(history, n - 1), number))
                .isEqualTo(suggestion(new TpeSampler(seed, options), prefix(history, n - 1), number));
    }

    @Property(tries = 200)
    void suggestionsAreTheFrozenReferenceSamplers(
            @ForAll @IntRange(min = 0, max = 4) int kind,
            @ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 0, max = 1000) int seed,
            @ForAll boolean multivariate,
            @ForAll boolean liar,
            @ForAll boolean magicClip,
            @ForAll boolean considerEndpoints,
            @ForAll @IntRange(min = 0, max = 2) int priorWeight) {
        TpeSampler.Options options = new TpeSampler.Options(
                n % 3 == 0 ? 0 : 10, 24, multivariate, liar, 0.5 + priorWeight, magicClip, considerEndpoints, 0.1, 25);
        StudyHistory history = fixture(kind, n, seed);
        long number = history.trials().size();
        for (long next = number; next < number + 3; next++) {
            assertThat(suggestion(new TpeSampler(seed, options), history, next))
                    .isEqualTo(new ReferenceTpeSampler(seed, options)
                            .suggest(history, next)
                            .parameters()
                            .toString());
        }
    }
}
