package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a healthy cluster of three shares (leaders, topology, rate limits, studies, live variables, agents,
 * schedules, placement), and how it copes when a fourth node joins and is killed. The three first nodes keep
 * running throughout, so the tests run in any order: a test that adds {@code cluster-it-4} kills it again
 * before it ends. Losing the leader and then the quorum, which a Raft CP group does not come back from, is
 * {@link ClusterQuorumIT}'s, on a cluster of its own.
 */
class ClusterIT extends ClusterOfThree {

    static final List<String> FIRST_THREE = List.of("cluster-it-1", "cluster-it-2", "cluster-it-3");

    @BeforeAll
    static void startCluster() throws Exception {
        startCluster("cluster-it", 6970, System.getProperty("it.cluster.db.url"));
    }

    @Test
    void everyNodeNamesTheOldestMemberLeaderOfEachRoleAndTheTopologyIsRecorded() throws Exception {
        String leader = null;
        for (String node : FIRST_THREE) {
            // a fourth node another test killed may still be listed for a moment: wait for the three
            JsonObject role = awaitJson(
                    http(node),
                    "api/v1/coordination/leaders/study-scheduler",
                    r -> r.get("leader") != JsonValue.NULL
                            && r.getJsonArray("offeredBy").size() == 3,
                    Duration.ofSeconds(30));
            // offeredBy lists the members oldest first; the nodes started side by side, so any may be oldest
            String oldest = role.getJsonArray("offeredBy").getString(0);
            assertThat(role.getJsonObject("leader").getString("node")).isEqualTo(oldest);
            if (leader == null) {
                leader = oldest;
            }
            assertThat(oldest).as("every node names the same leader").isEqualTo(leader);
        }
        JsonObject overview = awaitJson(
                http("cluster-it-2"), "api/v1/coordination", o -> o.getInt("members") == 3, Duration.ofSeconds(30));
        assertThat(overview.getInt("members")).isEqualTo(3);
        assertThat(overview.getInt("quorum")).isEqualTo(2);
        assertThat(overview.getBoolean("quorate")).isTrue();
        assertThat(overview.getString("cpSessions")).contains("time-to-live 10 s");

        List<String> joined = events("cluster:topology", "MemberJoined").stream()
                .map(e -> e.getJsonObject("payload").getString("node"))
                .toList();
        assertThat(joined).contains("cluster-it-1", "cluster-it-2", "cluster-it-3");
        JsonObject member = http("cluster-it-3")
                .get("api/v1/cluster/members", admin)
                .jsonValue()
                .asJsonArray()
                .getJsonObject(0);
        assertThat(member.getJsonArray("roles").toString()).contains("study-scheduler", "agent-host");
        assertThat(member.getJsonObject("capabilities").getString("cores")).isNotBlank();
    }

    @Test
    void aClientsRateLimitIsSharedByEveryNodeAndARefusedRequestChangesNothing() throws Exception {
        String key = "api/v1/config/mabeam.ratelimit.write.per-minute";
        String probe = issueToken("rate-probe"); // before the limit of 4, which the admin's own writes count against
        assertThat(http("cluster-it-1").putJson(key, admin, "{\"value\":4}").status())
                .isEqualTo(200);
        try {
            for (String node : List.of("cluster-it-1", "cluster-it-2", "cluster-it-3")) {
                // until the node's MicroProfile Config resolves the new value; then until its limiter does, whose
                // lookup (of a Long) Payara caches apart from the one the config API shows, for up to 500 ms
                awaitJson(
                        http(node),
                        key,
                        c -> "4".equals(c.getJsonObject("effective").getString("value", "")),
                        Duration.ofSeconds(10));
                awaitTrue(
                        () -> "4"
                                .equals(http(node)
                                        .putJson("api/v1/coordination/fences/rate-limit-probe", probe, "{\"token\":1}")
                                        .header("RateLimit-Limit")),
                        Duration.ofSeconds(10),
                        node + "'s limiter takes the new limit");
            }
            String client = issueToken("rate-limited");
            String fence = "api/v1/coordination/fences/rate-limit-it";
            String[] nodes = {"cluster-it-1", "cluster-it-2", "cluster-it-3", "cluster-it-1"};
            for (int token = 1; token <= 4; token++) {
                Reply write = http(nodes[token - 1]).putJson(fence, client, "{\"token\":" + token + "}");
                assertThat(write.status()).as(write.body()).isEqualTo(200);
                assertThat(write.header("RateLimit-Limit")).isEqualTo("4");
                assertThat(write.header("RateLimit-Remaining")).isEqualTo(String.valueOf(4 - token));
            }
            Reply refused = http("cluster-it-2").putJson(fence, client, "{\"token\":5}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(refused.json().getString("detail")).contains("4 write requests a minute");
            // reading is a class of its own; and the refused write was not done
            Reply read = http("cluster-it-3").get(fence, client);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().getJsonNumber("token").longValue()).isEqualTo(4);
            // another client has a bucket of its own
            assertThat(http("cluster-it-2")
                            .putJson(fence, issueToken("other-client"), "{\"token\":5}")
                            .status())
                    .isEqualTo(200);
        } finally {
            assertThat(http("cluster-it-1").delete(key, admin).status()).isEqualTo(200);
            // no other test may meet the limit of 4: wait until every node is back on the default
            for (String node : FIRST_THREE) {
                awaitJson(
                        http(node),
                        key,
                        c -> !"4".equals(c.getJsonObject("effective").getString("value", "")),
                        Duration.ofSeconds(10));
            }
        }
        String metrics =
                http("cluster-it-2").get("metrics?scope=application", null).body();
        assertThat(metrics.lines())
                .anyMatch(line -> line.startsWith("mabeam_ratelimit_decisions_total{")
                        && line.contains("outcome=\"refused\"")
                        && line.contains("route_class=\"write\""));
    }

