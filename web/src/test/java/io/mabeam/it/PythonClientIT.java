package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code mabeam} Python client package: a remote trainer driving a study through the REST API.
 */
class PythonClientIT extends SharedNode {

    static final Path PYTHON_PACKAGE = Path.of("..", "python").toAbsolutePath().normalize();

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

        List<JsonObject> trials = Studies.trials(http, token, study);
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
}
