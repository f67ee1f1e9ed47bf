package io.mabeam.optimization.boundary;

import io.mabeam.economics.boundary.Reputations;
import io.mabeam.foundation.config.boundary.ConfigServer;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.optimization.control.ParameterImportance;
import io.mabeam.optimization.control.PortfolioSampler;
import io.mabeam.optimization.control.Pruners;
import io.mabeam.optimization.control.Samplers;
import io.mabeam.optimization.control.StudyStore;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.StudySummary;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.boundary.LiveVariables;
import io.mabeam.variables.control.LiveVariableStore;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.control.SettingVariables;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Studies and their trials: create, ask, tell, report, prune, enqueue. Every change is written to the
 * study's tables and appended as an event to stream {@code study:<name>} in one transaction, so the audit
 * trail and the state never disagree. An ask locks the study's row while the sampler answers: numbers are
 * unique across nodes and each sampler sees every trial asked before it.
 */
@Stateless
public class Studies {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final SecureRandom SEEDS = new SecureRandom();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Reputations reputations;

    @EJB
    Events events;

    @Inject
    StudySamplers samplers;

    @EJB
    LiveVariables liveVariables;

    @EJB
    ConfigServer configServer;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final StudyStore store = new StudyStore();
    Clock clock = Clock.systemUTC();

