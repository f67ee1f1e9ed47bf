package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import io.mabeam.llm.FakeChatServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's external interfaces on one node (Payara Micro, PostgreSQL, the machine's {@code python3}):
 * Python objectives tuned by batch jobs on supervised worker processes — one of which crashes and one hangs — and
 * a remote Python trainer driving a study through the REST API with the {@code mabeam} client package.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BridgeIT {

    static final String ADMIN = Http.basic("admin", "it-admin-password-1");
    static final Path PYTHON_PACKAGE = Path.of("..", "python").toAbsolutePath().normalize();

    @ArquillianResource
    URL base;

    Http http;
    static String token;

    @Deployment(testable = false)
    static WebArchive mabeamWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mabeam.war")));
    }

    @BeforeEach
    void client() throws Exception {
        http = new Http(new URI("http", null, "127.0.0.1", base.toURI().getPort(), "/", null, null));
        if (token == null) {
            Reply issued = http.postJson(
                    "api/v1/tokens", ADMIN, "{\"name\":\"bridge-it\",\"owner\":\"admin\",\"lifetimeDays\":1}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            token = "Bearer " + issued.json().getString("secret");
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String upload(String source, Map<String, Object> settings) {
        var json = Json.createObjectBuilder().add("source", source);
        settings.forEach((key, value) ->
                json.add(key, value instanceof Integer i ? Json.createValue(i) : Json.createValue(value.toString())));
        return json.build().toString();
    }

    JsonObject awaitRun(String study, long execution, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject run = null;
        while (Instant.now().isBefore(deadline)) {
            run = http.get("api/v1/studies/" + study + "/jobs/" + execution, token)
                    .json();
            if (List.of("COMPLETED", "FAILED", "STOPPED").contains(run.getString("status"))) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + execution + " of " + study + " did not end: " + run);
    }

    List<JsonObject> trials(String study) {
        Reply reply = http.get("api/v1/studies/" + study + "/trials?limit=1000", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("trials").getValuesAs(JsonObject.class);
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
        JsonObject run =
                awaitRun(study, started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(4));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");

        List<JsonObject> trials = trials(study);
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
        assertThat(http.delete("api/v1/python-objectives/" + objective, token).status())
                .isEqualTo(204);
        assertThat(http.get("api/v1/python-objectives/" + objective, token).status())
                .isEqualTo(404);
    }

    double runOne(String study, String objective) throws InterruptedException {
        int before = trials(study).size();
        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": %d, \"parallelism\": 1, \"objective\": \"python:%s\"}".formatted(before + 1, objective));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonObject run =
                awaitRun(study, started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(2));
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
    void aRemotePythonTrainerDrivesAStudyThroughTheRestApi() throws Exception {
        String study = unique("penguins-remote");
        String bearer = token.substring("Bearer ".length());
        ProcessBuilder trainer = new ProcessBuilder(
                        "python3",
                        PYTHON_PACKAGE.resolve("examples/remote_trainer.py").toString(),
                        "--url",
                        http.base().toString(),
                        "--token",
                        bearer,
                        "--study",
                        study,
                        "--trials",
                        "12")
                .redirectErrorStream(true);
        trainer.environment().put("PYTHONPATH", PYTHON_PACKAGE.toString());
        Process process = trainer.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("best accuracy");

        List<JsonObject> trials = trials(study);
        assertThat(trials).hasSize(12);
        assertThat(trials).allSatisfy(t -> assertThat(t.getString("state")).isIn("complete", "pruned"));
        assertThat(trials).allSatisfy(t -> assertThat(t.getString("worker", "")).isEqualTo("remote-trainer"));
        assertThat(trials)
                .filteredOn(t -> t.getString("state").equals("complete"))
                .allSatisfy(t -> assertThat(t.getJsonObject("intermediates")).isNotEmpty());
        JsonObject best = http.get("api/v1/studies/" + study + "/best", token)
                .json()
                .getJsonArray("trials")
                .getJsonObject(0);
        assertThat(best.getJsonArray("values").getJsonNumber(0).doubleValue())
                .as("a softmax regression on four measurements tells penguins apart")
                .isGreaterThan(0.9);
        assertThat(output)
                .contains(String.format(
                        "best accuracy %.4f",
                        best.getJsonArray("values").getJsonNumber(0).doubleValue()));
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

    // ---- the language model --------------------------------------------------------------------------------

    static FakeChatServer llm;

    @BeforeAll
    static void startTheLanguageModel() throws Exception {
        llm = new FakeChatServer();
    }

    @AfterAll
    static void stopTheLanguageModel() {
        llm.close();
    }

    void setting(String key, String jsonValue) throws InterruptedException {
        Reply set = http.putJson("api/v1/config/" + key, token, "{\"value\": " + jsonValue + "}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String expected = set.json().getString("value");
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            JsonObject setting = http.get("api/v1/config/" + key, token).json();
            if (expected.equals(setting.getJsonObject("effective").getString("value", ""))) {
                Thread.sleep(600); // MicroProfile Config's cache of resolved values (mp.config.cache.duration)
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " did not become " + expected);
    }

    Reply complete(String payer) {
        return http.postJson(
                "api/v1/llm/completions",
                token,
                "{\"messages\": [{\"role\": \"user\", \"content\": \"say hello\"}], \"payer\": \"%s\", \"purpose\": \"it\"}"
                        .formatted(payer));
    }

    void succeeds(String payer, int times) {
        for (int i = 0; i < times; i++) {
            Reply reply = complete(payer);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
    }

    String llmOutcome(Reply reply) {
        assertThat(reply.isProblem()).as(reply.body()).isTrue();
        return reply.json().getString("detail");
    }

    @Test
    void theLanguageModelAdapterRetriesWhatIsWorthItTimesOutBreaksTheCircuitAndChargesTokens() throws Exception {
        String study = unique("llm-study");
        Reply opened =
                http.postJson("api/v1/accounts", token, "{\"kind\":\"study\",\"owner\":\"%s\"}".formatted(study));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String account = opened.json().getString("id");
        assertThat(http.postJson("api/v1/accounts/" + account + "/deposits", token, "{\"amount\": 10}")
                        .status())
                .isEqualTo(201);
        llm.reset();
        llm.answering(request -> "hello from the fake");
        setting("mabeam.llm.base-url", "\"" + llm.baseUrl() + "\"");
        setting("mabeam.llm.timeout", "\"PT2S\"");
        setting("mabeam.llm.model", "\"fake-small\"");
        setting("mabeam.llm.price-per-1k-prompt-tokens", "1");
        setting("mabeam.llm.price-per-1k-completion-tokens", "2");
        try {
            // an answer: the text, the tokens, 42 prompt tokens at 1 and 17 completion tokens at 2 per thousand
            llm.then(FakeChatServer.Reply.completion("hello", 42, 17));
            Reply first = complete(account);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().getString("content")).isEqualTo("hello");
            assertThat(first.json().getJsonNumber("cost").doubleValue()).isEqualTo(0.076);
            assertThat(llm.received().get(0).body().getString("model")).isEqualTo("fake-small");
            assertThat(http.get("api/v1/accounts/" + account, token)
                            .json()
                            .getJsonNumber("balance")
                            .doubleValue())
                    .isEqualTo(9.924);

            // 500 and 503 are tried again; the third attempt answers
            int before = llm.received().size();
            llm.then(FakeChatServer.Reply.error(500, "boom"), FakeChatServer.Reply.error(503, "overloaded"));
            assertThat(complete(account).status()).isEqualTo(200);
            assertThat(llm.received().size() - before).isEqualTo(3);
            succeeds(account, 2);

            // a 429 is tried again after its Retry-After
            before = llm.received().size();
            llm.then(FakeChatServer.Reply.tooManyRequests(1));
            assertThat(complete(account).status()).isEqualTo(200);
            List<FakeChatServer.Received> limited =
                    llm.received().subList(before, llm.received().size());
            assertThat(limited).hasSize(2);
            assertThat(Duration.between(limited.get(0).at(), limited.get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            succeeds(account, 2);

            // bad credentials are not tried again
            before = llm.received().size();
            llm.then(FakeChatServer.Reply.error(401, "invalid api key"));
            Reply refused = complete(account);
            assertThat(refused.status()).isEqualTo(502);
            assertThat(llmOutcome(refused)).startsWith("authentication").contains("invalid api key");
            assertThat(llm.received().size() - before).isEqualTo(1);
            succeeds(account, 2);

            // slow answers time out, three times: the circuit opens and the next call does not reach the service
            before = llm.received().size();
            Duration slow = Duration.ofSeconds(3);
            llm.then(
                    FakeChatServer.Reply.completion("late").after(slow),
                    FakeChatServer.Reply.completion("late").after(slow),
                    FakeChatServer.Reply.completion("late").after(slow));
            Reply timedOut = complete(account);
            assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
            assertThat(llm.received().size() - before).isEqualTo(3);
            Reply open = complete(account);
            assertThat(open.status()).isEqualTo(503);
            assertThat(llmOutcome(open)).startsWith("circuit-open");
            assertThat(llm.received().size() - before)
                    .as("refused here, not sent")
                    .isEqualTo(3);
            assertThat(http.get("api/v1/llm", token).json().getString("breaker"))
                    .isEqualTo("open");
            JsonObject checked = http.postJson("api/v1/health/check", token, "").json();
            assertThat(checked.getJsonArray("components").getValuesAs(JsonObject.class))
                    .filteredOn(c -> c.getString("component").equals("llm"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getString("status")).isEqualTo("DEGRADED"));

            // after the breaker's delay a call goes through again and closes it
            Instant deadline = Instant.now().plusSeconds(40);
            Reply again = complete(account);
            while (again.status() == 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                again = complete(account);
            }
            assertThat(again.status()).as(again.body()).isEqualTo(200);

            // answers that are not the protocol are tried again, then given up
            before = llm.received().size();
            llm.then(
                    FakeChatServer.Reply.garbage("<html>bad gateway</html>"),
                    FakeChatServer.Reply.garbage("{\"choices\": []}"),
                    FakeChatServer.Reply.garbage("{\"unexpected\": true}"));
            Reply garbage = complete(account);
            assertThat(garbage.status()).isEqualTo(502);
            assertThat(llmOutcome(garbage)).startsWith("malformed");
            assertThat(llm.received().size() - before).isEqualTo(3);

            // a study that cannot pay is not served, and nothing is sent
            String poor = unique("poor");
            String poorAccount = http.postJson(
                            "api/v1/accounts", token, "{\"kind\":\"study\",\"owner\":\"%s\"}".formatted(poor))
                    .json()
                    .getString("id");
            before = llm.received().size();
            Reply broke = complete(poorAccount);
            assertThat(broke.status()).isEqualTo(422);
            assertThat(llmOutcome(broke)).startsWith("no-budget");
            assertThat(llm.received().size()).isEqualTo(before);

            // bad input is a 400 and reaches nobody
            assertThat(http.postJson("api/v1/llm/completions", token, "{\"messages\": []}")
                            .status())
                    .isEqualTo(400);
            assertThat(http.postJson(
                                    "api/v1/llm/completions",
                                    token,
                                    "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}")
                            .status())
                    .isEqualTo(400);
            assertThat(llm.received().size()).isEqualTo(before);

            JsonObject status = http.get("api/v1/llm", token).json();
            assertThat(status.getString("apiKey")).isEqualTo("none");
            assertThat(status.getJsonObject("usage").getJsonObject("calls").getInt("timeout"))
                    .isGreaterThanOrEqualTo(1);
            List<JsonObject> events = http.get("api/v1/events/streams/llm?direction=backwards&limit=100", token)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            assertThat(events)
                    .extracting(e -> e.getJsonObject("payload").getString("outcome"))
                    .contains("answered", "timeout", "circuit-open", "authentication", "malformed", "no-budget");
            assertThat(http.get("metrics", null).body().lines())
                    .anyMatch(
                            line -> line.startsWith("mabeam_llm_calls_total{") && line.contains("outcome=\"timeout\""))
                    .anyMatch(line ->
                            line.startsWith("mabeam_llm_tokens_total{") && line.contains("kind=\"completion\""));

            // the cluster's own limit: calls beyond it are not made
            setting("mabeam.ratelimit.llm.per-minute", "1");
            Reply within = complete(account);
            Reply beyond = complete(account);
            assertThat(List.of(within.status(), beyond.status())).contains(429);
        } finally {
            setting("mabeam.ratelimit.llm.per-minute", "60");
            for (String key : List.of(
                    "mabeam.llm.base-url",
                    "mabeam.llm.timeout",
                    "mabeam.llm.price-per-1k-prompt-tokens",
                    "mabeam.llm.price-per-1k-completion-tokens")) {
                assertThat(http.delete("api/v1/config/" + key, token).status()).isIn(200, 204);
            }
        }
    }

    // ---- coder and reviewer agents ----------------------------------------------------------------------------

    Reply spawn(String id, String type, String config) {
        return http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"%s\",\"config\":%s}".formatted(id, type, config));
    }

    JsonObject awaitImprovement(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject improvement = null;
        while (Instant.now().isBefore(deadline)) {
            improvement = http.get("api/v1/improvements/" + id, token).json();
            if (improvement.getString("status").equals(status)) {
                return improvement;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("improvement " + id + " did not become " + status + ": " + improvement);
    }

    /** Branin over x0 ∈ [2, 3], x1 ∈ [0, 2]: its minimum (π, 2.275) lies beyond the upper corner. */
    String braninStudyPressingItsUpperBounds() throws InterruptedException {
        String study = unique("coded");
        assertThat(http.postJson("api/v1/studies", token, """
                        {"name": "%s", "sampler": {"name": "random"}, "searchSpace": {"variables": [
                          {"name": "x0", "type": "float", "low": 2, "high": 3},
                          {"name": "x1", "type": "float", "low": 0, "high": 2}]}}""".formatted(study)).status())
                .isEqualTo(201);
        double[][] points = {
            {3.0, 2.0},
            {2.95, 1.95},
            {2.9, 1.9},
            {2.0, 0.0},
            {2.2, 0.5},
            {2.4, 0.3},
            {2.1, 1.0},
            {2.5, 0.8},
            {2.3, 1.2},
            {2.6, 0.1}
        };
        for (double[] point : points) {
            Reply enqueued = http.postJson(
                    "api/v1/studies/" + study + "/queue",
                    token,
                    "{\"parameters\": {\"x0\": %s, \"x1\": %s}}".formatted(point[0], point[1]));
            assertThat(enqueued.status()).as(enqueued.body()).isEqualTo(201);
        }
        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": 10, \"parallelism\": 2, \"objective\": \"branin\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(awaitRun(study, started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(2))
                        .getString("status"))
                .isEqualTo("COMPLETED");
        return study;
    }

    @Test
    void aCoderProposesTheReviewersVoteAndAnAcceptedChangeRunsAsAFollowUpStudyARejectedOneDoesNot() throws Exception {
        String study = braninStudyPressingItsUpperBounds();
        String lenient = unique("reviewer");
        String careful = unique("reviewer");
        String coder = unique("coder");
        assertThat(spawn(lenient, "reviewer", "{}").status()).isEqualTo(201);
        assertThat(spawn(careful, "reviewer", "{\"ranges\": {\"x0\": {\"min\": -5, \"max\": 10}}}")
                        .status())
                .isEqualTo(201);
        Reply badCoder = spawn(unique("coder"), "coder", "{\"budget\": 3}");
        assertThat(badCoder.status()).isEqualTo(400);
        assertThat(spawn(
                                coder,
                                "coder",
                                "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 6, \"llm\": false}"
                                        .formatted(study))
                        .status())
                .isEqualTo(201);
        List<String> reviewers = List.of(lenient, careful);
        try {
            Reply asked = http.postJson(
                    "api/v1/agents/" + coder + "/messages",
                    token,
                    "{\"message\": {\"type\": \"propose\"}, \"awaitReply\": true, \"timeout\": \"PT30S\"}");
            assertThat(asked.status()).as(asked.body()).isEqualTo(200);
            JsonObject proposed = asked.json().getJsonObject("reply");
            assertThat(proposed.getBoolean("proposed")).as(proposed.toString()).isTrue();
            assertThat(proposed.getString("source")).isEqualTo("rules");
            assertThat(proposed.getString("coder")).isEqualTo(coder);
            List<JsonObject> edits =
                    proposed.getJsonObject("change").getJsonArray("edits").getValuesAs(JsonObject.class);
            assertThat(edits)
                    .extracting(e -> e.getString("variable") + " " + e.getString("action"))
                    .contains("x0 widen", "x1 widen");
            String id = proposed.getString("id");

            JsonObject applied = awaitImprovement(id, "applied");
            String followUp = applied.getString("followUp");
            assertThat(followUp).isEqualTo(study + "-r1");
            JsonObject run = awaitRun(
                    followUp, applied.getJsonNumber("followUpExecution").longValue(), Duration.ofMinutes(2));
            assertThat(run.getString("status")).isEqualTo("COMPLETED");
            List<JsonObject> followUpTrials = trials(followUp);
            assertThat(followUpTrials).hasSize(6);
            JsonObject carried =
                    http.get("api/v1/studies/" + followUp + "/trials/0", token).json();
            assertThat(carried.getJsonObject("parameters").getJsonNumber("x0").doubleValue())
                    .isEqualTo(3.0);
            assertThat(carried.getJsonObject("parameters").getJsonNumber("x1").doubleValue())
                    .isEqualTo(2.0);
            JsonObject space = http.get("api/v1/studies/" + followUp, token).json();
            assertThat(space.toString()).contains("\"high\":4");

            List<JsonObject> story = http.get("api/v1/events/streams/improvement:" + id, token)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            assertThat(story)
                    .extracting(e -> e.getString("type"))
                    .containsExactly("ChangeProposed", "ChangeAccepted", "FollowUpStarted");
            JsonObject proposal = http.get("api/v1/proposals/" + applied.getString("proposal"), token)
                    .json();
            assertThat(proposal.getString("status")).isEqualTo("accepted");
            assertThat(proposal.getJsonArray("votes").getValuesAs(JsonObject.class))
                    .extracting(v -> v.getString("agent") + " " + v.getString("ballot"))
                    .contains(lenient + " yes", careful + " yes");

            // a reviewer that allows no x0 beyond 3.5 now outvotes... with the lenient one gone: rejected, with its
            // reason
            assertThat(http.postJson("api/v1/agents/" + lenient + "/stop", token, "{}")
                            .status())
                    .isIn(200, 202, 204);
            String strict = unique("reviewer");
            assertThat(spawn(strict, "reviewer", "{\"ranges\": {\"x0\": {\"max\": 3.5}}}")
                            .status())
                    .isEqualTo(201);
            reviewers = List.of(careful, strict);
            String second = braninStudyPressingItsUpperBounds();
            Reply viaRest = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3, \"llm\": false, \"rule\": {\"kind\": \"unanimous\"}}"
                            .formatted(second));
            assertThat(viaRest.status()).as(viaRest.body()).isEqualTo(201);
            JsonObject rejected = awaitImprovement(viaRest.json().getString("id"), "rejected");
            assertThat(rejected.getString("detail")).contains(strict + " no", "leaves the range the tenant allows");
            assertThat(rejected.isNull("followUp")).isTrue();
            assertThat(http.get("api/v1/studies/" + second + "-r1", token).status())
                    .isEqualTo(404);

            // bad settings are refused; too few trials propose nothing
            assertThat(http.postJson("api/v1/improvements", token, "{\"budget\": 3}")
                            .status())
                    .isEqualTo(400);
            assertThat(http.postJson(
                                    "api/v1/improvements",
                                    token,
                                    "{\"study\": \"%s\", \"colour\": 1}".formatted(second))
                            .status())
                    .isEqualTo(400);
            String young = unique("young");
            http.postJson("api/v1/studies", token, """
                    {"name": "%s", "searchSpace": {"variables": [{"name": "x0", "type": "float", "low": 0, "high": 1}]}}""".formatted(young));
            Reply nothing = http.postJson(
                    "api/v1/improvements", token, "{\"study\": \"%s\", \"objective\": \"branin\"}".formatted(young));
            assertThat(nothing.status()).isEqualTo(200);
            assertThat(nothing.json().getBoolean("proposed")).isFalse();
            assertThat(http.get("api/v1/improvements?study=" + study, token)
                            .json()
                            .getJsonArray("improvements"))
                    .hasSize(1);
            Reply badStatus = http.get("api/v1/improvements?status=maybe", token);
            assertThat(badStatus.status()).isEqualTo(400);
            assertThat(badStatus.isProblem()).isTrue();
            assertThat(http.get("api/v1/improvements?limit=0", token).status()).isEqualTo(400);
            assertThat(http.get("api/v1/improvements/" + unique("none"), token).status())
                    .isEqualTo(404);

            // with a language model: its structured answer is the proposal; a useless answer falls back to the rules
            llm.reset();
            setting("mabeam.llm.base-url", "\"" + llm.baseUrl() + "\"");
            llm.then(FakeChatServer.Reply.completion("""
                    {"edits": [{"variable": "x0", "action": "widen", "low": 2, "high": 3.4, "reason": "the best x0 is at the top"}],
                     "rationale": "x0 wants to grow"}"""));
            Reply fromModel = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3}".formatted(second));
            assertThat(fromModel.status()).as(fromModel.body()).isEqualTo(201);
            assertThat(fromModel.json().getString("source")).isEqualTo("llm");
            assertThat(fromModel.json().getJsonObject("change").getString("rationale"))
                    .isEqualTo("x0 wants to grow");
            assertThat(llm.received().get(0).body().toString()).contains(second, "bestTrials");
            llm.then(FakeChatServer.Reply.completion("I would widen x0, I think."));
            Reply fallback = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3}".formatted(second));
            assertThat(fallback.status()).as(fallback.body()).isEqualTo(201);
            assertThat(fallback.json().getString("source")).isEqualTo("rules");
            assertThat(fallback.json().getJsonObject("change").getString("llmFallback"))
                    .contains("not JSON");

            // the console: a study's improvements, proposing from its page, and the language model's page
            llm.answering(request -> "hello from the console");
            try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
                browser.go("console/login.xhtml");
                browser.logIn("admin", "it-admin-password-1");
                browser.go("console/study.xhtml?name=" + study);
                assertThat(browser.awaitText("#study\\:improvementTable", "applied"))
                        .contains(coder + " (rules)", "widen x0", study + "-r1");
                browser.go("console/study.xhtml?name=" + second);
                browser.click("study:propose");
                assertThat(browser.awaitText("#study\\:messages", "objective")).contains("has no training setup");
                browser.go("console/llm.xhtml");
                assertThat(browser.awaitText("#llm\\:settings", llm.baseUrl())).contains("closed");
                browser.type("llm:prompt", "Say hello");
                browser.click("llm:ask");
                assertThat(browser.awaitText("#answer", "hello from the console"))
                        .isNotBlank();
                assertThat(browser.awaitText("#llm\\:messages", "Answered by")).contains("tokens");
            }
        } finally {
            for (String agent : List.of(lenient, careful, coder)) {
                http.postJson("api/v1/agents/" + agent + "/stop", token, "{}");
            }
            reviewers.forEach(agent -> http.postJson("api/v1/agents/" + agent + "/stop", token, "{}"));
            http.delete("api/v1/config/mabeam.llm.base-url", token);
        }
    }
}
