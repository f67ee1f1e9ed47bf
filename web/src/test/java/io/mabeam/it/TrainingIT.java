package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training: a study that trains networks on a bundled dataset in a batch job, its best model answering
 * inference requests, setups that do not fit, and the same through the console.
 */
class TrainingIT extends SharedNode {

    static final String NETWORK_SPACE = """
            {"variables": [
              {"name": "units", "type": "int", "low": 4, "high": 32},
              {"name": "learning_rate", "type": "float", "low": 0.005, "high": 0.1, "log": true}
            ]}""";

    @Test
    void aStudyOnIrisTrainsNetworksInABatchJobAndItsBestModelAnswersInferenceRequests() throws Exception {
        JsonObject iris = http.get("api/v1/datasets/iris", token).json();
        assertThat(iris.getBoolean("bundled")).isTrue();
        assertThat(iris.getInt("rows")).isEqualTo(150);
        String study = unique("iris");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["maximize"], "searchSpace": %s, "pruner": {"name": "median"},
                 "training": {"dataset": "iris", "target": "species", "maxEpochs": 15, "patience": 5}}""".formatted(study, NETWORK_SPACE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject training =
                http.get("api/v1/studies/" + study + "/training", token).json();
        assertThat(training.getJsonObject("setup").getString("metric")).isEqualTo("accuracy");
        assertThat(training.getJsonObject("setup").getJsonArray("features")).hasSize(4);
        assertThat(training.getString("datasetSha256")).isEqualTo(iris.getString("sha256"));

        Reply started =
                http.postJson("api/v1/studies/" + study + "/jobs", token, "{\"budget\": 6, \"parallelism\": 2}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();
        JsonObject run = Studies.awaitRun(http, token, study, execution, Duration.ofMinutes(4));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        JsonObject optimize = run.getJsonArray("steps").getJsonObject(0);
        assertThat(optimize.getString("name")).isEqualTo("optimize");
        assertThat(optimize.getJsonNumber("written").longValue()).isEqualTo(6);
        assertThat(run.getString("exitStatus")).contains("MODEL");

        JsonObject trials =
                http.get("api/v1/studies/" + study + "/trials?limit=100", token).json();
        assertThat(trials.getInt("total")).isEqualTo(6);
        assertThat(trials.getJsonArray("trials").getValuesAs(JsonObject.class))
                .allMatch(t -> List.of("complete", "pruned").contains(t.getString("state")))
                .allMatch(t -> t.getString("worker").startsWith("batch:"));
        JsonObject best = http.get("api/v1/studies/" + study + "/best", token).json();
        double bestAccuracy = best.getJsonArray("trials")
                .getJsonObject(0)
                .getJsonArray("values")
                .getJsonNumber(0)
                .doubleValue();
        assertThat(bestAccuracy).isGreaterThan(0.8);

        // the best model, with its lineage, downloads and predicts
        JsonObject model = http.get("api/v1/studies/" + study + "/model", token).json();
        assertThat(model.getString("study")).isEqualTo(study);
        assertThat(model.getJsonObject("dataset").getString("sha256")).isEqualTo(iris.getString("sha256"));
        assertThat(model.getJsonNumber("validationScore").doubleValue()).isEqualTo(bestAccuracy);
        assertThat(model.getJsonObject("parameters").keySet()).containsExactlyInAnyOrder("units", "learning_rate");
        assertThat(model.getJsonObject("metrics").getJsonObject("test").keySet())
                .contains("accuracy", "f1", "log-loss");
        String id = model.getString("id");
        Reply predicted = http.postJson("api/v1/models/" + id + "/predictions", token, """
                {"rows": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
                          {"sepal_length": 6.7, "sepal_width": 3.0, "petal_length": 5.6, "petal_width": 2.3}],
                 "embedding": true}""");
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        List<JsonObject> predictions =
                predicted.json().getJsonArray("predictions").getValuesAs(JsonObject.class);
        assertThat(predictions.get(0).getString("label")).isEqualTo("setosa");
        assertThat(predictions.get(1).getString("label")).isEqualTo("virginica");
        for (JsonObject prediction : predictions) {
            double sum = prediction.getJsonObject("probabilities").values().stream()
                    .mapToDouble(v -> ((jakarta.json.JsonNumber) v).doubleValue())
                    .sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(prediction.getJsonArray("embedding")).isNotEmpty();
        }
        Reply archive = http.send(http.request("api/v1/models/" + id + "/archive")
                .header("Authorization", token)
                .GET()
                .build());
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.contentType()).startsWith("application/zip");

        // rows the model cannot read are refused, naming the problem
        Reply unknownColumn =
                http.postJson("api/v1/models/" + id + "/predictions", token, "{\"rows\": [{\"wings\": 2}]}");
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.isProblem()).isTrue();
        assertThat(unknownColumn.json().getString("detail")).contains("unknown column wings");
        Reply notANumber = http.postJson(
                "api/v1/models/" + id + "/predictions", token, "{\"rows\": [{\"petal_width\": \"wide\"}]}");
        assertThat(notANumber.status()).isEqualTo(400);
        Reply wrongShape = http.postJson("api/v1/models/" + id + "/predictions", token, "{\"inputs\": [[1, 2]]}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().getString("detail")).contains("takes 4");
        for (String bad : new String[] {
            "{\"rows\": 5}", "{\"inputs\": [[1, 2, 3, 4]], \"embedding\": \"yes\"}", "{\"rowz\": []}", "{}", ""
        }) {
            Reply refused = http.postJson("api/v1/models/" + id + "/predictions", token, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).as(bad).isTrue();
        }
        assertThat(http.postJson("api/v1/models/nope/predictions", token, "{\"inputs\": [[1]]}")
                        .status())
                .isEqualTo(404);

        // the audit trail names the job's trials, the kept models and the run
        List<String> types = http
                .get("api/v1/events?stream=study:" + study + "&limit=1000", token)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("type"))
                .toList();
        assertThat(types).contains("TrainingAttached", "ModelKept", "OptimizationJobFinished");
        assertThat(types.stream().filter("TrialAsked"::equals).count()).isEqualTo(6);
    }

    @Test
    void trainingSetupsJobsAndSchedulesThatDoNotFitAreRefusedAndCreateNothing() {
        String study = unique("misfit");
        String body = """
                {"name": "%s", "directions": ["%s"], "searchSpace": %s, "training": %s}""";
        for (String[] misfit : new String[][] {
            {"maximize", "{\"dataset\": \"nope\", \"target\": \"species\"}", "no dataset nope"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"colour\"}", "no column colour"},
            {"minimize", "{\"dataset\": \"iris\", \"target\": \"species\"}", "maximized"},
            {"maximize", "{\"dataset\": \"mpg\", \"target\": \"origin\", \"task\": \"regression\"}", "numeric target"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"species\", \"maxEpochs\": 0}", "maxEpochs"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"species\", \"colour\": 1}", "unknown training field"}
        }) {
            Reply refused =
                    http.postJson("api/v1/studies", token, body.formatted(study, misfit[0], NETWORK_SPACE, misfit[1]));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().getString("detail")).contains(misfit[2]);
            assertThat(http.get("api/v1/studies/" + study, token).status()).isEqualTo(404);
        }
        String plain = Studies.create(http, token, unique("plain"), "");
        assertThat(http.postJson("api/v1/studies/" + plain + "/jobs", token, "{\"budget\": 3}")
                        .json()
                        .getString("detail"))
                .contains("objective");
        assertThat(http.postJson("api/v1/studies/" + plain + "/jobs", token, "{\"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson(
                                "api/v1/studies/" + plain + "/jobs",
                                token,
                                "{\"budget\": 0, \"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson(
                                "api/v1/studies/" + plain + "/jobs",
                                token,
                                "{\"budget\": 2, \"parallelism\": 99, \"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        Reply badCron = http.putJson(
                "api/v1/studies/" + plain + "/schedule",
                token,
                "{\"cron\": \"0 25 * * *\", \"objective\": \"branin\"}");
        assertThat(badCron.status()).isEqualTo(400);
        assertThat(badCron.json().getString("detail")).contains("hour 25");
        assertThat(http.get("api/v1/studies/" + plain + "/schedule", token).status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/studies/" + plain + "/jobs", token).json().getJsonArray("runs"))
                .isEmpty();
        assertThat(http.putJson("api/v1/studies/" + plain + "/training", token, "{\"dataset\": \"iris\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theConsoleRunsATrainingStudyShowsItsModelAndAsksItAndShowsTheDatasets() throws Exception {
        String study = unique("console-iris");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["maximize"], "searchSpace": %s,
                 "training": {"dataset": "iris", "target": "species", "maxEpochs": 8}}""".formatted(study, NETWORK_SPACE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.go("console/study.xhtml?name=" + study);
            assertThat(browser.waitForText("#study\\:training")).contains("\"target\":\"species\"");
            browser.type("study:budget", "2");
            browser.type("study:parallelism", "1");
            browser.click("study:startRun");
            assertThat(browser.awaitText("#study\\:messages", "Started run")).contains(study);
            JsonObject runs =
                    http.get("api/v1/studies/" + study + "/jobs", token).json();
            long execution = runs.getJsonArray("runs")
                    .getJsonObject(0)
                    .getJsonNumber("executionId")
                    .longValue();
            assertThat(Studies.awaitRun(http, token, study, execution, Duration.ofMinutes(3))
                            .getString("status"))
                    .isEqualTo("COMPLETED");
            browser.click("study:refreshRuns");
            assertThat(browser.awaitText("#study\\:runTable", "completed")).contains("optimize");
            assertThat(browser.awaitText("#study\\:training", "Best model")).contains("validation accuracy");

            browser.go("console/models.xhtml?study=" + study);
            browser.clickLinkInRowWith("models:table", study);
            assertThat(browser.waitForText("#modelJson")).contains("\"study\":\"" + study + "\"");
            browser.type(
                    "models:rows",
                    "[{\"sepal_length\": 5.0, \"sepal_width\": 3.4, \"petal_length\": 1.5, \"petal_width\": 0.2}]");
            browser.click("models:predict");
            assertThat(browser.awaitText("#answer", "label")).contains("probabilities");

            browser.click("nav-datasets");
            browser.click(browser.idOfButtonInRowWith("datasets:table", "penguins"));
            assertThat(browser.awaitText("#datasets\\:columns", "flipper_length_mm"))
                    .contains("numeric")
                    .contains("Biscoe");
        }
    }
}
