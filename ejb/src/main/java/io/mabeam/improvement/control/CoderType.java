package io.mabeam.improvement.control;

import io.mabeam.agents.control.AgentContext;
import io.mabeam.agents.control.AgentEnvironment;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.Behavior;
import io.mabeam.agents.control.Behaviors;
import io.mabeam.improvement.entity.CoderSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An agent that proposes changes to one study — new search spaces for a follow-up study, with a rationale — and
 * puts each to the reviewers (agents with capability {@code reviewer}) to vote on: asked by message
 * {@code {"type": "propose"}} (the answer is the improvement), and by itself after every {@code everyTrials} new
 * complete trials when that is set. With a language model configured (and {@code "llm": true}, the default) it
 * asks the model first and falls back to its rules when the service fails or answers nonsense.
 *
 * <p>Configuration: {@link CoderSettings}, e.g. {@code {"study": "penguins", "budget": 20, "everyTrials": 20}}.
 * Messages: {@code {"type": "propose"}}, {@code {"type": "status"}} (the last result).
 */
public final class CoderType implements AgentType {

    static final Duration WATCH = Duration.ofSeconds(5);

    private final Improver improver;

    /** A coder type whose agents propose through {@code improver}. */
    public CoderType(Improver improver) {
        this.improver = improver;
    }

    sealed interface CoderMessage permits Propose, Proposed, Watch, Status {}

    record Propose(AgentRef<JsonValue> replyTo) implements CoderMessage {}

    record Proposed(JsonObject result, long completeTrials, AgentRef<JsonValue> replyTo) implements CoderMessage {}

    record Watch() implements CoderMessage {}

    record Status(AgentRef<JsonValue> replyTo) implements CoderMessage {}

    @Override
    public String name() {
        return "coder";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("coder");
    }

    @Override
    public void validate(JsonObject config) {
        CoderSettings.of(config);
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        CoderSettings settings = CoderSettings.of(config);
        return Behaviors.<CoderMessage>setup(context -> {
            if (settings.everyTrials() > 0) {
                context.startPeriodicTimer("watch", new Watch(), WATCH);
            }
            return new Behavior<CoderMessage>() {
                boolean busy;
                long proposedAt = 0;
                JsonObject last = Json.createObjectBuilder()
                        .add("proposed", false)
                        .add("reason", "not asked yet")
                        .build();

                @Override
                public Behavior<CoderMessage> receive(AgentContext<CoderMessage> ctx, CoderMessage message) {
                    if (message instanceof Status status) {
                        status.replyTo().tell(last);
                    } else if (message instanceof Propose propose) {
                        if (busy) {
                            ctx.stash(propose);
                        } else {
                            work(ctx, propose.replyTo(), true);
                        }
                    } else if (message instanceof Watch && !busy) {
                        work(ctx, null, false);
                    } else if (message instanceof Proposed proposed) {
                        busy = false;
                        if (proposed.result() != null) {
                            last = proposed.result();
                            proposedAt = proposed.completeTrials();
                        }
                        if (proposed.replyTo() != null) {
                            proposed.replyTo().tell(last);
                        }
                        ctx.unstashAll();
                    }
                    return Behaviors.same();
                }

                /** Proposes on the I/O executor: when asked, or when enough trials completed since the last time. */
                void work(AgentContext<CoderMessage> ctx, AgentRef<JsonValue> replyTo, boolean asked) {
                    busy = true;
                    String self = ctx.id();
                    long since = proposedAt;
                    ctx.pipeToSelf(
                            CompletableFuture.supplyAsync(
                                    () -> {
                                        long complete = improver.completeTrials(settings.study());
                                        if (!asked && complete - since < settings.everyTrials()) {
                                            return new Proposed(null, since, null);
                                        }
                                        return new Proposed(improver.propose(self, settings), complete, replyTo);
                                    },
                                    environment.io()),
                            (done, failure) -> failure == null
                                    ? done
                                    : new Proposed(
                                            Json.createObjectBuilder()
                                                    .add("proposed", false)
                                                    .add("reason", "proposing failed: " + rootCause(failure))
                                                    .build(),
                                            since,
                                            replyTo));
                }
            };
        });
    }

    static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        return switch (message.getString("type", "")) {
            case "propose" -> new Propose(replyTo);
            case "status" -> new Status(replyTo);
            default ->
                throw new IllegalArgumentException("a coder takes {\"type\": \"propose\"} or {\"type\": \"status\"}");
        };
    }
}
