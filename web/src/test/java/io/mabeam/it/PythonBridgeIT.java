package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Python bridge (the machine's {@code python3}): Python objectives tuned by batch jobs on supervised worker
 * processes, one of which crashes and one hangs, new versions of the source, sources refused, and the console.
 */
class PythonBridgeIT extends SharedNode {

    static String upload(String source, Map<String, Object> settings) {
        var json = Json.createObjectBuilder().add("source", source);
        settings.forEach((key, value) ->
                json.add(key, value instanceof Integer i ? Json.createValue(i) : Json.createValue(value.toString())));
        return json.build().toString();
    }

    String log(String study, long trial) {
        Reply reply = http.get("api/v1/studies/" + study + "/trials/" + trial + "/log", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    static final String SHIFTED_QUADRATIC = """
            import os, signal, time
            import numpy as np

            def objective(trial):
                x = trial.suggest_float("x", -5, 5)
                y = trial.suggest_float("y", -5, 5)
                print("trial %d evaluates x=%.3f y=%.3f" % (trial.number, x, y))
                if trial.number == 3:
                    print("crashing on purpose", flush=True)
                    os.kill(os.getpid(), signal.SIGKILL)
                if trial.number == 5:
                    print("hanging on purpose", flush=True)
                    time.sleep(3600)
                loss = float(np.square(x - 1.5) + np.square(y + 0.5))
                for step in range(3):
                    trial.report(loss + 2 - step, step)
                return loss
            """;

    @Test
    void aPythonObjectiveTunesAStudyInABatchJobAndSurvivesAWorkerThatCrashesAndOneThatHangs() throws Exception {
        String objective = unique("quadratic");
        Reply uploaded = http.putJson(
                "api/v1/python-objectives/" + objective,
                token,
                upload(SHIFTED_QUADRATIC, Map.of("timeoutSeconds", 4, "workers", 2, "description", "a shifted bowl")));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().getString("objective")).isEqualTo("python:" + objective);
        assertThat(uploaded.json().getInt("version")).isEqualTo(1);

        String study = unique("python-study");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["minimize"], "sampler": {"name": "tpe"},
                 "searchSpace": {"variables": [{"name": "x", "type": "float", "low": -5, "high": 5},
                                               {"name": "y", "type": "float", "low": -5, "high": 5}]}}""".formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": 24, \"parallelism\": 2, \"objective\": \"python:%s\"}".formatted(objective));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonObject run = Studies.awaitRun(
                http, token, study, started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(4));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");

        List<JsonObject> trials = Studies.trials(http, token, study);
        assertThat(trials).hasSize(24);
        Map<Long, String> states = trials.stream()
                .collect(Collectors.toMap(t -> t.getJsonNumber("number").longValue(), t -> t.getString("state")));
        assertThat(states.get(3L)).isEqualTo("failed");
        assertThat(states.get(5L)).isEqualTo("failed");
        assertThat(states.values().stream().filter("complete"::equals).count()).isEqualTo(22);
        JsonObject best = http.get("api/v1/studies/" + study + "/best", token)
                .json()
                .getJsonArray("trials")
                .getJsonObject(0);
        double bestValue = best.getJsonArray("values").getJsonNumber(0).doubleValue();
        double x = best.getJsonObject("parameters").getJsonNumber("x").doubleValue();
        double y = best.getJsonObject("parameters").getJsonNumber("y").doubleValue();
        assertThat(bestValue)
                .as("the value the Python worker computed for the best parameters")
                .isCloseTo((x - 1.5) * (x - 1.5) + (y + 0.5) * (y + 0.5), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bestValue).as("22 evaluations of a bowl over [-5, 5]²").isLessThan(3.0);
        JsonObject trialZero =
                http.get("api/v1/studies/" + study + "/trials/0", token).json();
        assertThat(trialZero.getJsonObject("intermediates")).hasSize(3);

        assertThat(log(study, 0)).contains("trial 0 evaluates x=");
        assertThat(log(study, 3)).contains("crashing on purpose", "killed by signal 9");
        assertThat(log(study, 5)).contains("hanging on purpose", "took longer than 4 s: the worker was killed");

        JsonObject bridge = http.get("api/v1/python-bridge", token).json();
        assertThat(bridge.getJsonObject("interpreter").getBoolean("usable")).isTrue();
        JsonObject pool = bridge.getJsonArray("pools").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("objective").equals("python:" + objective))
                .findFirst()
                .orElseThrow();
        assertThat(pool.getInt("crashes")).isEqualTo(1);
        assertThat(pool.getInt("timeouts")).isEqualTo(1);
        assertThat(pool.getInt("evaluations")).isEqualTo(24);
        assertThat(pool.getInt("started"))
                .as("two workers, and one for each that died")
                .isBetween(3, 4);
        assertThat(pool.getInt("busy")).isZero();

        String metrics = http.get("metrics", null).body();
        assertThat(metrics.lines())
                .anyMatch(line -> line.startsWith("mabeam_bridge_evaluations_total{")
                        && line.contains("objective=\"" + objective + "\"")
                        && line.contains("outcome=\"crash\""));
        JsonObject checked = http.postJson("api/v1/health/check", token, "").json();
        assertThat(checked.getJsonArray("components").getValuesAs(JsonObject.class))
                .filteredOn(c -> c.getString("component").equals("python-bridge"))
                .singleElement()
                .satisfies(c -> assertThat(c.getString("status")).isEqualTo("UP"));
    }

    @Test
    void aNewVersionOfTheSourceIsWhatTheNextTrialsRun() throws Exception {
        String objective = unique("versioned");
        assertThat(http.put(
                                "api/v1/python-objectives/" + objective,
                                token,
                                "text/x-python",
                                "def objective(trial):\n    return 1.0\n".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(201);
        String study = unique("versions");
        assertThat(http.postJson("api/v1/studies", token, """
                        {"name": "%s", "searchSpace": {"variables": [{"name": "x", "type": "float", "low": 0, "high": 1}]}}""".formatted(study)).status())
                .isEqualTo(201);
        assertThat(runOne(study, objective)).isEqualTo(1.0);
        Reply replaced = http.put(
                "api/v1/python-objectives/" + objective,
                token,
                "text/x-python",
                "def objective(trial):\n    return 2.0\n".getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().getInt("version")).isEqualTo(2);
        assertThat(runOne(study, objective)).isEqualTo(2.0);
        List<JsonObject> events = http.get("api/v1/events/streams/python-objective:" + objective, token)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(events)
                .extracting(e -> e.getString("type"))
                .containsExactly("PythonObjectiveSaved", "PythonObjectiveSaved");
        for (String bad : new String[] {
            "{\"source\": 5}",
            "{\"source\": \"def objective(trial):\\n    return 3.0\\n\", \"timeoutSeconds\": 1.5}",
            "{\"source\": \"def objective(trial):\\n    return 3.0\\n\", \"workers\": \"2\"}",
            "{\"sourec\": \"def objective(trial):\\n    return 3.0\\n\"}",
            ""
        }) {
            Reply refused = http.putJson("api/v1/python-objectives/" + objective, token, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).as(bad).isTrue();
        }
        assertThat(http.get("api/v1/python-objectives/" + objective, token)
                        .json()
                        .getInt("version"))
                .isEqualTo(2);
        assertThat(http.delete("api/v1/python-objectives/" + objective, token).status())
                .isEqualTo(204);
        assertThat(http.get("api/v1/python-objectives/" + objective, token).status())
                .isEqualTo(404);
    }

    double runOne(String study, String objective) throws InterruptedException {
        int before = Studies.trials(http, token, study).size();
        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": %d, \"parallelism\": 1, \"objective\": \"python:%s\"}".formatted(before + 1, objective));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonObject run = Studies.awaitRun(
                http, token, study, started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(2));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        JsonObject last =
                http.get("api/v1/studies/" + study + "/trials/" + before, token).json();
        return last.getJsonArray("values").getJsonNumber(0).doubleValue();
    }

    @Test
    void aSourceThatDoesNotLoadAndBadSettingsAreRefusedWithProblemsAndNothingIsStored() {
        String objective = unique("broken");
        Reply syntax = http.putJson(
                "api/v1/python-objectives/" + objective,
                token,
                upload("def objective(trial)\n    return 1\n", Map.of()));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.isProblem()).isTrue();
        assertThat(syntax.json().getString("detail")).contains("SyntaxError");
        Reply importing = http.putJson(
                "api/v1/python-objectives/" + objective, token, upload("import no_such_module_here\n", Map.of()));
        assertThat(importing.status()).isEqualTo(400);
        assertThat(importing.json().getString("detail")).contains("ModuleNotFoundError");
        Reply noEntry = http.putJson(
                "api/v1/python-objectives/" + objective,
                token,
                upload("def evaluate(trial):\n    return 1\n", Map.of()));
        assertThat(noEntry.json().getString("detail")).contains("defines no 'objective'");
        Reply timeout = http.putJson(
                "api/v1/python-objectives/" + objective,
                token,
                upload("def objective(trial):\n    return 1\n", Map.of("timeoutSeconds", 0)));
        assertThat(timeout.status()).isEqualTo(400);
        assertThat(timeout.json().getString("detail")).contains("timeoutSeconds");
        assertThat(http.putJson("api/v1/python-objectives/bad%20name", token, upload("x = 1\n", Map.of()))
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/python-objectives/" + objective, token).status())
                .isEqualTo(404);

        Reply operator = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"%s\",\"password\":\"a-long-password-1\",\"roles\":[\"operator\"]}"
                        .formatted(unique("op")));
        assertThat(operator.status()).as(operator.body()).isEqualTo(201);
        Reply forbidden = http.putJson(
                "api/v1/python-objectives/" + objective,
                Http.basic(operator.json().getString("username"), "a-long-password-1"),
                upload("def objective(trial):\n    return 1\n", Map.of()));
        assertThat(forbidden.status())
                .as("running code on the nodes is for admins")
                .isEqualTo(403);

        String study = unique("no-such-objective");
        http.postJson("api/v1/studies", token, """
                {"name": "%s", "searchSpace": {"variables": [{"name": "x", "type": "float", "low": 0, "high": 1}]}}""".formatted(study));
        Reply job = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": 2, \"objective\": \"python:%s\"}".formatted(objective));
        assertThat(job.status()).isEqualTo(400);
        assertThat(job.json().getString("detail")).contains("no Python objective named " + objective);
        assertThat(http.get("api/v1/studies/" + study + "/trials/0/log", token).status())
                .isEqualTo(404);
    }

    @Test
    void theConsoleChecksAndStoresAPythonObjectiveShowsItsSourceAndATrialsLog() throws Exception {
        String objective = unique("console");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.go("console/python.xhtml");
            browser.type("python:name", objective);
            browser.type("python:code", "def objective(trial)\n    return 1\n");
            browser.click("python:save");
            assertThat(browser.awaitText("#python\\:messages", "SyntaxError")).contains("does not load");
            browser.type("python:code", "def objective(trial):\n    print('console says hi')\n    return 0.5\n");
            browser.click("python:save");
            assertThat(browser.awaitText("#python\\:messages", "Stored")).contains("python:" + objective);
            browser.click(browser.idOfButtonInRowWith("python:table", "python:" + objective));
            assertThat(browser.awaitText("#sourceText", "console says hi")).contains("def objective(trial):");

            String study = unique("console-study");
            http.postJson("api/v1/studies", token, """
                    {"name": "%s", "searchSpace": {"variables": [{"name": "x", "type": "float", "low": 0, "high": 1}]}}""".formatted(study));
            assertThat(runOne(study, objective)).isEqualTo(0.5);
            browser.go("console/study.xhtml?name=" + study);
            browser.click(browser.idOfButtonInRowWith("study:trials", "complete"));
            assertThat(browser.awaitText("#trialLogText", "console says hi")).contains("# ");
            browser.go("console/python.xhtml");
            assertThat(browser.awaitText("#python\\:pools", "python:" + objective))
                    .contains("1 of 2");
        }
    }
}
