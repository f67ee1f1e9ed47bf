package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.EventTypeCount;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.ReusedEventIds;
import io.mabeam.foundation.events.entity.Snapshot;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event store over HTTP. Appends take the expected version the HTTP way: {@code If-Match: "5"} (the
 * stream is at version 5), {@code If-Match: *} (it exists), {@code If-None-Match: *} (it does not), none
 * (any version); a failed precondition is a 412 problem and writes nothing. Stream reads carry the
 * stream's version as their ETag.
 */
@Path("v1/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class EventsResource {

    static final String CORRELATION_ID = "X-Correlation-Id";
    static final String CAUSATION_ID = "X-Causation-Id";

    @EJB
    Events events;

    @Inject
    EventTail tail;

    @Inject
    EventTypeCounts typeCounts;

    @EJB
    Retention retention;

    @POST
    @Path("streams/{stream: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response append(
            @PathParam("stream") String stream,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam(CORRELATION_ID) String correlationId,
            @HeaderParam(CAUSATION_ID) String causationId,
            String body,
            @Context UriInfo uri) {
        ExpectedVersion expected = expected(ifMatch, ifNoneMatch);
        List<NewEvent> batch = parse(body);
        AppendResult result;
        try {
            result = events.append(stream, expected, batch, correlationId, causationId);
        } catch (WrongExpectedVersion wrong) {
            throw new DomainException(
                    DomainException.Reason.STALE,
                    "Precondition Failed",
                    wrong.getMessage()); // a failed If-Match / If-None-Match
        } catch (ReusedEventIds reused) {
            throw DomainException.conflict(reused.getMessage());
        }
        JsonObject json = Json.createObjectBuilder()
                .add("stream", result.stream())
                .add("firstVersion", result.firstVersion())
                .add("lastVersion", result.lastVersion())
                .add("replayed", result.replayed())
                .build();
        Response.ResponseBuilder response = result.replayed()
                ? Response.ok(json.toString())
                : Response.created(uri.getAbsolutePath()).entity(json.toString());
        return response.tag(new EntityTag(Long.toString(result.lastVersion()))).build();
    }

    @GET
    @Path("streams/{stream: .+}")
    public Response readStream(
            @PathParam("stream") String stream,
            @QueryParam("from") Long from,
            @QueryParam("direction") @DefaultValue("forwards") String direction,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        boolean forwards = switch (direction) {
            case "forwards" -> true;
            case "backwards" -> false;
            default -> throw DomainException.invalid("direction is forwards or backwards");
        };
        long version = events.version(stream);
        if (version < 0) {
            throw DomainException.notFound("no stream '" + stream + "'");
        }
        long start = from != null ? from : forwards ? 0 : version;
        if (start < 0) {
            throw DomainException.invalid("from is a version, 0 or more");
        }
        List<RecordedEvent> page = events.readStream(stream, start, forwards, limit(limit));
        return Response.ok(array(page).toString())
                .tag(new EntityTag(Long.toString(version)))
                .build();
    }

    /** Keeps the stream's state as of a version (a JSON object); readers rebuild from the latest one. */
    @PUT
    @Path("streams/{stream: .+}/snapshots/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String saveSnapshot(@PathParam("stream") String stream, @PathParam("version") long version, String state) {
        return snapshot(events.saveSnapshot(stream, version, state == null ? "" : state));
    }

    @GET
    @Path("streams/{stream: .+}/snapshots/latest")
    public String latestSnapshot(@PathParam("stream") String stream) {
        return events.latestSnapshot(stream)
                .map(EventsResource::snapshot)
                .orElseThrow(() -> DomainException.notFound("no snapshot of '" + stream + "'"));
    }

    private static String snapshot(Snapshot snapshot) {
        return Json.createObjectBuilder()
                .add("stream", snapshot.stream())
                .add("version", snapshot.version())
                .add("state", read(snapshot.state()))
                .add("takenAt", snapshot.takenAt().toString())
                .build()
                .toString();
    }

    /** Events the retention policies moved out of the log, by their old position. */
    @GET
    @Path("archive")
    public String archive(
            @QueryParam("stream") String streamPrefix,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return array(retention.archived(streamPrefix, after, limit)).toString();
    }

    /** Every event type in the log with its count and latest time, most frequent first. */
    @GET
    @Path("types")
    public String types() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (EventTypeCount count : typeCounts.all()) {
            all.add(Json.createObjectBuilder()
                    .add("type", count.type())
                    .add("events", count.events())
                    .add("lastRecordedAt", count.lastRecordedAt().toString()));
        }
        return all.build().toString();
    }

    /** The whole log in global order, optionally filtered; page with {@code after}. */
    @GET
    public String query(
            @QueryParam("type") String type,
            @QueryParam("stream") String streamPrefix,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        EventQuery query = filter(type, streamPrefix, from, to, correlationId, after, limit);
        return array(events.query(query)).toString();
    }

    /**
     * Server-Sent Events: the log after {@code after} (or the {@code Last-Event-ID} a reconnecting client
     * sends), then live. Each event's SSE id is its global position and its name is the event type.
     */
    @GET
    @Path("tail")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void tail(
            @QueryParam("type") String type,
            @QueryParam("stream") String streamPrefix,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("after") String after,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        String resumeAfter = lastEventId != null ? lastEventId : after;
        EventQuery query = filter(type, streamPrefix, null, null, correlationId, resumeAfter, 100);
        tail.follow(sink, sse, query);
    }

    /** Query parameters as a filter of the log; anything unreadable is a 400 problem. */
    static EventQuery filter(
            String type, String streamPrefix, String from, String to, String correlationId, String after, int limit) {
        try {
            return new EventQuery(
                    type,
                    streamPrefix,
                    from == null ? null : Instant.parse(from),
                    to == null ? null : Instant.parse(to),
                    correlationId,
                    after == null ? GlobalPosition.START : GlobalPosition.parse(after),
                    limit);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    static ExpectedVersion expected(String ifMatch, String ifNoneMatch) {
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw DomainException.invalid("If-None-Match takes only *: the stream must not exist");
            }
            return ExpectedVersion.NO_STREAM;
        }
        if (ifMatch == null) {
            return ExpectedVersion.ANY;
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return ExpectedVersion.STREAM_EXISTS;
        }
        try {
            long version = Long.parseLong(tag.replace("W/", "").replace("\"", ""));
            return ExpectedVersion.exactly(version);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("If-Match takes a stream version such as \"5\", or *");
        }
    }

    /** One event object, or an array of them: {"type", "payload", "id"?, "metadata"?}. */
    static List<NewEvent> parse(String body) {
        JsonStructure json;
        try {
            json = Json.createReader(new StringReader(body == null ? "" : body)).read();
        } catch (JsonException | IllegalStateException e) {
            throw new DomainException(DomainException.Reason.INVALID, "Malformed JSON", "the request body is not JSON");
        }
        List<JsonValue> items = json instanceof JsonArray array ? array : List.of(json);
        List<NewEvent> batch = new ArrayList<>();
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject event)) {
                throw DomainException.invalid("each event is a JSON object");
            }
            batch.add(event(event));
        }
        return batch;
    }

    private static NewEvent event(JsonObject json) {
        if (!(json.get("type") instanceof JsonString type)) {
            throw DomainException.invalid("an event has a \"type\" string");
        }
        if (!(json.get("payload") instanceof JsonObject payload)) {
            throw DomainException.invalid("an event has a \"payload\" object");
        }
        UUID id;
        try {
            id = json.get("id") instanceof JsonString text ? UUID.fromString(text.getString()) : UUID.randomUUID();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("an event id is a UUID");
        }
        Map<String, String> metadata = new HashMap<>();
        if (json.get("metadata") instanceof JsonObject fields) {
            fields.forEach((key, value) ->
                    metadata.put(key, value instanceof JsonString s ? s.getString() : value.toString()));
        }
        try {
            return new NewEvent(id, type.getString(), payload.toString(), metadata);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        return limit;
    }

    static JsonArray array(List<RecordedEvent> page) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (RecordedEvent event : page) {
            array.add(Json.createObjectBuilder()
                    .add("position", event.position().toString())
                    .add("stream", event.stream())
                    .add("version", event.version())
                    .add("id", event.id().toString())
                    .add("type", event.type())
                    .add("payload", read(event.payload()))
                    .add("metadata", read(event.metadata()))
                    .add("vectorClock", read(event.clock().toJson()))
                    .add("recordedAt", event.recordedAt().toString()));
        }
        return array.build();
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
