package io.mabeam.optimization.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.objectField;
import static io.mabeam.foundation.api.boundary.JsonBodies.objectOrEmpty;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.TrialState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A study's trials over REST, as Optuna's ask/tell: ask for a trial, report intermediate values and ask whether
 * to prune, beat, tell how it ended; trials with filters and paging, one trial and its log.
 */
@Path("v1/studies/{name}/trials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class TrialsResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Studies studies;

    @EJB
    Trials trials;

    @EJB
    TrialLogs trialLogs;

    /** Ask: a new running trial (an enqueued one first). Body optional: {@code {"worker": "gpu-7"}}. */
    @POST
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response ask(@PathParam("name") String name, String body) {
        StoredTrial trial = trials.ask(name, text(objectOrEmpty(body), "worker"));
        return Response.created(URI.create("v1/studies/" + name + "/trials/" + trial.number()))
                .entity(StudyJson.trial(trial).toString())
                .build();
    }

    /** Trials by number; {@code state} filters (comma-separated), {@code offset}/{@code limit} page. */
    @GET
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
    @Path("{number}")
    public String trial(@PathParam("name") String name, @PathParam("number") long number) {
        return StudyJson.trial(studies.trial(name, number)).toString();
    }

    /**
     * Tell: {@code {"state": "complete", "values": [0.12], "constraints": [-1.0], "userAttributes": {}}}; state
     * defaults to complete; pruned and failed trials may omit values.
     */
    @POST
    @Path("{number}/tell")
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

    /** An intermediate value: {@code {"step": 3, "value": 0.4}}. */
    public static class Report {

        /** The step it was measured at (an epoch, say); reporting a step again with the same value is harmless. */
        @NotNull(message = "an intermediate report needs \"step\", a whole number")
        @PositiveOrZero
        public Long step;

        /** The objective's value at that step. */
        @NotNull(message = "an intermediate report needs \"value\", a finite number")
        public Double value;
    }

    /** Report an intermediate value; answers whether to prune now. */
    @POST
    @Path("{number}/intermediates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String report(
            @PathParam("name") String name, @PathParam("number") long number, @Valid @NotNull Report report) {
        Map.Entry<StoredTrial, Boolean> reported = trials.report(name, number, report.step, report.value);
        return JSON.createObjectBuilder()
                .add("shouldPrune", reported.getValue())
                .add("trial", StudyJson.trial(reported.getKey()))
                .build()
                .toString();
    }

    /** What the trial's evaluations wrote (a Python objective's output, the platform's notes), as text. */
    @GET
    @Path("{number}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String log(@PathParam("name") String name, @PathParam("number") long number) {
        return trialLogs.read(name, number);
    }

    @GET
    @Path("{number}/should-prune")
    public String shouldPrune(@PathParam("name") String name, @PathParam("number") long number) {
        return JSON.createObjectBuilder()
                .add("shouldPrune", trials.shouldPrune(name, number))
                .build()
                .toString();
    }

    @POST
    @Path("{number}/heartbeat")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response heartbeat(@PathParam("name") String name, @PathParam("number") long number) {
        trials.heartbeat(name, number);
        return Response.noContent().build();
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
}