    @Test
    void badCoordinationInputIsRefusedAndChangesNothing() {
        Http node = http("cluster-it-3");
        Reply badRole = node.get("api/v1/coordination/leaders/Study_Scheduler", admin);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.isProblem()).isTrue();
        Reply unknownRole = node.get("api/v1/coordination/leaders/no-such-role", admin);
        assertThat(unknownRole.status()).isEqualTo(404);
        assertThat(unknownRole.json().getString("detail")).contains("no member of the cluster offers role");

        String key = "api/v1/config/mabeam.ratelimit.read.per-minute";
        for (String malformed : List.of("\"many\"", "0", "-5", "1.5", "100000000")) {
            Reply refused = node.putJson(key, admin, "{\"value\":" + malformed + "}");
            assertThat(refused.status()).as(malformed).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        assertThat(node.get(key, admin).json().containsKey("value")).isFalse();
        assertThat(node.putJson("api/v1/config/mabeam.ratelimit.enabled", admin, "{\"value\":\"maybe\"}")
                        .status())
                .isEqualTo(400);
        Reply negativeWait = node.postJson(
                "api/v1/coordination/locks/cluster-it/leases", admin, "{\"wait\":\"-PT1S\",\"ttl\":\"PT1S\"}");
        assertThat(negativeWait.status()).isEqualTo(400);
        assertThat(node.get("api/v1/coordination/leases", admin).jsonValue().asJsonArray())
                .isEmpty();
    }

