package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.agents.control.PostOffice.Delivery;
import io.mabeam.agents.control.PostOffice.Result;
import io.mabeam.agents.control.PostOffice.Status;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * At least once, whatever the wire loses: over a wire that drops any share of envelopes below one (deliveries,
 * answers, acknowledgements alike, chosen by a seeded draw), every message sent at least once — some of them
 * sent twice under the same id, as a client retrying would — is handled by its agent exactly once (no crash, so
 * the shared log sees every handling), and every send ends handled or duplicate.
 */
class PostOfficeProperties {

    @Property(tries = 30)
    void everyMessageIsHandledOnceHoweverManyEnvelopesTheWireLoses(
            @ForAll @IntRange(min = 0, max = 60) int lossPercent,
            @ForAll @IntRange(min = 1, max = 8) int messages,
            @ForAll @IntRange(min = 0, max = 8) int sentTwice,
            @ForAll long seed)
            throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        ExecutorService carrier = Executors.newSingleThreadExecutor();
        AgentSystem onB = new AgentSystem(
                pool,
                scheduler,
                new AgentSystem.Listener() {},
                AgentSystem.Settings.defaults(),
                new SplittableRandom(seed));
        try {
            Map<String, PostOffice> offices = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> handlings = new ConcurrentHashMap<>();
            Random draw = new Random(seed);
            PostOffice.Transport lossy = (node, envelope) -> {
                boolean lost;
                synchronized (draw) {
                    lost = draw.nextInt(100) < lossPercent;
                }
                if (!lost) {
                    String line = envelope.toJson();
                    carrier.execute(() -> offices.get(node).receive(Envelope.parse(line)));
                }
            };
            PostOffice.HandledLog shared = new RecentIdsLog(10_000); // shared, as the grid map is
            AgentType counting = new PostOfficeTest.CountingType() {
                @Override
                public Behavior<?> behavior(jakarta.json.JsonObject config, AgentEnvironment environment) {
                    return Behaviors.<PostOfficeTest.Counted>setup(context -> (ctx, counted) -> {
                        handlings
                                .computeIfAbsent(counted.amount(), k -> new AtomicInteger())
                                .incrementAndGet();
                        counted.replyTo().tell(Json.createValue(counted.amount()));
                        return Behaviors.same();
                    });
                }
            };
            onB.spawn("counter", counting.behavior(JsonValue.EMPTY_JSON_OBJECT, null));
            offices.put("a", new PostOffice("a", lossy, agent -> java.util.Optional.empty(), shared));
            offices.put(
                    "b",
                    new PostOffice(
                            "b",
                            lossy,
                            agent -> onB.find(agent).map(ref -> {
                                @SuppressWarnings("unchecked")
                                AgentRef<Object> typed = (AgentRef<Object>) ref;
                                return new PostOffice.Recipient(typed, counting);
                            }),
                            shared));
            Delivery atLeastOnce = new Delivery(true, true, Duration.ofSeconds(30), Duration.ofMillis(15));
            for (int m = 1; m <= messages; m++) {
                int sends = m <= sentTwice ? 2 : 1;
                for (int s = 0; s < sends; s++) {
                    Result result = offices.get("a")
                            .send(
                                    "message-" + m,
                                    "counter",
                                    Json.createObjectBuilder().add("add", m).build(),
                                    atLeastOnce,
                                    PostOffice.at("b"));
                    assertThat(result.status()).isIn(Status.HANDLED, Status.DUPLICATE);
                }
            }
            for (int m = 1; m <= messages; m++) {
                assertThat(handlings.get(m)).as("message %d", m).hasValue(1);
            }
            assertThat(handlings).hasSize(messages);
        } finally {
            onB.close();
            carrier.shutdownNow();
            pool.shutdown();
            scheduler.shutdownNow();
        }
    }
}
