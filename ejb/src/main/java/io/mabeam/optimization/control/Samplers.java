package io.mabeam.optimization.control;

import io.mabeam.economics.entity.Credits;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samplers by name, as studies choose them: {@code {"name": "tpe", "multivariate": true, "constantLiar": true}}.
 * Options a sampler does not know are refused, so a typo does not silently fall back to a default.
 */
public final class Samplers {

    public static final List<String> NAMES =
            List.of("auto", "random", "tpe", "cmaes", "gp", "sobol", "halton", "grid", "nsga2", "portfolio");

    private Samplers() {}

    /** @throws IllegalArgumentException an unknown sampler or option, or a bad option value */
    public static Sampler create(JsonObject spec, long seed, SearchSpace space) {
        String name = spec.getString("name", "auto");
        switch (name) {
            case "random":
                known(spec, Set.of());
                return new RandomSampler(seed);
            case "tpe":
                known(
                        spec,
                        Set.of(
                                "multivariate",
                                "constantLiar",
                                "startupTrials",
                                "candidates",
                                "priorWeight",
                                "gammaFraction",
                                "gammaCap"));
                return new TpeSampler(seed, tpeOptions(spec, TpeSampler.Options.defaults()));
            case "auto":
                known(spec, Set.of("constantLiar"));
                return new AutoSampler(seed, spec.getBoolean("constantLiar", false));
            case "cmaes":
                known(spec, Set.of("restarts", "populationSize", "startupTrials", "sigma0"));
                return new CmaEsSampler(seed, cmaOptions(spec));
            case "gp": {
                known(spec, Set.of("startupTrials", "candidates"));
                GpSampler.Options defaults = GpSampler.Options.defaults();
                return new GpSampler(
                        seed,
                        defaults.withStartupTrials(whole(spec, "startupTrials", defaults.startupTrials(), 1, 10_000))
                                .withCandidates(whole(spec, "candidates", defaults.candidates(), 1, 100_000)));
            }
            case "sobol":
            case "halton":
                known(spec, Set.of("scrambled"));
                return new QuasiRandomSampler(
                        name.equals("sobol") ? QuasiRandomSampler.Kind.SOBOL : QuasiRandomSampler.Kind.HALTON,
                        seed,
                        bool(spec, "scrambled", true));
            case "nsga2": {
                known(spec, Set.of("populationSize", "crossover"));
                String crossover = spec.getString("crossover", "uniform");
                if (!crossover.equals("uniform") && !crossover.equals("sbx")) {
                    throw new IllegalArgumentException("sampler option 'crossover' is \"uniform\" or \"sbx\"");
                }
                return new NsgaIISampler(
                        seed,
                        whole(spec, "populationSize", NsgaIISampler.DEFAULT_POPULATION_SIZE, 2, 100_000),
                        crossover.equals("sbx") ? NsgaIISampler.Crossover.SBX : NsgaIISampler.Crossover.UNIFORM);
            }
            case "portfolio":
                known(spec, Set.of("members", "credits", "allowance", "cap", "prize"));
                return new PortfolioSampler(seed, portfolioOptions(spec));
            case "grid":
                known(spec, Set.of("grid", "floatPoints", "discreteLimit"));
                return grid(spec, seed, space);
            default:
                throw new IllegalArgumentException("unknown sampler '" + name + "'; samplers: " + NAMES);
        }
    }