    /**
     * @param sampler e.g. {@code {"name": "tpe"}}; {@code {}} for the default
     * @param seed null for a random one (recorded, so the study can be replayed)
     * @throws DomainException 400 for a bad definition, 409 if the name is taken
     */
    public StudyDefinition create(
            String name,
            List<Direction> directions,
            JsonObject searchSpace,
            JsonObject sampler,
            JsonObject pruner,
            Long seed,
            Duration heartbeat,
            int maxRetries,
            JsonObject userAttributes) {
        StudyDefinition study;
        Map<String, StudyDefinition.Binding> bindings = new java.util.LinkedHashMap<>();
        try {
            SearchSpace space = SearchSpaceJson.parse(bindings(searchSpace, bindings));
            long chosenSeed = seed == null ? SEEDS.nextLong() & Long.MAX_VALUE : seed;
            JsonObject samplerSpec = sampler.containsKey("name") ? sampler : with(sampler, "name", "auto");
            JsonObject prunerSpec = pruner.containsKey("name") ? pruner : with(pruner, "name", "none");
            Samplers.create(samplerSpec, chosenSeed, space);
            Pruners.create(prunerSpec);
            study = new StudyDefinition(
                    0,
                    name,
                    directions,
                    space,
                    samplerSpec.toString(),
                    prunerSpec.toString(),
                    chosenSeed,
                    heartbeat,
                    maxRetries,
                    userAttributes.toString(),
                    caller(),
                    clock.instant(),
                    bindings);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        return Jdbc.inConnection(dataSource, "creating study " + name + " failed", connection -> {
            if (store.find(connection, name).isPresent()) {
                throw DomainException.conflict("a study named '" + name + "' exists");
            }
            long id = store.insert(connection, study);
            StudyDefinition created = new StudyDefinition(
                    id,
                    study.name(),
                    study.directions(),
                    study.space(),
                    study.sampler(),
                    study.pruner(),
                    study.seed(),
                    study.heartbeat(),
                    study.maxRetries(),
                    study.userAttributes(),
                    study.createdBy(),
                    study.createdAt(),
                    study.bindings());
            events.record(created.stream(), "StudyCreated", definitionJson(created));
            metrics.counter("mabeam.optimization.studies.created").inc();
            return created;
        });
    }

    /**
     * The search space with its references resolved: {@code {"name": "lr", "type": "live"}} takes the live
     * variable's definition, {@code {"name": "mabeam.ratelimit.read.per-minute", "type": "setting"}} the
     * setting's (integers and decimals need bounds, given in the setting's schema or here as low/high; booleans
     * and settings with allowed values become categoricals).
     */
    JsonObject bindings(JsonObject searchSpace, Map<String, StudyDefinition.Binding> bindings) {
        if (!(searchSpace.get("variables") instanceof jakarta.json.JsonArray variables)) {
            return searchSpace;
        }
        var resolved = JSON.createArrayBuilder();
        for (jakarta.json.JsonValue entry : variables) {
            if (!(entry instanceof JsonObject variable)
                    || !(variable.get("type") instanceof jakarta.json.JsonString type)) {
                resolved.add(entry);
                continue;
            }
            String name = variable.getString("name", "");
            if (type.getString().equals("live")) {
                JsonObject definition =
                        LiveVariableStore.definition(liveVariables.get(name).definition());
                JsonObjectBuilder copy = JSON.createObjectBuilder(definition);
                if (variable.containsKey("when")) {
                    copy.add("when", variable.get("when"));
                }
                resolved.add(copy);
                bindings.put(name, StudyDefinition.Binding.LIVE);
            } else if (type.getString().equals("setting")) {
                resolved.add(
                        SettingVariables.definition(configServer.setting(name).schema(), variable));
                bindings.put(name, StudyDefinition.Binding.SETTING);
            } else {
                resolved.add(variable);
            }
        }
        return JSON.createObjectBuilder(searchSpace).add("variables", resolved).build();
    }

    /**
     * Sets every live variable and setting the study's variables stand for to the best trial's values, in one
     * transaction, and records {@code BestApplied}.
     *
     * @throws DomainException 409 when the study has no complete trial, is multi-objective, or binds nothing
     */
    public Map<String, Object> applyBest(String name) {
        StudyDefinition study = study(name);
        if (study.bindings().isEmpty()) {
            throw DomainException.conflict("study " + name + " has no variables bound to live variables or settings");
        }
        if (study.directions().size() > 1) {
            throw DomainException.conflict(
                    "study " + name + " has several objectives: choose a trial of its Pareto front");
        }
        List<StoredTrial> best = best(name);
        if (best.isEmpty()) {
            throw DomainException.conflict("study " + name + " has no complete trial yet");
        }
        Trial trial = best.get(0).trial();
        Map<String, Object> applied = new java.util.LinkedHashMap<>();
        String reason = "best trial " + trial.number() + " of study " + name;
        study.bindings().forEach((variable, binding) -> {
            Object value = trial.parameters().get(variable);
            if (value == null) {
                return; // inactive in the best trial
            }
            if (binding == StudyDefinition.Binding.LIVE) {
                liveVariables.set(variable, value, null, reason);
            } else {
                configServer.set(variable, SettingVariables.text(value), null, reason);
            }
            applied.put(variable, value);
        });
        JsonObjectBuilder payload = JSON.createObjectBuilder().add("trial", trial.number());
        payload.add("values", TrialJson.parameters(applied));
        events.record(study.stream(), "BestApplied", payload.build());
        return applied;
    }

    /** How many studies and running trials there are, and how many of those are past their heartbeat deadline. */
    public record Overview(int studies, long running, int overdue) {}

    public Overview overview() {
        return Jdbc.inConnection(dataSource, "reading the optimization overview failed", connection -> {
            List<StudySummary> all = store.list(connection);
            long running = all.stream()
                    .mapToLong(s -> s.trialsByState().getOrDefault(TrialState.RUNNING, 0L))
                    .sum();
            // a trial is failed within about a second of its deadline; allow the watch a few seconds
            int overdue =
                    store.stale(connection, clock.instant().minusSeconds(10)).size();
            return new Overview(all.size(), running, overdue);
        });
    }

    public List<StudySummary> list() {
        return Jdbc.inConnection(dataSource, "listing studies failed", connection -> store.list(connection));
    }

    /** @throws DomainException 404 */
    public StudyDefinition study(String name) {
        return Jdbc.inConnection(
                dataSource, "reading study " + name + " failed", connection -> store.existing(connection, name, false));
    }

    /** The study's trials, by number. */
    public List<StoredTrial> trials(String name) {
        return Jdbc.inConnection(dataSource, "reading the trials of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            return store.trials(connection, study);
        });
    }

