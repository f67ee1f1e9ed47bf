package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coordination: lock leases and fencing tokens, latches, barriers, semaphores and supervised tasks.
 */
class CoordinationIT extends SharedNode {

    @Test
    void leasesHoldLocksAndFencingRefusesStaleTokens() throws Exception {
        String lock = unique("it-lock");
        String resource = "it/" + lock + "/best";
        Reply first = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT30S\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long firstFence = first.json().getJsonNumber("fence").longValue();
        assertThat(firstFence).isPositive();
        Reply busy = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT0.3S\"}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.isProblem()).isTrue();
        assertThat(http.get("api/v1/coordination/leases", ADMIN).body())
                .contains(first.json().getString("id"));
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + firstFence + "}")
                        .status())
                .isEqualTo(200);

        assertThat(http.delete("api/v1/coordination/leases/" + first.json().getString("id"), ADMIN)
                        .status())
                .isEqualTo(204);
        assertThat(http.delete("api/v1/coordination/leases/" + first.json().getString("id"), ADMIN)
                        .status())
                .isEqualTo(404);
        Reply second = http.postJson(
                "api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT5S\",\"ttl\":\"PT1S\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        long secondFence = second.json().getJsonNumber("fence").longValue();
        assertThat(secondFence).isGreaterThan(firstFence);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + secondFence + "}")
                        .status())
                .isEqualTo(200);
        Reply stale = http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + firstFence + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().getString("detail")).contains("earlier holder");
        assertThat(http.get("api/v1/coordination/fences/" + resource, ADMIN)
                        .json()
                        .getJsonNumber("token")
                        .longValue())
                .isEqualTo(secondFence);

        // the second lease expires by itself after a second: the lock is free again
        Reply third = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT10S\"}");
        assertThat(third.status()).as(third.body()).isEqualTo(201);
        http.delete("api/v1/coordination/leases/" + third.json().getString("id"), ADMIN);
        List<String> recorded = List.of();
        for (int i = 0; i < 50 && !recorded.contains("LockLeaseExpired"); i++) {
            Thread.sleep(100);
            recorded = http
                    .get("api/v1/events?stream=coordination:locks&limit=1000", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(e -> lock.equals(e.getJsonObject("payload").getString("lock")))
                    .map(e -> e.getString("type"))
                    .toList();
        }
        assertThat(recorded).contains("LockLeaseGranted", "LockLeaseReleased", "LockLeaseExpired");

        String viewer = Http.basic(Users.create(http, "viewer"), "a-long-password-1");
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", viewer, "{}")
                        .status())
                .isEqualTo(403);
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"-PT1S\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT2H\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/coordination/locks/-bad/leases", ADMIN, "{}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":0}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/coordination/fences/never-" + lock, ADMIN).status())
                .isEqualTo(404);
    }

    @Test
    void latchesBarriersSemaphoresAndSupervisedTasksOverRest() {
        String latch = unique("it-latch");
        assertThat(http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":2}")
                        .status())
                .isEqualTo(201);
        assertThat(http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":2}")
                        .status())
                .isEqualTo(409);
        assertThat(http.postJson("api/v1/coordination/latches/" + latch + "/count-down", ADMIN, "")
                        .json()
                        .getInt("count"))
                .isEqualTo(1);
        assertThat(http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "{\"wait\":\"PT0.1S\"}")
                        .json()
                        .getBoolean("open"))
                .isFalse();
        http.postJson("api/v1/coordination/latches/" + latch + "/count-down", ADMIN, "");
        assertThat(http.get("api/v1/coordination/latches/" + latch, ADMIN)
                        .json()
                        .getBoolean("open"))
                .isTrue();

        String barrier = "api/v1/coordination/barriers/" + unique("it-rung") + "/rounds/3";
        Reply first = http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-1\",\"parties\":2}");
        assertThat(first.json().getInt("arrived")).isEqualTo(1);
        assertThat(first.json().getBoolean("open")).isFalse();
        http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-1\",\"parties\":2}");
        assertThat(http.get(barrier, ADMIN).json().getInt("arrived")).isEqualTo(1);
        assertThat(http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-2\",\"parties\":5}")
                        .status())
                .isEqualTo(409);
        Reply last = http.postJson(
                barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-2\",\"parties\":2,\"wait\":\"PT5S\"}");
        assertThat(last.json().getBoolean("open")).isTrue();

        String semaphore = "api/v1/coordination/semaphores/" + unique("it-gpu");
        assertThat(http.putJson(semaphore, ADMIN, "{\"permits\":3}").status()).isEqualTo(201);
        assertThat(http.putJson(semaphore, ADMIN, "{\"permits\":3}").status()).isEqualTo(409);
        assertThat(http.get(semaphore, ADMIN).json().getInt("available")).isEqualTo(3);

        // bad input: a clear 400 problem, nothing changed
        for (Reply bad : List.of(
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":0}"),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":\"two\"}"),
                http.putJson("api/v1/coordination/latches/-bad", ADMIN, "{\"count\":1}"),
                http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "{\"wait\":\"-PT1S\"}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-3\",\"parties\":-1}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"parties\":2}"),
                http.putJson(semaphore, ADMIN, "{\"permits\":1.5}"))) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
        }
        assertThat(http.get("api/v1/coordination/latches/" + latch, ADMIN)
                        .json()
                        .getInt("count"))
                .isZero();
        assertThat(http.get(semaphore, ADMIN).json().getInt("available")).isEqualTo(3);

        JsonObject watch = http.get("api/v1/tasks/leadership-watch", ADMIN).json();
        assertThat(watch.getString("strategy")).isEqualTo("permanent");
        assertThat(watch.getString("status")).isEqualTo("running");
        assertThat(http.postJson("api/v1/tasks/leadership-watch/restarts", ADMIN, "")
                        .status())
                .isEqualTo(409);
        assertThat(http.get("api/v1/tasks/no-such-task", ADMIN).status()).isEqualTo(404);
        assertThat(http.get("api/v1/tasks/Bad%20Name", ADMIN).status()).isEqualTo(400);
        assertThat(http.get("api/v1/health", ADMIN).body()).contains("\"tasks\"");
    }

    @Test
    void malformedCoordinationBodiesAre400ProblemsAndChangeNothing() {
        String latch = unique("it-bodies-latch");
        String semaphore = "api/v1/coordination/semaphores/" + unique("it-bodies-sem");
        String barrier = "api/v1/coordination/barriers/" + unique("it-bodies-barrier") + "/rounds/0";
        String lock = unique("it-bodies-lock");
        for (Reply bad : List.of(
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, ""),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":4294967297}"),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":-1}"),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":2,\"cuont\":2}"),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":"),
                http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "{\"wait\":5}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":7,\"parties\":2}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"t-1\",\"parties\":1e12}"),
                http.putJson(semaphore, ADMIN, "{\"permits\":\"3\"}"),
                http.putJson(semaphore, ADMIN, "[3]"),
                http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":30}"),
                http.putJson("api/v1/coordination/fences/it/" + lock, ADMIN, ""),
                http.putJson("api/v1/coordination/fences/it/" + lock, ADMIN, "{\"token\":1.5}"),
                http.putJson("api/v1/coordination/fences/it/" + lock, ADMIN, "{\"token\":9223372036854775808}"))) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.isProblem()).as(bad.contentType()).isTrue();
        }
        assertThat(http.get("api/v1/coordination/latches/" + latch, ADMIN)
                        .json()
                        .getInt("count"))
                .isZero();
        assertThat(http.get(semaphore, ADMIN).json().getInt("available")).isZero();
        assertThat(http.get(barrier, ADMIN).json().getInt("arrived")).isZero();
        assertThat(http.get("api/v1/coordination/leases", ADMIN).body()).doesNotContain(lock);
        assertThat(http.get("api/v1/coordination/fences/it/" + lock, ADMIN).status())
                .isEqualTo(404);

        // an empty body still means the defaults where it did
        Reply lease = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "");
        assertThat(lease.status()).as(lease.body()).isEqualTo(201);
        http.delete("api/v1/coordination/leases/" + lease.json().getString("id"), ADMIN);
        assertThat(http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "")
                        .json()
                        .getBoolean("open"))
                .isTrue();
    }
}
