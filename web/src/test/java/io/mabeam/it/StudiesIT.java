package io.mabeam.it;

import static io.mabeam.it.Studies.SPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Studies driven by ask and tell as a client in any language would: best trials, paging, CSV, events,
 * bad input, concurrent workers, enqueued trials, heartbeats and retries, deletion.
 */
class StudiesIT extends SharedNode {

    @Test
    void askAndTellDriveAStudyToItsBestTrialAndEveryStepIsAnEvent() {
        String study = Studies.create(http, token, unique("quadratic"), ",\"sampler\":{\"name\":\"tpe\"},\"seed\":7");
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 25; i++) {
            JsonObject trial = Studies.ask(http, token, study);
            assertThat(trial.getJsonNumber("number").longValue()).isEqualTo(i);
            assertThat(trial.getString("state")).isEqualTo("running");
            JsonObject parameters = trial.getJsonObject("parameters");
            // the conditional variable is there exactly when its parent says so
            assertThat(parameters.containsKey("momentum"))
                    .isEqualTo(parameters.getString("optimizer").equals("sgd"));
            double value = Studies.objective(parameters);
            best = Math.min(best, value);
            Reply told = Studies.tell(http, token, study, i, "{\"values\":[%s]}".formatted(value));
            assertThat(told.status()).as(told.body()).isEqualTo(200);
            assertThat(told.json().getString("state")).isEqualTo("complete");
        }
        JsonObject summary = http.get("api/v1/studies/" + study, token).json();
        assertThat(summary.getJsonNumber("trials").longValue()).isEqualTo(25);
        assertThat(summary.getJsonObject("trialsByState").getInt("complete")).isEqualTo(25);
        assertThat(summary.getJsonNumber("seed").longValue()).isEqualTo(7);
        JsonArray bestTrials =
                http.get("api/v1/studies/" + study + "/best", token).json().getJsonArray("trials");
        assertThat(bestTrials).hasSize(1);
        assertThat(bestTrials
                        .getJsonObject(0)
                        .getJsonArray("values")
                        .getJsonNumber(0)
                        .doubleValue())
                .isEqualTo(best);

        JsonObject page = http.get("api/v1/studies/" + study + "/trials?state=complete&offset=20&limit=3", token)
                .json();
        assertThat(page.getInt("total")).isEqualTo(25);
        assertThat(page.getJsonArray("trials").getValuesAs(JsonObject.class))
                .extracting(t -> t.getInt("number"))
                .containsExactly(20, 21, 22);

