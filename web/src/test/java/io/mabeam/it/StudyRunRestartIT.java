package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A study optimization run whose {@code optimize} step fails, restarted through the REST API: the Python
 * objective returns two values for trial 3 of a one-objective study, the study refuses that tell (400), so the
 * chunk and the step fail and the run ends FAILED with trial 3 still running. With the objective fixed (a new
 * version), {@code POST /studies/{name}/jobs/{execution}/restart} starts a new execution of the same job
 * instance that carries on from the checkpoint: the partition that owned trial 3 resumes it, the trials told
 * before the failure are neither asked nor run again, and the study ends with exactly its budget. Also: who may
 * restart, and what cannot be restarted.
 */
class StudyRunRestartIT extends SharedNode {

    /** Trial 3 gets two values: a broken objective for a study with one. */
    static final String BROKEN = """
            def objective(trial):
                x = trial.suggest_float("x", -5, 5)
                if trial.number == 3:
                    return (x * x, x)
                return x * x
            """;

    static final String FIXED = """
            def objective(trial):
                x = trial.suggest_float("x", -5, 5)
                return x * x
            """;

    /** A run that failed at trial 3 and its restart, and what the study, its events and the runs say after. */
    record FailedAndRestarted(
            String study,
            JsonObject failed,
            JsonObject restarted,
            Map<Long, JsonObject> trialsAfterFailure,
            Map<Long, JsonObject> trials,
            List<JsonObject> events,
            List<JsonObject> runs) {

        List<Long> numbersOf(String eventType) {
            return events.stream()
                    .filter(e -> e.getString("type").equals(eventType))
                    .map(e -> e.getJsonObject("payload").getJsonNumber("number").longValue())
                    .toList();
        }
    }

