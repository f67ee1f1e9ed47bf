package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams the log to a Server-Sent-Events client: everything after a position, then what comes, polled
 * on a managed executor every {@code mabeam.events.tail.poll-interval}, until the client goes away or the tail's time is up (the
 * client reconnects with {@code Last-Event-ID} and loses nothing).
 */
@ApplicationScoped
public class EventTail {

    static final Duration LONGEST = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(EventTail.class.getName());

    @EJB
    Events events;

    @Inject
    @ConfigProperty(name = "mabeam.events.tail.poll-interval", defaultValue = "PT0.5S")
    Provider<String> pollInterval;

    @Resource
    ManagedScheduledExecutorService executor;

    public void follow(SseEventSink sink, Sse sse, EventQuery filter) {
        Instant deadline = Instant.now().plus(LONGEST);
        executor.submit(() -> poll(sink, sse, filter, deadline));
    }

    private void poll(SseEventSink sink, Sse sse, EventQuery query, Instant deadline) {
        if (sink.isClosed()) {
            return;
        }
        if (Instant.now().isAfter(deadline)) {
            sink.close();
            return;
        }
        EventQuery next = query;
        try {
            List<RecordedEvent> page = events.query(query);
            for (RecordedEvent event : page) {
                sink.send(sse.newEventBuilder()
                                .id(event.position().toString())
                                .name(event.type())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(
                                        String.class,
                                        EventsResource.array(List.of(event))
                                                .get(0)
                                                .toString())
                                .build())
                        .toCompletableFuture()
                        .join();
            }
            if (!page.isEmpty()) {
                GlobalPosition last = page.get(page.size() - 1).position();
                next = new EventQuery(
                        query.type(),
                        query.streamPrefix(),
                        query.from(),
                        query.to(),
                        query.correlationId(),
                        last,
                        query.limit());
            }
        } catch (RuntimeException clientGoneOrFailure) {
            LOG.log(Level.FINE, "Event tail ends", clientGoneOrFailure);
            sink.close();
            return;
        }
        EventQuery following = next;
        long delay = next == query ? Duration.parse(pollInterval.get()).toMillis() : 0;
        executor.schedule(() -> poll(sink, sse, following, deadline), delay, TimeUnit.MILLISECONDS);
    }
}
