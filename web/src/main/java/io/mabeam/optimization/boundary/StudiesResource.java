package io.mabeam.optimization.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.objectOrEmpty;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.optimization.control.ObjectiveCatalog;
import io.mabeam.optimization.control.PortfolioSampler;
import io.mabeam.optimization.control.StudyPart;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudySchedule;
import io.mabeam.optimization.entity.StudySummary;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.control.SearchSpaceJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Studies over REST, so any language can drive one with ask and tell (as Optuna's ask/tell does): create a
 * study, ask for a trial, report intermediate values and ask whether to prune, tell how it ended; trials with
 * filters and paging, the best trial or Pareto front, CSV export.
 */
@Path("v1/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StudiesResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    TrialLogs trialLogs;

    @EJB
    Studies studies;

    @EJB
    Trials trials;

    /** Parts of a study other components keep (its training setup, say), given when it is created. */
    @Inject
    @Any
    Instance<StudyPart> parts;

    /** What the components that evaluate objectives know of them, the objective a study's runs default to included. */
    @Inject
    @Any
    Instance<ObjectiveCatalog> catalogs;

    @EJB
    OptimizationJobs optimizationJobs;

    @EJB
    StudySchedules schedules;

    @GET
    public String list() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (StudySummary summary : studies.list()) {
            array.add(StudyJson.summary(summary));
        }
        return JSON.createObjectBuilder().add("studies", array).build().toString();
    }

    /**
     * Body: {@code {"name", "directions": ["minimize"], "searchSpace": {"variables": [...]}, "sampler": {"name":
     * "tpe"}, "pruner": {"name": "median"}, "seed", "heartbeat": "PT5M", "maxRetries", "userAttributes": {}, "training": {"dataset", "target", …}}} (training: what the objective {@code network} trains on).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response create(String body) {
        JsonObject json = object(body);
        String name = text(json, "name");
        if (name == null) {
            throw DomainException.invalid("a study needs a \"name\"");
        }
        List<Direction> directions = directions(json.get("directions"));
        if (!(json.get("searchSpace") instanceof JsonObject space)) {
            throw DomainException.invalid("a study needs a \"searchSpace\": {\"variables\": [...]}");
        }
        Duration heartbeat = duration(json, "heartbeat", "PT5M");
        long retries = number(json, "maxRetries", 0L);
        Long seed = json.containsKey("seed") ? number(json, "seed", null) : null;
        List<Consumer<String>> attachments = new ArrayList<>();
        for (StudyPart part : parts) {
            if (json.containsKey(part.field())) { // checked before the study exists: bad input changes nothing
                attachments.add(part.prepare(directions, objectField(json, part.field())));
            }
        }
        StudyDefinition study = studies.create(
                name,
                directions,
                space,
                objectField(json, "sampler"),
                objectField(json, "pruner"),
                seed,
                heartbeat,
                (int) Math.max(-1, Math.min(1000, retries)),
                objectField(json, "userAttributes"));
        attachments.forEach(attach -> attach.accept(study.name()));
        return Response.created(URI.create("v1/studies/" + study.name()))
                .entity(StudyJson.study(study, Map.of(), List.of()).toString())
                .build();
    }

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name) {
        StudyDefinition study = studies.study(name);
        Map<TrialState, Long> counts =
                studies.trials(name).stream().collect(Collectors.groupingBy(StoredTrial::state, Collectors.counting()));
        return StudyJson.study(study, counts, studies.best(name)).toString();
    }

    /**
     * Starts a batch job that runs the study to its budget: {@code {"budget": 50, "parallelism": 2,
     * "objective": "network", "trialTimeout": "PT30M"}} (objective defaults to network for a study with a
     * training setup); 202 with the run.
     */
    @POST
    @Path("{name}/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response startJob(@PathParam("name") String name, String body) {
        JsonObject json = object(body);
        for (String key : json.keySet()) {
            if (!List.of("budget", "parallelism", "objective", "trialTimeout").contains(key)) {
                throw DomainException.invalid(
                        "unknown field " + key + " (budget, parallelism, objective, trialTimeout)");
            }
        }
        Long budget = number(json, "budget", null);
        if (budget == null) {
            throw DomainException.invalid("a job needs a \"budget\": the study's total number of trials");
        }
        String objective = objectiveOf(name, text(json, "objective"));
        long execution = optimizationJobs.start(new OptimizationJobs.Plan(
                name,
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, budget)),
                (int) Math.max(0, Math.min(1000, number(json, "parallelism", 2L))),
                objective,
                duration(json, "trialTimeout", "PT30M")));
        return Response.accepted(
                        StudyJson.run(optimizationJobs.run(name, execution)).toString())
                .location(URI.create("v1/studies/" + name + "/jobs/" + execution))
                .build();
    }

    @GET
    @Path("{name}/jobs")
    public String jobs(@PathParam("name") String name) {
        studies.study(name);
        JsonArrayBuilder runs = JSON.createArrayBuilder();
        optimizationJobs.runs(name).forEach(run -> runs.add(StudyJson.run(run)));
        return JSON.createObjectBuilder().add("runs", runs).build().toString();
    }

    @GET
    @Path("{name}/jobs/{execution}")
    public String job(@PathParam("name") String name, @PathParam("execution") long execution) {
        return StudyJson.run(optimizationJobs.run(name, execution)).toString();
    }

    @POST
    @Path("{name}/jobs/{execution}/stop")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String stopJob(@PathParam("name") String name, @PathParam("execution") long execution) {
        optimizationJobs.stop(name, execution);
        return StudyJson.run(optimizationJobs.run(name, execution)).toString();
    }

    /** Restarts a failed, stopped or crashed run from its checkpoint; 202 with the new execution. */
    @POST
    @Path("{name}/jobs/{execution}/restart")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response restartJob(@PathParam("name") String name, @PathParam("execution") long execution) {
        long restarted = optimizationJobs.restart(name, execution);
        return Response.accepted(
                        StudyJson.run(optimizationJobs.run(name, restarted)).toString())
                .location(URI.create("v1/studies/" + name + "/jobs/" + restarted))
                .build();
    }

    /** The study's schedule with the next time it fires. */
    @GET
    @Path("{name}/schedule")
    public String schedule(@PathParam("name") String name) {
        StudySchedule schedule =
                schedules.get(name).orElseThrow(() -> DomainException.notFound("study " + name + " has no schedule"));
        return scheduleJson(schedule).toString();
    }

    /**
     * Runs the study on a schedule: {@code {"cron": "0 2 * * *", "trials": 20, "parallelism": 2, "objective":
     * "network", "trialTimeout": "PT30M"}} — at each time (UTC) the cluster leader starts a run of this many more
     * trials.
     */
    @PUT
    @Path("{name}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String setSchedule(@PathParam("name") String name, String body) {
        JsonObject json = object(body);
        for (String key : json.keySet()) {
            if (!List.of("cron", "trials", "parallelism", "objective", "trialTimeout")
                    .contains(key)) {
                throw DomainException.invalid(
                        "unknown field " + key + " (cron, trials, parallelism, objective, trialTimeout)");
            }
        }
        StudySchedule schedule = schedules.set(
                name,
                text(json, "cron"),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, number(json, "trials", 10L))),
                (int) Math.max(0, Math.min(1000, number(json, "parallelism", 2L))),
                objectiveOf(name, text(json, "objective")),
                duration(json, "trialTimeout", "PT30M"));
        return scheduleJson(schedule).toString();
    }

    @DELETE
    @Path("{name}/schedule")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response removeSchedule(@PathParam("name") String name) {
        schedules.remove(name);
        return Response.noContent().build();
    }

    private String objectiveOf(String study, String objective) {
        if (objective != null) {
            return objective;
        }
        for (ObjectiveCatalog catalog : catalogs) {
            Optional<String> given = catalog.defaultFor(study);
            if (given.isPresent()) {
                return given.get();
            }
        }
        studies.study(study);
        throw DomainException.invalid("name the \"objective\" (study " + study + " has no training setup)");
    }

    private JsonObject scheduleJson(StudySchedule schedule) {
        var json = JSON.createObjectBuilder()
                .add("study", schedule.study())
                .add("cron", schedule.cron())
                .add("timezone", "UTC")
                .add("trials", schedule.trials())
                .add("parallelism", schedule.parallelism())
                .add("objective", schedule.objective())
                .add("trialTimeout", schedule.trialTimeout().toString())
                .add("version", schedule.version())
                .add("createdBy", schedule.createdBy())
                .add("createdAt", schedule.createdAt().toString());
        schedules.next(schedule.study()).ifPresent(next -> json.add("nextRun", next.toString()));
        if (schedule.lastFiredAt() != null) {
            json.add("lastFiredAt", schedule.lastFiredAt().toString());
        }
        if (schedule.lastExecution() != null) {
            json.add("lastExecution", schedule.lastExecution());
        }
        return json.build();
    }

    /** The portfolio's agents: trials won, new bests, credits paid and earned, balances (409: not a portfolio). */
    @GET
    @Path("{name}/market")
    public String market(@PathParam("name") String name) {
        jakarta.json.JsonArrayBuilder agents = JSON.createArrayBuilder();
        for (PortfolioSampler.Account account : studies.market(name)) {
            agents.add(JSON.createObjectBuilder()
                    .add("agent", account.agent())
                    .add("wins", account.wins())
                    .add("improvements", account.improvements())
                    .add("paid", EconomicsJson.credits(account.paid()))
                    .add("earned", EconomicsJson.credits(account.earned()))
                    .add("balance", EconomicsJson.credits(account.balance())));
        }
        return JSON.createObjectBuilder()
                .add("study", name)
                .add("agents", agents)
                .build()
                .toString();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response delete(@PathParam("name") String name) {
        studies.delete(name);
        return Response.noContent().build();
    }

    /** Ask: a new running trial (an enqueued one first). Body optional: {@code {"worker": "gpu-7"}}. */
    @POST
    @Path("{name}/trials")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response ask(@PathParam("name") String name, String body) {
        StoredTrial trial = trials.ask(name, text(objectOrEmpty(body), "worker"));
        return Response.created(URI.create("v1/studies/" + name + "/trials/" + trial.number()))
                .entity(StudyJson.trial(trial).toString())
                .build();
    }

    /** Enqueue a trial with given parameters: {@code {"parameters": {...}, "userAttributes": {...}}}. */
    @POST
    @Path("{name}/queue")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response enqueue(@PathParam("name") String name, String body) {
        JsonObject json = object(body);
        if (!(json.get("parameters") instanceof JsonObject parameters)) {
            throw DomainException.invalid("an enqueued trial needs \"parameters\": {...}");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            parameters.forEach((key, value) -> values.put(key, SearchSpaceJson.scalar(key, value)));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        StoredTrial trial = trials.enqueue(name, values, objectField(json, "userAttributes"));
        return Response.created(URI.create("v1/studies/" + name + "/trials/" + trial.number()))
                .entity(StudyJson.trial(trial).toString())
                .build();
    }

    /** Trials by number; {@code state} filters (comma-separated), {@code offset}/{@code limit} page. */
    @GET
    @Path("{name}/trials")
    public String trials(
            @PathParam("name") String name,
            @QueryParam("state") String states,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw DomainException.invalid("offset is ≥ 0 and limit 1 to 10000");
        }
        List<StoredTrial> selected = filtered(studies.trials(name), states);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        selected.stream().skip(offset).limit(limit).forEach(t -> array.add(StudyJson.trial(t)));
        return JSON.createObjectBuilder()
                .add("total", selected.size())
                .add("offset", offset)
                .add("limit", limit)
                .add("trials", array)
                .build()
                .toString();
    }

    @GET
    @Path("{name}/trials/{number}")
    public String trial(@PathParam("name") String name, @PathParam("number") long number) {
        return StudyJson.trial(studies.trial(name, number)).toString();
    }

    /**
     * Tell: {@code {"state": "complete", "values": [0.12], "constraints": [-1.0], "userAttributes": {}}}; state
     * defaults to complete; pruned and failed trials may omit values.
     */
    @POST
    @Path("{name}/trials/{number}/tell")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String tell(@PathParam("name") String name, @PathParam("number") long number, String body) {
        JsonObject json = object(body);
        String stateName = text(json, "state");
        TrialState state;
        try {
            state = stateName == null ? TrialState.COMPLETE : TrialState.valueOf(stateName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("a trial ends complete, pruned or failed, not " + stateName);
        }
        Outcome outcome;
        try {
            outcome = new Outcome(state, numbers(json, "values"), numbers(json, "constraints"));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        JsonObject attributes = json.containsKey("userAttributes") ? objectField(json, "userAttributes") : null;
        return StudyJson.trial(trials.tell(name, number, outcome, attributes)).toString();
    }

    /** Report an intermediate value: {@code {"step": 3, "value": 0.4}}; answers whether to prune now. */
    @POST
    @Path("{name}/trials/{number}/intermediates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String report(@PathParam("name") String name, @PathParam("number") long number, String body) {
        JsonObject json = object(body);
        long step = number(json, "step", null);
        if (!(json.get("value") instanceof JsonNumber value)) {
            throw DomainException.invalid("an intermediate report needs \"value\", a finite number");
        }
        Map.Entry<StoredTrial, Boolean> reported = trials.report(name, number, step, value.doubleValue());
        return JSON.createObjectBuilder()
                .add("shouldPrune", reported.getValue())
                .add("trial", StudyJson.trial(reported.getKey()))
                .build()
                .toString();
    }

    /** What the trial's evaluations wrote (a Python objective's output, the platform's notes), as text. */
    @GET
    @Path("{name}/trials/{number}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String log(@PathParam("name") String name, @PathParam("number") long number) {
        return trialLogs.read(name, number);
    }

    @GET
    @Path("{name}/trials/{number}/should-prune")
    public String shouldPrune(@PathParam("name") String name, @PathParam("number") long number) {
        return JSON.createObjectBuilder()
                .add("shouldPrune", trials.shouldPrune(name, number))
                .build()
                .toString();
    }

    @POST
    @Path("{name}/trials/{number}/heartbeat")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response heartbeat(@PathParam("name") String name, @PathParam("number") long number) {
        trials.heartbeat(name, number);
        return Response.noContent().build();
    }

    /** The best trial (single objective) or the Pareto front (several), as {@code {"trials": [...]}}. */
    @GET
    @Path("{name}/best")
    public String best(@PathParam("name") String name) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        studies.best(name).forEach(t -> array.add(StudyJson.trial(t)));
        return JSON.createObjectBuilder().add("trials", array).build().toString();
    }

    /**
     * Sets the live variables and platform settings the study's variables stand for (entries of type
     * {@code live} or {@code setting}) to the best trial's values: {@code {"applied": {...}}}.
     */
    @POST
    @Path("{name}/apply-best")
    @RolesAllowed({Role.ADMIN_NAME})
    public String applyBest(@PathParam("name") String name) {
        return JSON.createObjectBuilder()
                .add("applied", TrialJson.parameters(studies.applyBest(name)))
                .build()
                .toString();
    }

    /** Parameter importance for one objective (0 unless given): {@code {"objective": 0, "importances": {...}}}. */
    @GET
    @Path("{name}/importance")
    public String importance(
            @PathParam("name") String name, @QueryParam("objective") @DefaultValue("0") int objective) {
        var importances = JSON.createObjectBuilder();
        studies.importance(name, objective).forEach(importances::add);
        return JSON.createObjectBuilder()
                .add("objective", objective)
                .add("evaluator", "fanova")
                .add("importances", importances)
                .build()
                .toString();
    }

    /** All trials as CSV: number, state, one column per variable, values, duration, in Optuna's layout. */
    @GET
    @Path("{name}/trials.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("name") String name) {
        StudyDefinition study = studies.study(name);
        StringBuilder csv = new StringBuilder("number,state");
        for (int m = 0; m < study.directions().size(); m++) {
            csv.append(study.directions().size() == 1 ? ",value" : ",values_" + m);
        }
        study.space().variables().forEach(v -> csv.append(",params_").append(v.name()));
        csv.append(",datetime_start,datetime_complete\n");
        for (StoredTrial stored : studies.trials(name)) {
            csv.append(stored.number()).append(',').append(stored.state());
            for (int m = 0; m < study.directions().size(); m++) {
                csv.append(',');
                if (m < stored.trial().values().size()) {
                    csv.append(stored.trial().values().get(m));
                }
            }
            for (var variable : study.space().variables()) {
                csv.append(',');
                Object value = stored.trial().parameters().get(variable.name());
                if (value != null) {
                    csv.append(quoted(value.toString()));
                }
            }
            csv.append(',').append(stored.startedAt() == null ? "" : stored.startedAt());
            csv.append(',')
                    .append(stored.finishedAt() == null ? "" : stored.finishedAt())
                    .append('\n');
        }
        return Response.ok(csv.toString())
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .build();
    }

    private static String quoted(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    static List<StoredTrial> filtered(List<StoredTrial> trials, String states) {
        if (states == null || states.isBlank()) {
            return trials;
        }
        List<TrialState> wanted = new ArrayList<>();
        for (String state : states.split(",")) {
            try {
                wanted.add(TrialState.valueOf(state.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(
                        "trial states are waiting, running, complete, pruned and failed, not " + state);
            }
        }
        return trials.stream().filter(t -> wanted.contains(t.state())).toList();
    }

    static List<Direction> directions(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return List.of(Direction.MINIMIZE);
        }
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw DomainException.invalid("\"directions\" is a non-empty array of \"minimize\" or \"maximize\"");
        }
        List<Direction> directions = new ArrayList<>();
        for (JsonValue entry : array) {
            if (!(entry instanceof JsonString text)) {
                throw DomainException.invalid("\"directions\" holds \"minimize\" or \"maximize\"");
            }
            try {
                directions.add(Direction.valueOf(text.getString().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(
                        "a direction is \"minimize\" or \"maximize\", not \"" + text.getString() + "\"");
            }
        }
        return directions;
    }

    private static List<Double> numbers(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value instanceof JsonNumber single) {
            return List.of(single.doubleValue());
        }
        if (!(value instanceof JsonArray array)) {
            throw DomainException.invalid("\"" + name + "\" is an array of finite numbers");
        }
        List<Double> numbers = new ArrayList<>();
        for (JsonValue entry : array) {
            if (!(entry instanceof JsonNumber number)) {
                throw DomainException.invalid("\"" + name + "\" holds finite numbers only, not " + entry);
            }
            numbers.add(number.doubleValue());
        }
        return numbers;
    }

    private static JsonObject objectField(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw DomainException.invalid("\"" + name + "\" is a JSON object");
        }
        return object;
    }
}