        Reply csv = http.get("api/v1/studies/" + study + "/trials.csv", token);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().toList())
                .hasSize(26)
                .first()
                .isEqualTo(
                        "number,state,value,params_x,params_layers,params_optimizer,params_momentum,datetime_start,datetime_complete");

        JsonArray events = http.get("api/v1/events/streams/study:" + study, ADMIN)
                .jsonValue()
                .asJsonArray();
        assertThat(events.getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type"))
                .startsWith("StudyCreated", "TrialAsked", "TrialCompleted")
                .hasSize(51);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String name = unique("bad");
        Reply lowAboveHigh = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":2,\"high\":1}]}}"
                        .formatted(name));
        assertThat(lowAboveHigh.status()).isEqualTo(400);
        assertThat(lowAboveHigh.isProblem()).isTrue();
        assertThat(lowAboveHigh.json().getString("detail")).contains("low").contains("high");
        Reply emptyChoices = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"c\",\"type\":\"categorical\",\"choices\":[]}]}}"
                        .formatted(name));
        assertThat(emptyChoices.status()).isEqualTo(400);
        assertThat(emptyChoices.isProblem()).isTrue();
        Reply unknownSampler = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"annealing\"}}".formatted(name, SPACE));
        assertThat(unknownSampler.status()).isEqualTo(400);
        assertThat(unknownSampler.json().getString("detail"))
                .contains("annealing")
                .contains("tpe");
        Reply badOption = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"tpe\",\"multivariat\":true}}"
                        .formatted(name, SPACE));
        assertThat(badOption.status()).isEqualTo(400);
        assertThat(badOption.json().getString("detail")).contains("multivariat");
        Reply badGamma = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"tpe\",\"gammaFraction\":2}}"
                        .formatted(name, SPACE));
        assertThat(badGamma.status()).isEqualTo(400);
        assertThat(badGamma.json().getString("detail")).contains("gammaFraction");
        assertThat(http.get("api/v1/studies/" + name, token).status()).isEqualTo(404);

        String study = Studies.create(http, token, name, ",\"directions\":[\"minimize\",\"maximize\"]");
        assertThat(http.postJson("api/v1/studies", token, "{\"name\":\"%s\",\"searchSpace\":%s}".formatted(name, SPACE))
                        .status())
                .isEqualTo(409);
        long number = Studies.ask(http, token, study).getJsonNumber("number").longValue();
        Reply nan = Studies.tell(http, token, study, number, "{\"values\":[\"NaN\", 1]}");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.isProblem()).isTrue();
        Reply wrongCount = Studies.tell(http, token, study, number, "{\"values\":[1.0]}");
        assertThat(wrongCount.status()).isEqualTo(400);
        assertThat(wrongCount.json().getString("detail")).contains("2 objective");
        assertThat(Studies.tell(http, token, study, 999, "{\"values\":[1, 2]}").status())
                .isEqualTo(404);
        assertThat(Studies.tell(http, token, unique("nowhere"), 0, "{\"values\":[1, 2]}")
                        .status())
                .isEqualTo(404);
        // nothing above touched the trial: it still runs, and takes a proper tell
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + number, token)
                        .json()
                        .getString("state"))
                .isEqualTo("running");
        assertThat(Studies.tell(http, token, study, number, "{\"values\":[1, 2]}")
                        .status())
                .isEqualTo(200);
        // the same tell again (a client retrying) is harmless; another is a conflict
        assertThat(Studies.tell(http, token, study, number, "{\"values\":[1, 2]}")
                        .status())
                .isEqualTo(200);
        Reply finished = Studies.tell(http, token, study, number, "{\"values\":[3, 4]}");
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.isProblem()).isTrue();
        for (String page : List.of("limit=0", "limit=-1", "limit=many", "offset=-1", "state=sleeping")) {
            Reply badPage = http.get("api/v1/studies/" + study + "/trials?" + page, token);
            assertThat(badPage.status()).as(page).isEqualTo(400);
            assertThat(badPage.isProblem()).as(page).isTrue();
        }
        Reply enqueueOutside = http.postJson(
                "api/v1/studies/" + study + "/queue",
                token,
                "{\"parameters\":{\"x\":50,\"layers\":2,\"optimizer\":\"adam\"}}");
        assertThat(enqueueOutside.status()).isEqualTo(400);
        assertThat(enqueueOutside.json().getString("detail")).contains("x");
    }

    @Test
    void concurrentWorkersGetDistinctNumbersAndNoTellIsLost() throws Exception {
        String study = Studies.create(
                http, token, unique("parallel"), ",\"sampler\":{\"name\":\"tpe\",\"constantLiar\":true}");
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(workers.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    JsonObject trial = Studies.ask(http, token, study);
                    long number = trial.getJsonNumber("number").longValue();
                    Reply told = Studies.tell(
                            http,
                            token,
                            study,
                            number,
                            "{\"values\":[%s]}".formatted(Studies.objective(trial.getJsonObject("parameters"))));
                    assertThat(told.status()).as(told.body()).isEqualTo(200);
                    mine.add(number);
                }
                return mine;
            }));
        }
        Set<Long> numbers = new HashSet<>();
        for (Future<List<Long>> f : done) {
            numbers.addAll(f.get());
        }
        workers.shutdown();
        assertThat(numbers).hasSize(80).allMatch(n -> n >= 0 && n < 80);
        JsonObject summary = http.get("api/v1/studies/" + study, token).json();
        assertThat(summary.getJsonObject("trialsByState").getInt("complete")).isEqualTo(80);
    }

    @Test
    void enqueuedTrialsAreAskedFirstWithTheirParameters() {
        String study = Studies.create(http, token, unique("warm"), "");
        Reply queued = http.postJson(
                "api/v1/studies/" + study + "/queue",
                token,
                "{\"parameters\":{\"x\":2.0,\"layers\":1,\"optimizer\":\"adam\"},\"userAttributes\":{\"source\":\"last run\"}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(201);
        assertThat(queued.json().getString("state")).isEqualTo("waiting");
        JsonObject first = Studies.ask(http, token, study);
        assertThat(first.getJsonNumber("number").longValue()).isEqualTo(0);
        assertThat(first.getJsonObject("parameters").getJsonNumber("x").doubleValue())
                .isEqualTo(2.0);
        assertThat(first.getJsonObject("userAttributes").getString("source")).isEqualTo("last run");
        assertThat(Studies.ask(http, token, study).getJsonNumber("number").longValue())
                .isEqualTo(1);
    }

    @Test
    void aTrialWhoseWorkerStopsBeatingFailsAndIsRetried() throws Exception {
        String study = Studies.create(http, token, unique("heartbeat"), ",\"heartbeat\":\"PT2S\",\"maxRetries\":1");
        JsonObject lost = Studies.ask(http, token, study);
        long number = lost.getJsonNumber("number").longValue();
        long deadline = System.currentTimeMillis() + 30_000;
        String state = "running";
        while (System.currentTimeMillis() < deadline && state.equals("running")) {
            Thread.sleep(500);
            state = http.get("api/v1/studies/" + study + "/trials/" + number, token)
                    .json()
                    .getString("state");
        }
        assertThat(state).isEqualTo("failed");
        // the worker coming back to a failed trial is told it is over, and nothing changes
        Reply late = http.postJson("api/v1/studies/" + study + "/trials/" + number + "/heartbeat", token, "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.isProblem()).isTrue();
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + number, token)
                        .json()
                        .getString("state"))
                .isEqualTo("failed");
        JsonObject retry = Studies.ask(http, token, study);
        assertThat(retry.getJsonNumber("retryOf").longValue()).isEqualTo(number);
        assertThat(retry.getJsonObject("parameters")).isEqualTo(lost.getJsonObject("parameters"));
        // a beating worker keeps its trial
        for (int i = 0; i < 4; i++) {
            Thread.sleep(1000);
            Reply beat = http.postJson(
                    "api/v1/studies/" + study + "/trials/" + retry.getInt("number") + "/heartbeat", token, "");
            assertThat(beat.status()).isEqualTo(204);
        }
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + retry.getInt("number"), token)
                        .json()
                        .getString("state"))
                .isEqualTo("running");
    }

    @Test
    void deletingAStudyRemovesItsTrials() {
        String study = Studies.create(http, token, unique("gone"), "");
        Studies.ask(http, token, study);
        assertThat(http.delete("api/v1/studies/" + study, token).status()).isEqualTo(204);
        assertThat(http.get("api/v1/studies/" + study, token).status()).isEqualTo(404);
        assertThat(http.get("api/v1/studies", token)
                        .json()
                        .getJsonArray("studies")
                        .getValuesAs(JsonObject.class))
                .noneMatch(s -> s.getString("name").equals(study));
    }
}
