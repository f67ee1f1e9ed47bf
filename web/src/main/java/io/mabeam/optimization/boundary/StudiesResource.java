package io.mabeam.optimization.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.objectField;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.optimization.control.PortfolioSampler;
import io.mabeam.optimization.control.StudyPart;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
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
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
    Studies studies;

    @EJB
    Trials trials;

    /** Parts of a study other components keep (its training setup, say), given when it is created. */
    @Inject
    @Any
    Instance<StudyPart> parts;

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

    /** A trial to enqueue: {@code {"parameters": {...}, "userAttributes": {...}}}. */
    public static class Enqueued {

        /** The trial's parameters, by variable name; checked against the study's search space. */
        @NotNull(message = "an enqueued trial needs \"parameters\": {...}")
        public JsonObject parameters;

        /** Attributes kept with the trial. */
        public JsonObject userAttributes = JsonValue.EMPTY_JSON_OBJECT;
    }

    /** Enqueue a trial with given parameters: the next ask gets it. */
    @POST
    @Path("{name}/queue")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response enqueue(@PathParam("name") String name, @Valid @NotNull Enqueued enqueued) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            enqueued.parameters.forEach((key, value) -> values.put(key, SearchSpaceJson.scalar(key, value)));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        JsonObject attributes = enqueued.userAttributes == null ? JsonValue.EMPTY_JSON_OBJECT : enqueued.userAttributes;
        StoredTrial trial = trials.enqueue(name, values, attributes);
        return Response.created(URI.create("v1/studies/" + name + "/trials/" + trial.number()))
                .entity(StudyJson.trial(trial).toString())
                .build();
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
}
