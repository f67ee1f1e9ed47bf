package io.mabeam.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a Server-Sent-Events response in the background and hands out its data lines as they come. */
final class SseReader implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final List<String> seen = new ArrayList<>();

    private SseReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        reader.submit(() -> response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                data.add(line.substring("data:".length()).trim());
            }
        }));
    }

    static SseReader open(Http http, String path, String authorization) {
        HttpResponse<Stream<String>> response = http.lines(http.request(path)
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return new SseReader(response);
    }

    /** The first data line (from now on, or already read) that matches; fails after the timeout. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        for (String line : seen) {
            if (wanted.test(line)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = data.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; saw " + seen);
    }

    @Override
    public void close() {
        response.body().close();
        reader.shutdownNow();
    }
}