    public StudyHistory history(String name) {
        return Jdbc.inConnection(dataSource, "reading the trials of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            return StudyHistory.of(study, store.trials(connection, study));
        });
    }

    /** @throws DomainException 404 for an unknown study or trial */
    public StoredTrial trial(String name, long number) {
        return Jdbc.inConnection(dataSource, "reading trial " + number + " of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            return store.existingTrial(connection, study, number);
        });
    }

    /** Deletes the study and its trials; its event stream stays, ending with {@code StudyDeleted}. */
    public void delete(String name) {
        Jdbc.useConnection(dataSource, "deleting study " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, true);
            store.delete(connection, study.id());
            samplers.forget(study.id());
            events.record(
                    study.stream(),
                    "StudyDeleted",
                    JSON.createObjectBuilder().add("study", name).build());
        });
    }

    /**
     * The accounts of the agents of a study whose sampler is the portfolio: trials won, credits paid and earned,
     * balances, replayed from the trials.
     *
     * @throws DomainException 404 for an unknown study, 409 when its sampler is not the portfolio
     */
    public List<PortfolioSampler.Account> market(String name) {
        StudyDefinition study = study(name);
        jakarta.json.JsonObject spec = TrialJson.object(study.sampler());
        if (!"portfolio".equals(spec.getString("name", ""))) {
            throw DomainException.conflict("study " + name + " does not use the portfolio sampler (it uses "
                    + spec.getString("name", "auto") + "); it has no market");
        }
        return PortfolioSampler.accounts(history(name), Samplers.portfolioOptions(spec));
    }

    /** The best complete feasible trial (single objective), or the Pareto front (several). */
    public List<StoredTrial> best(String name) {
        return Jdbc.inConnection(dataSource, "reading the best trials of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            List<StoredTrial> trials = store.trials(connection, study);
            StudyHistory history = StudyHistory.of(study, trials);
            if (!history.multiObjective()) {
                return history.best()
                        .map(b -> List.of(trials.stream()
                                .filter(t -> t.number() == b.number())
                                .findFirst()
                                .orElseThrow()))
                        .orElse(List.of());
            }
            java.util.Set<Long> front =
                    history.paretoFront().stream().map(Trial::number).collect(java.util.stream.Collectors.toSet());
            return trials.stream().filter(t -> front.contains(t.number())).toList();
        });
    }

    /**
     * How much each variable explains the objective's variation over the complete trials (fANOVA on a random
     * forest, Optuna's default evaluator), summing to 1, largest first.
     *
     * @throws DomainException 409 with fewer than two complete trials, 400 for an objective the study lacks
     */
    public Map<String, Double> importance(String name, int objective) {
        StudyHistory history = history(name);
        if (objective < 0 || objective >= history.directions().size()) {
            throw DomainException.invalid("study " + name + " has objectives 0 to "
                    + (history.directions().size() - 1));
        }
        try {
            return ParameterImportance.evaluate(history, objective, 0);
        } catch (IllegalArgumentException e) {
            throw DomainException.conflict(e.getMessage());
        }
    }

    public static JsonObject definitionJson(StudyDefinition study) {
        return JSON.createObjectBuilder()
                .add("name", study.name())
                .add(
                        "directions",
                        JSON.createArrayBuilder(
                                study.directions().stream().map(Enum::name).toList()))
                .add("searchSpace", SearchSpaceJson.json(study.space()))
                .add("sampler", TrialJson.object(study.sampler()))
                .add("pruner", TrialJson.object(study.pruner()))
                .add("seed", study.seed())
                .add("heartbeat", study.heartbeat().toString())
                .add("maxRetries", study.maxRetries())
                .add("userAttributes", TrialJson.object(study.userAttributes()))
                .add("bindings", TrialJson.object(StudyStore.bindingsJson(study.bindings())))
                .build();
    }

    private static JsonObject with(JsonObject json, String key, String value) {
        return JSON.createObjectBuilder(json).add(key, value).build();
    }

    private String caller() {
        return CallerNames.of(session.getCallerPrincipal());
    }
}
