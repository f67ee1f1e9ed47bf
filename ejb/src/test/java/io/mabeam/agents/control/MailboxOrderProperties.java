package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MailboxOrderProperties {

    record Sent(int sender, int sequence) {}

    /**
     * Whatever the senders, the threads and the turn length: every message arrives exactly once, and each
     * sender's messages arrive in the order it sent them.
     */
    @Property(tries = 25)
    void eachSendersMessagesArriveOnceAndInOrder(
            @ForAll @IntRange(min = 1, max = 4) int senders,
            @ForAll @IntRange(min = 1, max = 3_000) int perSender,
            @ForAll @IntRange(min = 1, max = 64) int throughput)
            throws Exception {
        ForkJoinPool executor = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        AgentSystem system = new AgentSystem(
                executor,
                scheduler,
                new AgentSystem.Listener() {},
                new AgentSystem.Settings(throughput, null),
                new Random(1));
        try {
            Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(senders * perSender);
            AgentRef<Sent> sink = system.spawn(
                    "sink",
                    (context, message) -> {
                        received.computeIfAbsent(message.sender(), s -> new ArrayList<>())
                                .add(message.sequence());
                        all.countDown();
                        return Behaviors.same();
                    },
                    AgentOptions.DEFAULTS.withMailbox(
                            senders * perSender, io.mabeam.agents.entity.OverflowPolicy.REJECT));
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perSender; i++) {
                        sink.tell(new Sent(sender, i));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            for (int s = 0; s < senders; s++) {
                List<Integer> sequence = received.get(s);
                assertThat(sequence).hasSize(perSender);
                for (int i = 0; i < perSender; i++) {
                    assertThat(sequence.get(i)).isEqualTo(i);
                }
            }
            assertThat(system.deadLetters()).isZero();
        } finally {
            system.close();
            scheduler.shutdownNow();
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