    public static PortfolioSampler.Options portfolioOptions(JsonObject spec) {
        List<String> members = PortfolioSampler.DEFAULT_MEMBERS;
        if (spec.containsKey("members")) {
            if (!(spec.get("members") instanceof JsonArray array)
                    || !array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
                throw new IllegalArgumentException("sampler option 'members' is an array of sampler names");
            }
            members = array.getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString)
                    .toList();
        }
        PortfolioSampler.Options defaults =
                PortfolioSampler.Options.of(members.size() < 2 ? List.of("gp", "random") : members);
        return new PortfolioSampler.Options(
                members,
                credits(spec, "credits", defaults.credits()),
                credits(spec, "allowance", defaults.allowance()),
                credits(spec, "cap", defaults.cap()),
                credits(spec, "prize", defaults.prize()));
    }

    private static long credits(JsonObject spec, String option, long fallback) {
        if (!spec.containsKey(option)) {
            return fallback;
        }
        if (!(spec.get(option) instanceof JsonNumber number)
                || number.bigDecimalValue().signum() < 0) {
            throw new IllegalArgumentException("sampler option '" + option + "' is a number of credits, not negative");
        }
        return Credits.micros(number.bigDecimalValue());
    }

    static CmaEsSampler.Options cmaOptions(JsonObject spec) {
        CmaEsSampler.Options defaults = CmaEsSampler.Options.defaults();
        String restarts = spec.getString("restarts", "none");
        CmaEsSampler.RestartStrategy strategy;
        if (restarts.equals("none")) {
            strategy = CmaEsSampler.RestartStrategy.NONE;
        } else if (restarts.equals("ipop")) {
            strategy = CmaEsSampler.RestartStrategy.IPOP;
        } else {
            throw new IllegalArgumentException("sampler option 'restarts' is \"none\" or \"ipop\", not " + restarts);
        }
        double sigma0 = spec.containsKey("sigma0") ? number(spec, "sigma0") : defaults.sigma0();
        return new CmaEsSampler.Options(
                whole(spec, "populationSize", defaults.populationSize(), 0, 100_000),
                strategy,
                defaults.populationGrowth(),
                whole(spec, "startupTrials", defaults.startupTrials(), 0, 10_000),
                sigma0);
    }

    static GridSampler grid(JsonObject spec, long seed, SearchSpace space) {
        if (spec.get("grid") instanceof JsonObject grid) {
            Map<String, List<Object>> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : grid.entrySet()) {
                if (!(entry.getValue() instanceof JsonArray array)) {
                    throw new IllegalArgumentException("grid values of " + entry.getKey() + " are an array");
                }
                List<Object> list = new ArrayList<>();
                array.forEach(v -> list.add(SearchSpaceJson.scalar(entry.getKey(), v)));
                values.put(entry.getKey(), list);
            }
            return new GridSampler(space, values, seed);
        }
        if (spec.containsKey("grid")) {
            throw new IllegalArgumentException("sampler option 'grid' is {\"variable\": [values...]}");
        }
        GridSampler.Options defaults = GridSampler.Options.defaults();
        return GridSampler.automatic(
                space,
                seed,
                new GridSampler.Options(
                        whole(spec, "floatPoints", defaults.floatPoints(), 1, 10_000),
                        whole(spec, "discreteLimit", defaults.discreteLimit(), 2, 1_000_000)));
    }

    static TpeSampler.Options tpeOptions(JsonObject spec, TpeSampler.Options defaults) {
        TpeSampler.Options options = defaults.withMultivariate(bool(spec, "multivariate", defaults.multivariate()))
                .withConstantLiar(bool(spec, "constantLiar", defaults.constantLiar()))
                .withStartupTrials(whole(spec, "startupTrials", defaults.startupTrials(), 0, 10_000))
                .withCandidates(whole(spec, "candidates", defaults.candidates(), 1, 10_000));
        if (spec.containsKey("priorWeight")) {
            options = options.withPriorWeight(number(spec, "priorWeight"));
        }
        double fraction = spec.containsKey("gammaFraction") ? number(spec, "gammaFraction") : options.gammaFraction();
        if (fraction > 1) {
            throw new IllegalArgumentException("sampler option 'gammaFraction' is a number in (0, 1]");
        }
        return options.withGamma(fraction, whole(spec, "gammaCap", options.gammaCap(), 1, 10_000));
    }

    static void known(JsonObject spec, Set<String> options) {
        for (String key : spec.keySet()) {
            if (!key.equals("name") && !options.contains(key)) {
                throw new IllegalArgumentException("sampler '" + spec.getString("name", "auto") + "' has no option '"
                        + key + "'"
                        + (options.isEmpty()
                                ? ""
                                : "; options: " + options.stream().sorted().toList()));
            }
        }
    }

    static boolean bool(JsonObject spec, String key, boolean otherwise) {
        JsonValue value = spec.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new IllegalArgumentException("sampler option '" + key + "' is true or false");
        }
        return value == JsonValue.TRUE;
    }

    static int whole(JsonObject spec, String key, int otherwise, int min, int max) {
        JsonValue value = spec.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < min
                || number.longValue() > max) {
            throw new IllegalArgumentException(
                    "sampler option '" + key + "' is a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    static double number(JsonObject spec, String key) {
        if (!(spec.get(key) instanceof JsonNumber number) || !(number.doubleValue() > 0)) {
            throw new IllegalArgumentException("sampler option '" + key + "' is a positive number");
        }
        return number.doubleValue();
    }
}