    @Test
    void workersOnEveryNodeDriveOneStudyWithoutDuplicateOrLostTrials() throws Exception {
        String study = "cluster-study-" + System.nanoTime();
        Reply created = http("cluster-it-1")
                .postJson(
                        "api/v1/studies",
                        admin,
                        ("{\"name\":\"%s\","
                                        + "\"sampler\":{\"name\":\"tpe\",\"constantLiar\":true,\"startupTrials\":4},"
                                        + "\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":-2,\"high\":2}]}}")
                                .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> nodes = List.of("cluster-it-1", "cluster-it-2", "cluster-it-3");
        var workers = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<List<Integer>>> done = new java.util.ArrayList<>();
        for (int w = 0; w < 6; w++) {
            Http node = http(nodes.get(w % 3));
            done.add(workers.submit(() -> {
                List<Integer> mine = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Reply asked = node.postJson("api/v1/studies/" + study + "/trials", admin, "{}");
                    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
                    int number = asked.json().getInt("number");
                    double x = asked.json()
                            .getJsonObject("parameters")
                            .getJsonNumber("x")
                            .doubleValue();
                    Reply told = node.postJson(
                            "api/v1/studies/" + study + "/trials/" + number + "/tell",
                            admin,
                            "{\"values\":[" + (x * x) + "]}");
                    assertThat(told.status()).as(told.body()).isEqualTo(200);
                    mine.add(number);
                }
                return mine;
            }));
        }
        java.util.Set<Integer> numbers = new java.util.TreeSet<>();
        for (var f : done) {
            numbers.addAll(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
        }
        workers.shutdown();
        assertThat(numbers).hasSize(48).first().isEqualTo(0);
        assertThat(numbers).last().isEqualTo(47);
        for (String node : nodes) {
            JsonObject summary =
                    http(node).get("api/v1/studies/" + study, admin).json();
            assertThat(summary.getJsonObject("trialsByState").getInt("complete"))
                    .isEqualTo(48);
        }
    }

    @Test
    void aLiveVariableChangedOnOneNodeReachesSubscribersOnAnother() throws Exception {
        String name = "cluster.var" + System.nanoTime();
        Http watcher = http("cluster-it-3");
        var response = watcher.lines(watcher.request("api/v1/events/tail?stream=variable:" + name)
                .header("Authorization", admin)
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var seen = reader.submit(() -> {
                List<String> events = new java.util.ArrayList<>(); // "Type data" per event
                String type = null;
                var lines = response.body().iterator();
                while (lines.hasNext() && events.size() < 2) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        type = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(type + " " + line);
                    }
                }
                return events;
            });
            assertThat(http("cluster-it-1")
                            .putJson(
                                    "api/v1/variables/" + name,
                                    admin,
                                    "{\"definition\":{\"type\":\"int\",\"low\":1,\"high\":64},\"value\":8}")
                            .status())
                    .isEqualTo(201);
            assertThat(http("cluster-it-2")
                            .putJson("api/v1/variables/" + name + "/value", admin, "{\"value\":16}")
                            .status())
                    .isEqualTo(200);
            List<String> data = seen.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(data.get(0)).contains("VariableDeclared");
            assertThat(data.get(1)).contains("VariableChanged").contains("16");
        } finally {
            response.body().close();
            reader.shutdownNow();
        }
        assertThat(watcher.get("api/v1/variables/" + name, admin).json().getInt("value"))
                .isEqualTo(16);
    }

    @Test
    void anAgentIsReachedByIdFromAnyNodeAndAMessageSentAgainIsHandledOnce() throws Exception {
        String prefix = "cluster-echo-" + System.nanoTime();
        List<String> nodes = List.of("cluster-it-1", "cluster-it-2", "cluster-it-3");
        for (int i = 0; i < 3; i++) {
            Reply spawned = http("cluster-it-1")
                    .postJson(
                            "api/v1/agents",
                            admin,
                            "{\"id\":\"%s-%d\",\"type\":\"echo\",\"node\":\"%s\",\"topics\":[\"%s\"]}"
                                    .formatted(prefix, i, nodes.get(i), prefix));
            assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);
            assertThat(spawned.json().getString("node")).isEqualTo(nodes.get(i));
        }
        for (int i = 0; i < 3; i++) {
            awaitJson(
                    http(nodes.get(i)),
                    "api/v1/agents/" + prefix + "-" + i,
                    a -> a.containsKey("live")
                            && a.getJsonObject("live").getString("state").equals("running"),
                    Duration.ofSeconds(10));
        }
        // asked on node 2, answered by the agent on node 1
        Reply answered = http("cluster-it-2")
                .postJson(
                        "api/v1/agents/" + prefix + "-0/messages",
                        admin,
                        "{\"message\":{\"from\":\"node-2\"},\"awaitReply\":true}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().getJsonObject("reply").getJsonObject("echo").getString("from"))
                .isEqualTo("node-2");
        // at least once, under one id, from two nodes: handled once
        String once =
                "{\"message\":{\"n\":1},\"delivery\":\"at-least-once\",\"messageId\":\"x-1\",\"awaitReply\":true}";
        Reply first = http("cluster-it-3").postJson("api/v1/agents/" + prefix + "-0/messages", admin, once);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getString("status")).isEqualTo("handled");
        assertThat(first.json().getJsonObject("reply").getInt("answered")).isEqualTo(2);
        Reply again = http("cluster-it-2").postJson("api/v1/agents/" + prefix + "-0/messages", admin, once);
        assertThat(again.json().getString("status")).isEqualTo("duplicate");
        assertThat(again.json().getJsonObject("reply").getInt("answered"))
                .as("the answer it gave the first time")
                .isEqualTo(2);
        // its detail, asked on node 3, comes live from node 1
        JsonObject detail = http("cluster-it-3")
                .get("api/v1/agents/" + prefix + "-0", admin)
                .json();
        assertThat(detail.getString("node")).isEqualTo("cluster-it-1");
        assertThat(detail.getJsonObject("live").getInt("processed")).isEqualTo(2);
        assertThat(detail.getJsonArray("capabilities").getString(0)).isEqualTo("echo");
        // a topic's subscribers on all three nodes answer one publication
        Reply published = http("cluster-it-3")
                .postJson(
                        "api/v1/agents/topics/" + prefix + "/messages",
                        admin,
                        "{\"message\":{\"news\":true},\"awaitReply\":true}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().getJsonObject("byStatus").getInt("handled")).isEqualTo(3);
        Reply local = http("cluster-it-1")
                .postJson("api/v1/agents/" + prefix + "-0/messages", admin, "{\"message\":{},\"awaitReply\":true}");
        assertThat(local.json().getJsonObject("reply").getInt("answered"))
                .as("the duplicate was not handled")
                .isEqualTo(4);
        // restarted from another node: the next incarnation on its own node
        Reply restarted = http("cluster-it-1").postJson("api/v1/agents/" + prefix + "-2/restart", admin, "");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
        assertThat(restarted.json().getInt("incarnation")).isEqualTo(2);
        awaitJson(
                http("cluster-it-3"),
                "api/v1/agents/" + prefix + "-2",
                a -> a.containsKey("live")
                        && a.getJsonObject("live").getString("state").equals("running")
                        && a.getInt("incarnation") == 2,
                Duration.ofSeconds(10));
        // placed round-robin from one node: every node gets its share
        java.util.Set<String> placedOn = new java.util.TreeSet<>();
        for (int i = 0; i < 3; i++) {
            Reply placed = http("cluster-it-2")
                    .postJson(
                            "api/v1/agents",
                            admin,
                            "{\"id\":\"%s-rr-%d\",\"type\":\"echo\",\"placement\":\"round-robin\"}"
                                    .formatted(prefix, i));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            placedOn.add(placed.json().getString("node"));
        }
        assertThat(placedOn).containsExactlyInAnyOrderElementsOf(nodes);
        JsonObject agentNodes =
                http("cluster-it-3").get("api/v1/agents/nodes", admin).json();
        assertThat(agentNodes.getJsonArray("nodes")).hasSize(3);
        // a node that is not a member is refused, and an unknown agent is 404 on every node
        assertThat(http("cluster-it-2")
                        .postJson(
                                "api/v1/agents",
                                admin,
                                "{\"id\":\"%s-x\",\"type\":\"echo\",\"node\":\"cluster-it-9\"}".formatted(prefix))
                        .status())
                .isEqualTo(400);
        assertThat(http("cluster-it-3")
                        .postJson("api/v1/agents/" + prefix + "-none/messages", admin, "{\"message\":{}}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anOptimizerWithTrainersOnTwoOtherNodesTellsEveryTrialExactlyOnce() throws Exception {
        String study = "agent-study-" + System.nanoTime();
        Reply created = http("cluster-it-1")
                .postJson(
                        "api/v1/studies",
                        admin,
                        ("{\"name\":\"%s\",\"sampler\":{\"name\":\"tpe\"},\"searchSpace\":{\"variables\":["
                                        + "{\"name\":\"x0\",\"type\":\"float\",\"low\":-5,\"high\":10},"
                                        + "{\"name\":\"x1\",\"type\":\"float\",\"low\":0,\"high\":15}]}}")
                                .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String t2 = study + "-trainer-2";
        String t3 = study + "-trainer-3";
        for (String[] trainer : new String[][] {{t2, "cluster-it-2"}, {t3, "cluster-it-3"}}) {
            Reply spawned = http("cluster-it-1")
                    .postJson(
                            "api/v1/agents",
                            admin,
                            "{\"id\":\"%s\",\"type\":\"trainer\",\"node\":\"%s\"}".formatted(trainer[0], trainer[1]));
            assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);
        }
        for (String[] trainer : new String[][] {{t2, "cluster-it-2"}, {t3, "cluster-it-3"}}) {
            awaitJson(
                    http(trainer[1]),
                    "api/v1/agents/" + trainer[0],
                    a -> a.containsKey("live"),
                    Duration.ofSeconds(10));
        }
        String optimizer = study + "-optimizer";
        Reply started = http("cluster-it-1")
                .postJson(
                        "api/v1/agents",
                        admin,
                        // messages between agents on different nodes are at most once: a trial whose Evaluate or
                        // answer is lost (just after a member left, say) is told failed at its timeout
                        ("{\"id\":\"%s\",\"type\":\"optimizer\",\"node\":\"cluster-it-1\",\"config\":{\"study\":\"%s\","
                                        + "\"objective\":\"branin\",\"budget\":20,\"trialTimeout\":\"PT10S\","
                                        + "\"trainers\":[\"%s\",\"%s\"]}}")
                                .formatted(optimizer, study, t2, t3));
        assertThat(started.status()).as(started.body()).isEqualTo(201);

        JsonObject report = null;
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            // asked from node 3; the optimizer answers from node 1
            Reply status = http("cluster-it-3")
                    .postJson(
                            "api/v1/agents/" + optimizer + "/messages",
                            admin,
                            "{\"message\":{\"type\":\"status\"},\"awaitReply\":true}");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            report = status.json().getJsonObject("reply");
            if (report.getBoolean("done")) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(report.getBoolean("done")).as(report.toString()).isTrue();
        assertThat(report.getInt("told")).isEqualTo(20);
        assertThat(report.getInt("complete") + report.getInt("failed"))
                .as(report.toString())
                .isEqualTo(20);
        assertThat(report.getInt("complete")).as(report.toString()).isPositive();
        var trials = http("cluster-it-2")
                .get("api/v1/studies/" + study + "/trials?limit=100", admin)
                .json()
                .getJsonArray("trials");
        assertThat(trials).hasSize(20);
        // every trial told, once: none left running, as many complete as the optimizer counted
        assertThat(trials.stream().map(t -> t.asJsonObject().getString("state")))
                .doesNotContain("running")
                .filteredOn("complete"::equals)
                .hasSize(report.getInt("complete"));
        assertThat(trials.stream().map(t -> t.asJsonObject().getInt("number")).distinct())
                .hasSize(20);
        // both trainers, each on its own node, evaluated trials
        for (String[] trainer : new String[][] {{t2, "cluster-it-2"}, {t3, "cluster-it-3"}}) {
            JsonObject detail =
                    http(trainer[1]).get("api/v1/agents/" + trainer[0], admin).json();
            assertThat(detail.getJsonObject("live").getInt("processed"))
                    .as(trainer[0])
                    .isPositive();
        }
    }

    @Test
    void aScheduledRunIsStartedOnceByTheLeaderOfTheCluster() throws Exception {
        String study = "scheduled-" + System.nanoTime();
        Reply created = http("cluster-it-2").postJson("api/v1/studies", admin, """
                        {"name": "%s", "searchSpace": {"variables": [
                          {"name": "x0", "type": "float", "low": -5, "high": 10},
                          {"name": "x1", "type": "float", "low": 0, "high": 15}]}}""".formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // once a day, at a second 20 s from now (UTC): every node has a timer for it, one node starts the run
        java.time.ZonedDateTime at =
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(20);
        String cron = "%d %d %d * * *".formatted(at.getSecond(), at.getMinute(), at.getHour());
        Reply scheduled = http("cluster-it-3")
                .putJson(
                        "api/v1/studies/" + study + "/schedule",
                        admin,
                        "{\"cron\": \"%s\", \"trials\": 3, \"objective\": \"branin\"}".formatted(cron));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        for (String node : List.of("cluster-it-1", "cluster-it-2", "cluster-it-3")) {
            JsonObject schedule = awaitJson(
                    http(node),
                    "api/v1/studies/" + study + "/schedule",
                    s -> s.containsKey("nextRun"),
                    Duration.ofSeconds(15));
            assertThat(Instant.parse(schedule.getString("nextRun")))
                    .isEqualTo(at.withNano(0).toInstant());
        }
        JsonObject runs = awaitJson(
                http("cluster-it-1"),
                "api/v1/studies/" + study + "/jobs",
                r -> r.getJsonArray("runs").size() == 1
                        && r.getJsonArray("runs")
                                .getJsonObject(0)
                                .getString("status")
                                .equals("COMPLETED"),
                Duration.ofSeconds(90));
        JsonObject run = runs.getJsonArray("runs").getJsonObject(0);
        assertThat(run.getString("node")).isEqualTo(leaderOf("study-scheduler"));
        // every node's own timer has fired (its next firing is tomorrow's), so any second run would be there
        for (String node : FIRST_THREE) {
            awaitJson(
                    http(node),
                    "api/v1/studies/" + study + "/schedule",
                    s -> s.containsKey("nextRun")
                            && Instant.parse(s.getString("nextRun")).isAfter(at.toInstant()),
                    Duration.ofSeconds(30));
        }
        assertThat(http("cluster-it-2")
                        .get("api/v1/studies/" + study + "/jobs", admin)
                        .json()
                        .getJsonArray("runs"))
                .hasSize(1);
        assertThat(events("study:" + study, "ScheduleFired")).hasSize(1);
        assertThat(http("cluster-it-1")
                        .get("api/v1/studies/" + study + "/trials", admin)
                        .json()
                        .getInt("total"))
                .isEqualTo(3);
        JsonObject schedule = http("cluster-it-2")
                .get("api/v1/studies/" + study + "/schedule", admin)
                .json();
        assertThat(schedule.getJsonNumber("lastExecution").longValue())
                .isEqualTo(run.getJsonNumber("executionId").longValue());
        assertThat(http("cluster-it-1")
                        .delete("api/v1/studies/" + study + "/schedule", admin)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void agentsBuyPlacementOnANodeAndTheWinnersMoveThere() throws Exception {
        String prefix = "placed-" + System.nanoTime();
        Http first = http("cluster-it-1");
        for (String agent : List.of(prefix + "-rich", prefix + "-poor")) {
            Reply spawned = first.postJson(
                    "api/v1/agents",
                    admin,
                    "{\"id\":\"%s\",\"type\":\"echo\",\"node\":\"cluster-it-1\"}".formatted(agent));
            assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);
            account(first, "agent", agent, 10);
        }
        Reply opened = first.postJson(
                "api/v1/auctions/placements",
                admin,
                "{\"node\":\"cluster-it-3\",\"slots\":1,\"reserve\":0.5,\"duration\":\"PT1M\",\"kind\":\"vcg\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String auction = opened.json().getString("id");
        assertThat(opened.json().getString("item")).isEqualTo("placement:cluster-it-3");
        assertThat(first.postJson(
                                "api/v1/auctions/" + auction + "/bids",
                                admin,
                                "{\"bidder\":\"agent:%s-rich\",\"price\":3}".formatted(prefix))
                        .status())
                .isEqualTo(201);
        assertThat(first.postJson(
                                "api/v1/auctions/" + auction + "/bids",
                                admin,
                                "{\"bidder\":\"agent:%s-poor\",\"price\":1}".formatted(prefix))
                        .status())
                .isEqualTo(201);
        Reply closed = http("cluster-it-2").postJson("api/v1/auctions/" + auction + "/close", admin, "");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json()
                        .getJsonObject("result")
                        .getJsonArray("awards")
                        .getJsonObject(0)
                        .getJsonNumber("payment")
                        .doubleValue())
                .as("the loser's bid")
                .isEqualTo(1);
        // the winner runs on the node it bought a slot on; the loser stays
        awaitJson(
                first,
                "api/v1/agents/" + prefix + "-rich",
                a -> a.getString("node").equals("cluster-it-3") && a.containsKey("live"),
                Duration.ofSeconds(30));
        assertThat(first.get("api/v1/agents/" + prefix + "-poor", admin).json().getString("node"))
                .isEqualTo("cluster-it-1");
        assertThat(first.get("api/v1/accounts/agent:" + prefix + "-rich", admin)
                        .json()
                        .getJsonNumber("balance")
                        .doubleValue())
                .isEqualTo(9);
        Reply tooMany =
                first.postJson("api/v1/auctions/placements", admin, "{\"node\":\"cluster-it-3\",\"slots\":1000000}");
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    }

    @Test
    void aTrainingJobWhoseNodeIsKilledResumesFromItsCheckpointWithEveryTrialCountedOnce() throws Exception {
        cluster.add("cluster-it-4");
        try {
            trainingJobSurvivesItsNodesCrash();
        } finally {
            killFourth();
        }
    }

    private void trainingJobSurvivesItsNodesCrash() throws Exception {
        Http fourth = http("cluster-it-4");
        String study = "crash-" + System.nanoTime();
        Reply created = fourth.postJson("api/v1/studies", admin, """
                {"name": "%s", "directions": ["maximize"], "searchSpace": {"variables": [
                  {"name": "units", "type": "int", "low": 4, "high": 32},
                  {"name": "learning_rate", "type": "float", "low": 0.001, "high": 0.1, "log": true}]},
                 "training": {"dataset": "iris", "target": "species", "maxEpochs": 60, "patience": 60}}""".formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int budget = 8;
        Reply started = fourth.postJson(
                "api/v1/studies/" + study + "/jobs", admin, "{\"budget\": %d, \"parallelism\": 2}".formatted(budget));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();
        // killed while trials train: at least one told, two running
        awaitJson(
                http("cluster-it-1"),
                "api/v1/studies/" + study + "/trials?limit=100",
                t -> states(t).getOrDefault("complete", 0L) >= 1 && states(t).getOrDefault("running", 0L) == 2,
                Duration.ofMinutes(3));
        // an auction and a proposal the fourth node opened, both still open when it dies
        String[] auction = doomedAuction(fourth);
        String proposal = doomedProposal(fourth);
        cluster.node("cluster-it-4").kill();
        Map<String, Long> atCrash = states(http("cluster-it-1")
                .get("api/v1/studies/" + study + "/trials?limit=100", admin)
                .json());
        JsonObject orphaned = awaitJson(
                http("cluster-it-2"),
                "api/v1/studies/" + study + "/jobs/" + execution,
                r -> r.getBoolean("orphaned"),
                Duration.ofSeconds(30));
        assertThat(orphaned.getString("status")).isEqualTo("STARTED");

        // the node comes back; the run is restarted there and finishes the budget
        cluster.relaunch("cluster-it-4");
        fourth = http("cluster-it-4");
        Reply restarted = fourth.postJson("api/v1/studies/" + study + "/jobs/" + execution + "/restart", admin, "");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(202);
        long again = restarted.json().getJsonNumber("executionId").longValue();
        JsonObject run = awaitJson(
                fourth,
                "api/v1/studies/" + study + "/jobs/" + again,
                r -> List.of("COMPLETED", "FAILED").contains(r.getString("status")),
                Duration.ofMinutes(4));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getJsonNumber("instanceId").longValue())
                .isEqualTo(orphaned.getJsonNumber("instanceId").longValue());
        JsonObject trials = http("cluster-it-1")
                .get("api/v1/studies/" + study + "/trials?limit=100", admin)
                .json();
        assertThat(trials.getInt("total")).as("no trial lost or added").isEqualTo(budget);
        assertThat(states(trials).getOrDefault("running", 0L)).isZero();
        assertThat(states(trials).getOrDefault("failed", 0L)).isZero();
        // the trials running at the crash were resumed, and each trial was told exactly once
        List<JsonObject> resumed = events("study:" + study, "TrialResumed");
        assertThat(resumed).hasSize(atCrash.getOrDefault("running", 0L).intValue());
        List<Long> told = new java.util.ArrayList<>();
        for (String type : List.of("TrialCompleted", "TrialPruned", "TrialFailed")) {
            events("study:" + study, type)
                    .forEach(e -> told.add(
                            e.getJsonObject("payload").getJsonNumber("number").longValue()));
        }
        assertThat(told).hasSize(budget).doesNotHaveDuplicates();
        assertThat(http("cluster-it-1")
                        .get("api/v1/studies/" + study + "/model", admin)
                        .status())
                .isEqualTo(200);
        closedOnceBySurvivors(auction, proposal);
    }

    /** An open Vickrey auction on {@code node} with two bids, closing 5 s from now: {id, winner, loser}. */
    private String[] doomedAuction(Http node) {
        String suffix = Long.toString(System.nanoTime());
        String seller = account(node, "study", "seller-" + suffix, 0);
        String winner = account(node, "agent", "high-" + suffix, 10);
        String loser = account(node, "agent", "low-" + suffix, 10);
        Reply opened = node.postJson(
                "api/v1/auctions",
                admin,
                "{\"kind\":\"vickrey\",\"item\":\"slot\",\"seller\":\"%s\",\"duration\":\"PT5S\"}".formatted(seller));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().getString("id");
        assertThat(node.postJson(
                                "api/v1/auctions/" + id + "/bids",
                                admin,
                                "{\"bidder\":\"%s\",\"price\":6}".formatted(winner))
                        .status())
                .isEqualTo(201);
        assertThat(node.postJson(
                                "api/v1/auctions/" + id + "/bids",
                                admin,
                                "{\"bidder\":\"%s\",\"price\":4}".formatted(loser))
                        .status())
                .isEqualTo(201);
        return new String[] {id, winner, loser, seller};
    }

    private String account(Http node, String kind, String owner, double credits) {
        Reply opened =
                node.postJson("api/v1/accounts", admin, "{\"kind\":\"%s\",\"owner\":\"%s\"}".formatted(kind, owner));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().getString("id");
        if (credits > 0) {
            assertThat(node.postJson("api/v1/accounts/" + id + "/deposits", admin, "{\"amount\":%s}".formatted(credits))
                            .status())
                    .isEqualTo(201);
        }
        return id;
    }

    /** A proposal opened on {@code node} whose only voter answers long after the 5 s round. */
    private String doomedProposal(Http node) {
        String voter = "sleepy-" + System.nanoTime();
        Reply spawned = node.postJson(
                "api/v1/agents",
                admin,
                "{\"id\":\"%s\",\"type\":\"voter\",\"config\":{\"accept\":{\"x\":{\"max\":1}},\"delay\":\"PT60S\"}}"
                        .formatted(voter));
        assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);
        Reply opened = node.postJson(
                "api/v1/proposals",
                admin,
                "{\"title\":\"x\",\"terms\":{\"x\":0},\"electorate\":[\"%s\"],\"roundTimeout\":\"PT5S\"}"
                        .formatted(voter));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().getString("id");
    }

    /** The survivors' leader closed the dead node's auction and proposal once, and settled the auction. */
    private void closedOnceBySurvivors(String[] auction, String proposal) throws InterruptedException {
        Http survivor = http("cluster-it-2");
        JsonObject closed = awaitJson(
                survivor,
                "api/v1/auctions/" + auction[0],
                a -> a.getString("status").equals("closed"),
                Duration.ofSeconds(60));
        assertThat(closed.getString("node")).isEqualTo("cluster-it-4");
        assertThat(closed.getString("closedBy")).isNotEqualTo("cluster-it-4");
        JsonObject award = closed.getJsonObject("result").getJsonArray("awards").getJsonObject(0);
        assertThat(award.getString("bidder")).isEqualTo(auction[1]);
        assertThat(award.getJsonNumber("payment").doubleValue()).isEqualTo(4);
        assertThat(events("auction:" + auction[0], "AuctionClosed")).hasSize(1);
        assertThat(survivor.get("api/v1/accounts/" + auction[1], admin)
                        .json()
                        .getJsonNumber("balance")
                        .doubleValue())
                .isEqualTo(6);
        assertThat(survivor.get("api/v1/accounts/" + auction[2], admin)
                        .json()
                        .getJsonNumber("balance")
                        .doubleValue())
                .isEqualTo(10);
        assertThat(survivor.get("api/v1/accounts/" + auction[3], admin)
                        .json()
                        .getJsonNumber("balance")
                        .doubleValue())
                .isEqualTo(4);
        JsonObject decided = awaitJson(
                survivor,
                "api/v1/proposals/" + proposal,
                p -> !p.getString("status").equals("open"),
                Duration.ofSeconds(60));
        assertThat(decided.getString("status")).isEqualTo("no-quorum");
        assertThat(events("proposal:" + proposal, "ProposalDecided")).hasSize(1);
        assertThat(events("proposal:" + proposal, "RoundClosed")
                        .get(0)
                        .getJsonObject("payload")
                        .getString("closedBy"))
                .isNotEqualTo("cluster-it-4");
    }

    static Map<String, Long> states(JsonObject trials) {
        return trials.getJsonArray("trials").getValuesAs(JsonObject.class).stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        t -> t.getString("state"), java.util.stream.Collectors.counting()));
    }

    @Test
    void aJoiningNodeTakesItsShareAndTheAgentsOfAKilledNodeRunAgainOnTheSurvivorsOnce() throws Exception {
        String key = "api/v1/config/mabeam.ratelimit.write.per-minute";
        assertThat(http("cluster-it-1")
                        .putJson(key, admin, "{\"value\":100000}")
                        .status())
                .isEqualTo(200);
        try {
            // a fourth node joins: the oldest agent node moves agents to it until the counts are even
            cluster.add("cluster-it-4");
            Http fourth = http("cluster-it-4");
            awaitJson(
                    fourth,
                    "api/v1/agents?node=cluster-it-4",
                    a -> !a.getJsonArray("agents").isEmpty(),
                    Duration.ofSeconds(60));
            JsonObject spread = awaitOrRecord(
                    "spread",
                    () -> awaitJson(
                            http("cluster-it-1"),
                            "api/v1/agents/nodes",
                            n -> n.getJsonArray("nodes").size() == 4
                                    && n.getJsonArray("nodes").stream()
                                                            .mapToInt(node -> node.asJsonObject()
                                                                    .getInt("agents"))
                                                            .max()
                                                            .orElse(0)
                                                    - n.getJsonArray("nodes").stream()
                                                            .mapToInt(node -> node.asJsonObject()
                                                                    .getInt("agents"))
                                                            .min()
                                                            .orElse(0)
                                            <= 1,
                            Duration.ofSeconds(60)));
            assertThat(spread.getJsonArray("nodes")).hasSize(4);

            // a thousand agents on the new node, then it is killed
            String prefix = "doomed-" + System.nanoTime();
            var spawners = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<Integer>> spawned = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                spawned.add(spawners.submit(() -> {
                    int ok = 0;
                    for (int i = worker; i < 1000; i += 4) {
                        Reply reply = fourth.postJson(
                                "api/v1/agents", admin, "{\"id\":\"%s-%d\",\"type\":\"echo\"}".formatted(prefix, i));
                        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                        ok++;
                    }
                    return ok;
                }));
            }
            int count = 0;
            for (var f : spawned) {
                count += f.get(300, java.util.concurrent.TimeUnit.SECONDS);
            }
            spawners.shutdown();
            assertThat(count).isEqualTo(1000);
            List<String> onFourth = awaitJson(
                            fourth,
                            "api/v1/agents?node=cluster-it-4&state=running",
                            a -> a.getJsonArray("agents").size() >= 1000,
                            Duration.ofSeconds(30))
                    .getJsonArray("agents")
                    .stream()
                    .map(a -> a.asJsonObject().getString("id"))
                    .toList();
            long adoptedBefore = sumOfMetric("mabeam_agents_adopted_total");

            Instant killed = Instant.now();
            cluster.node("cluster-it-4").kill();
            // each survivor answers for the agents it runs itself, live: together they run all of them
            List<String> survivors = List.of("cluster-it-1", "cluster-it-2", "cluster-it-3");
            java.util.function.Supplier<Long> runningAgain = () -> survivors.stream()
                    .mapToLong(node -> http(node)
                            .get("api/v1/agents?node=" + node + "&state=running", admin)
                            .json()
                            .getJsonArray("agents")
                            .stream()
                            .map(JsonValue::asJsonObject)
                            .filter(agent -> agent.containsKey("live") && onFourth.contains(agent.getString("id")))
                            .count())
                    .sum();
            awaitTrue(
                    () -> runningAgain.get() == onFourth.size(),
                    Duration.ofSeconds(30),
                    "the " + onFourth.size() + " agents of the killed node run on the survivors");
            Duration failover = Duration.between(killed, Instant.now());
            System.out.println("Agents of the killed node running again after " + failover.toMillis() + " ms ("
                    + onFourth.size() + " agents)");
            assertThat(failover)
                    .as("all %d agents run again within 10 s", onFourth.size())
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            // the table, written by the survivors' journals, says so too
            Http survivor = http("cluster-it-2");
            JsonObject after = awaitJson(
                    survivor,
                    "api/v1/agents?state=running",
                    a -> a.getJsonArray("agents").stream()
                                    .map(JsonValue::asJsonObject)
                                    .filter(agent -> onFourth.contains(agent.getString("id")))
                                    .filter(agent -> !agent.getString("node").equals("cluster-it-4"))
                                    .count()
                            == onFourth.size(),
                    Duration.ofSeconds(30));
            // none twice: each was adopted by one survivor, and the survivors run exactly the agents wanted
            assertThat(sumOfMetric("mabeam_agents_adopted_total") - adoptedBefore)
                    .isEqualTo(onFourth.size());
            assertThat(after.getJsonArray("agents").stream()
                            .map(JsonValue::asJsonObject)
                            .filter(agent -> onFourth.contains(agent.getString("id")))
                            .map(agent -> agent.getString("node"))
                            .distinct())
                    .allMatch(node -> List.of("cluster-it-1", "cluster-it-2", "cluster-it-3")
                            .contains(node));
            // both sides read at each look: an agent of another test may stop or give up meanwhile
            java.util.function.LongSupplier wantedRunning =
                    () -> survivor.get("api/v1/agents", admin).json().getJsonArray("agents").stream()
                            .map(JsonValue::asJsonObject)
                            .filter(agent -> agent.getBoolean("wanted")
                                    && !agent.getString("state").equals("stopped"))
                            .count();
            long[] seen = new long[2];
            awaitOrRecord("each-once", () -> {
                awaitTrue(
                        () -> {
                            seen[0] = wantedRunning.getAsLong();
                            seen[1] = sumOfMetric("mabeam_agents_local");
                            return seen[0] == seen[1];
                        },
                        Duration.ofSeconds(10),
                        () -> "the survivors run each wanted agent once: " + seen[1] + " run, " + seen[0] + " wanted");
                return null;
            });
            // and they answer, wherever they run now
            Reply echoed = survivor.postJson(
                    "api/v1/agents/" + onFourth.get(0) + "/messages", admin, "{\"message\":{},\"awaitReply\":true}");
            assertThat(echoed.status()).as(echoed.body()).isEqualTo(200);
        } finally {
            killFourth();
            assertThat(http("cluster-it-1").delete(key, admin).status()).isEqualTo(200);
        }
    }

    /** The leader of a role, as the first node sees it. */
    static String leaderOf(String role) {
        return http("cluster-it-1")
                .get("api/v1/coordination/leaders/" + role, admin)
                .json()
                .getJsonObject("leader")
                .getString("node");
    }

    /** Kills {@code cluster-it-4} if it runs, and waits until the three others no longer count it. */
    static void killFourth() throws Exception {
        if (cluster.alive().stream().anyMatch(node -> node.name.equals("cluster-it-4"))) {
            cluster.node("cluster-it-4").kill();
        }
        cluster.awaitMembers(3, Duration.ofMinutes(1));
    }
}