    FailedAndRestarted failAtTrialThreeThenRestart(int budget, int parallelism) throws Exception {
        String objective = unique("fails-at-3");
        Reply uploaded = http.putJson(
                "api/v1/python-objectives/" + objective,
                token,
                PythonBridgeIT.upload(BROKEN, Map.of("timeoutSeconds", 30, "workers", parallelism)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String study = unique("restart");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["minimize"], "sampler": {"name": "random"},
                 "searchSpace": {"variables": [{"name": "x", "type": "float", "low": -5, "high": 5}]}}""".formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": %d, \"parallelism\": %d, \"objective\": \"python:%s\", \"trialTimeout\": \"PT60S\"}"
                        .formatted(budget, parallelism, objective));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long first = started.json().getJsonNumber("executionId").longValue();
        JsonObject failed = Studies.awaitRun(http, token, study, first, Duration.ofMinutes(3));
        assertThat(failed.getString("status")).as(failed.toString()).isEqualTo("FAILED");
        Map<Long, JsonObject> trialsAfterFailure = byNumber(Studies.trials(http, token, study));

        Reply fixed =
                http.putJson("api/v1/python-objectives/" + objective, token, PythonBridgeIT.upload(FIXED, Map.of()));
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().getInt("version")).isEqualTo(2);

        Reply restart = http.postJson("api/v1/studies/" + study + "/jobs/" + first + "/restart", token, "");
        assertThat(restart.status()).as(restart.body()).isEqualTo(202);
        long second = restart.json().getJsonNumber("executionId").longValue();
        assertThat(second).isNotEqualTo(first);
        assertThat(restart.header("Location")).endsWith("v1/studies/" + study + "/jobs/" + second);
        JsonObject restarted = Studies.awaitRun(http, token, study, second, Duration.ofMinutes(3));
        assertThat(restarted.getString("status")).as(restarted.toString()).isEqualTo("COMPLETED");

        List<JsonObject> events = studyEventsOnceTheRunFinished(study, second);
        List<JsonObject> runs = http.get("api/v1/studies/" + study + "/jobs", token)
                .json()
                .getJsonArray("runs")
                .getValuesAs(JsonObject.class);
        return new FailedAndRestarted(
                study,
                failed,
                restarted,
                trialsAfterFailure,
                byNumber(Studies.trials(http, token, study)),
                events,
                runs);
    }

    @Test
    void aFailedRunRestartsFromItsCheckpointAndRunsOnlyTheTrialsItHadNotTold() throws Exception {
        FailedAndRestarted run = failAtTrialThreeThenRestart(6, 1);

        // the failure: trials 0 to 2 told, trial 3 refused and left running, nothing asked after it
        JsonObject optimize = step(run.failed(), "optimize");
        assertThat(optimize.getString("status")).isEqualTo("FAILED");
        assertThat(optimize.getJsonNumber("written").longValue()).isEqualTo(3);
        assertThat(run.failed().getJsonArray("steps"))
                .as("the summary does not run after a failed step")
                .hasSize(1);
        assertThat(run.trialsAfterFailure().keySet()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(run.trialsAfterFailure().get(3L).getString("state")).isEqualTo("running");

        // the restart: the same job instance, trial 3 resumed, then 4 and 5 asked; nothing else run again
        assertThat(run.restarted().getJsonNumber("instanceId").longValue())
                .isEqualTo(run.failed().getJsonNumber("instanceId").longValue());
        assertThat(step(run.restarted(), "optimize").getJsonNumber("written").longValue())
                .as("trials written in the job instance: the batch runtime carries on the 3 of the failed execution")
                .isEqualTo(6);
        assertThat(step(run.restarted(), "summarize").getString("status")).isEqualTo("COMPLETED");
        assertThat(run.restarted().getString("exitStatus")).startsWith("TRIALS COMPLETE=6 BEST ");
        assertCarriedOnFromTheCheckpoint(run, 6);
        for (long told = 0; told < 3; told++) {
            assertThat(run.trials().get(told))
                    .as("trial " + told + ", told before the failure, is as it was")
                    .isEqualTo(run.trialsAfterFailure().get(told));
        }

        // the run's history: FAILED, then COMPLETED, in the study's runs and in the platform's job runs
        assertThat(run.runs())
                .extracting(r -> r.getJsonNumber("executionId").longValue(), r -> r.getString("status"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(executionId(run.restarted()), "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple(executionId(run.failed()), "FAILED"));
        JsonObject failedJob =
                http.get("api/v1/jobs/runs/" + executionId(run.failed()), token).json();
        JsonObject restartedJob = http.get("api/v1/jobs/runs/" + executionId(run.restarted()), token)
                .json();
        assertThat(failedJob.getString("jobName")).isEqualTo("study-optimization");
        assertThat(failedJob.getString("status")).isEqualTo("FAILED");
        assertThat(restartedJob.getString("status")).isEqualTo("COMPLETED");
        assertThat(Instant.parse(failedJob.getString("endedAt")))
                .isBeforeOrEqualTo(Instant.parse(restartedJob.getString("startedAt")));

        // what cannot be restarted, and who may not
        String path = "api/v1/studies/" + run.study() + "/jobs/";
        Reply again = http.postJson(path + executionId(run.failed()) + "/restart", token, "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().getString("detail")).contains("restarted already");
        Reply completed = http.postJson(path + executionId(run.restarted()) + "/restart", token, "");
        assertThat(completed.status()).as(completed.body()).isEqualTo(409);
        assertThat(completed.json().getString("detail")).contains("COMPLETED");
        assertThat(http.postJson(path + "987654321/restart", token, "").status())
                .isEqualTo(404);
        String viewer = Users.create(http, "viewer");
        assertThat(http.postJson(
                                path + executionId(run.failed()) + "/restart",
                                Http.basic(viewer, "a-long-password-1"),
                                "")
                        .status())
                .isEqualTo(403);
        assertThat(Studies.trials(http, token, run.study()))
                .as("nothing refused started a trial")
                .hasSize(6);
    }

    @Test
    void eachPartitionOfARestartedRunCarriesOnFromItsOwnCheckpoint() throws Exception {
        FailedAndRestarted run = failAtTrialThreeThenRestart(8, 2);

        assertThat(step(run.failed(), "optimize").getString("status")).isEqualTo("FAILED");
        JsonObject orphan = run.trialsAfterFailure().get(3L);
        assertThat(orphan.getString("state")).isEqualTo("running");
        assertThat(run.trialsAfterFailure().values())
                .as("the partitions shared the budget; the other one may have gone on to it")
                .hasSizeBetween(4, 8)
                .filteredOn(t -> t.getString("state").equals("running"))
                .containsExactly(orphan);
        assertThat(run.trialsAfterFailure().values())
                .extracting(t -> t.getString("worker"))
                .as("one worker per partition, named after the job instance")
                .allMatch(w -> w.startsWith("batch:" + run.failed().getJsonNumber("instanceId") + ":p"));

        assertThat(run.restarted().getJsonNumber("instanceId").longValue())
                .isEqualTo(run.failed().getJsonNumber("instanceId").longValue());
        assertCarriedOnFromTheCheckpoint(run, 8);
        assertThat(run.trials().get(3L).getString("worker"))
                .as("resumed by the partition that had asked for it")
                .isEqualTo(orphan.getString("worker"));
        run.trialsAfterFailure().values().stream()
                .filter(t -> !t.getString("state").equals("running"))
                .forEach(told -> assertThat(
                                run.trials().get(told.getJsonNumber("number").longValue()))
                        .as("a trial told before the failure is as it was")
                        .isEqualTo(told));
        assertThat(run.runs()).extracting(r -> r.getString("status")).containsExactly("COMPLETED", "FAILED");
    }

    /** Exactly the budget, each trial asked once, trial 3 resumed once and completed by the fixed objective. */
    static void assertCarriedOnFromTheCheckpoint(FailedAndRestarted run, int budget) {
        List<Long> numbers =
                java.util.stream.LongStream.range(0, budget).boxed().toList();
        assertThat(run.trials().keySet()).containsExactlyElementsOf(numbers);
        assertThat(run.trials().values())
                .allSatisfy(t -> assertThat(t.getString("state")).isEqualTo("complete"));
        assertThat(run.numbersOf("TrialAsked")).as("no trial asked twice").containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(run.numbersOf("TrialResumed")).containsExactly(3L);
        JsonObject three = run.trials().get(3L);
        double x = three.getJsonObject("parameters").getJsonNumber("x").doubleValue();
        assertThat(three.getJsonObject("parameters"))
                .as("resumed with the parameters it was asked with")
                .isEqualTo(run.trialsAfterFailure().get(3L).getJsonObject("parameters"));
        assertThat(three.getJsonArray("values").getJsonNumber(0).doubleValue()).isCloseTo(x * x, within(1e-9));
        assertThat(run.events().stream().filter(e -> e.getString("type").equals("OptimizationJobFinished")))
                .as("only the completed execution summed up")
                .singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("payload")
                                .getJsonNumber("executionId")
                                .longValue())
                        .isEqualTo(executionId(run.restarted())));
    }

    /** The study's stream, read once the restarted run's last event is visible to readers. */
    List<JsonObject> studyEventsOnceTheRunFinished(String study, long execution) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<JsonObject> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            events = http.get("api/v1/events/streams/study:" + study + "?limit=1000", token)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            if (events.stream()
                    .anyMatch(e -> e.getString("type").equals("OptimizationJobFinished")
                            && e.getJsonObject("payload")
                                            .getJsonNumber("executionId")
                                            .longValue()
                                    == execution)) {
                return events;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no OptimizationJobFinished of run " + execution + " in " + events);
    }

    static Map<Long, JsonObject> byNumber(List<JsonObject> trials) {
        return trials.stream()
                .collect(Collectors.toMap(
                        t -> t.getJsonNumber("number").longValue(),
                        Function.identity(),
                        (a, b) -> {
                            throw new AssertionError("two trials numbered " + a.getJsonNumber("number"));
                        },
                        java.util.TreeMap::new));
    }

    static JsonObject step(JsonObject run, String name) {
        return run.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + run));
    }

    static long executionId(JsonObject run) {
        return run.getJsonNumber("executionId").longValue();
    }
}
