package io.mabeam.it;

import static io.mabeam.it.Studies.SPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The optimization engine's samplers (Gaussian process, NSGA-II), pruners with intermediate values, and
 * the importance of a study's variables.
 */
class SamplersAndPrunersIT extends SharedNode {

    @Test
    void intermediateValuesAreKeptAndAnswerWhetherToPrune() {
        String study = Studies.create(http, token, unique("curves"), "");
        long number = Studies.ask(http, token, study).getJsonNumber("number").longValue();
        for (int step = 0; step < 3; step++) {
            Reply reported = http.postJson(
                    "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                    token,
                    "{\"step\":%d,\"value\":%s}".formatted(step, 1.0 / (step + 1)));
            assertThat(reported.status()).as(reported.body()).isEqualTo(200);
            assertThat(reported.json().getBoolean("shouldPrune")).isFalse();
        }
        Reply again = http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates", token, "{\"step\":1,\"value\":7}");
        assertThat(again.status()).isEqualTo(409);
        JsonObject trial =
                http.get("api/v1/studies/" + study + "/trials/" + number, token).json();
        assertThat(trial.getJsonObject("intermediates").keySet()).containsExactly("0", "1", "2");
        assertThat(Studies.tell(http, token, study, number, "{\"state\":\"pruned\"}")
                        .status())
                .isEqualTo(200);
        Reply late = http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                token,
                "{\"step\":3,\"value\":0.1}");
        assertThat(late.status()).isEqualTo(409);
    }

    Reply report(String study, long number, long step, double value) {
        return http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                token,
                "{\"step\":%d,\"value\":%s}".formatted(step, value));
    }

    @Test
    void theMedianPrunerStopsATrialWorseThanTheOthersAtTheSameStep() {
        String study =
                Studies.create(http, token, unique("pruned"), ",\"pruner\":{\"name\":\"median\",\"startupTrials\":2}");
        for (int i = 0; i < 3; i++) {
            long number =
                    Studies.ask(http, token, study).getJsonNumber("number").longValue();
            for (int step = 0; step < 3; step++) {
                assertThat(report(study, number, step, 1.0 - step * 0.1).json().getBoolean("shouldPrune"))
                        .isFalse();
            }
            assertThat(Studies.tell(http, token, study, number, "{\"values\":[0.7]}")
                            .status())
                    .isEqualTo(200);
        }
        long bad = Studies.ask(http, token, study).getJsonNumber("number").longValue();
        Reply worse = report(study, bad, 0, 5.0);
        assertThat(worse.json().getBoolean("shouldPrune")).isTrue();
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + bad + "/should-prune", token)
                        .json()
                        .getBoolean("shouldPrune"))
                .isTrue();
        assertThat(Studies.tell(http, token, study, bad, "{\"state\":\"pruned\"}")
                        .json()
                        .getString("state"))
                .isEqualTo("pruned");
        Reply unknownPruner = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"pruner\":{\"name\":\"median\",\"startup\":2}}"
                        .formatted(unique("p"), SPACE));
        assertThat(unknownPruner.status()).isEqualTo(400);
        assertThat(unknownPruner.json().getString("detail")).contains("startup");
    }

    @Test
    void importanceRanksTheVariableTheObjectiveDependsOn() {
        String study = Studies.create(http, token, unique("importance"), ",\"sampler\":{\"name\":\"random\"}");
        assertThat(http.get("api/v1/studies/" + study + "/importance", token).status())
                .isEqualTo(409);
        for (int i = 0; i < 30; i++) {
            JsonObject trial = Studies.ask(http, token, study);
            double x = trial.getJsonObject("parameters").getJsonNumber("x").doubleValue();
            Studies.tell(http, token, study, trial.getInt("number"), "{\"values\":[%s]}".formatted(x * x));
        }
        JsonObject importances = http.get("api/v1/studies/" + study + "/importance", token)
                .json()
                .getJsonObject("importances");
        assertThat(importances.keySet()).first().isEqualTo("x");
        assertThat(importances.getJsonNumber("x").doubleValue()).isGreaterThan(0.5);
        assertThat(http.get("api/v1/studies/" + study + "/importance?objective=3", token)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aMultiObjectiveStudyAnswersItsParetoFront() {
        String study = Studies.create(
                http,
                token,
                unique("pareto"),
                ",\"directions\":[\"minimize\",\"maximize\"],\"sampler\":{\"name\":\"nsga2\",\"populationSize\":4}");
        double[][] told = {{1, 1}, {2, 3}, {3, 2}, {0.5, 0.5}, {4, 4}, {2, 2}};
        for (double[] values : told) {
            JsonObject trial = Studies.ask(http, token, study);
            assertThat(Studies.tell(
                                    http,
                                    token,
                                    study,
                                    trial.getInt("number"),
                                    "{\"values\":[%s,%s]}".formatted(values[0], values[1]))
                            .status())
                    .isEqualTo(200);
        }
        // minimize the first value, maximize the second: (3, 2) and (2, 2) are dominated by (2, 3), the rest are not
        JsonArray front =
                http.get("api/v1/studies/" + study + "/best", token).json().getJsonArray("trials");
        assertThat(front.getValuesAs(JsonObject.class))
                .extracting(t -> t.getInt("number"))
                .containsExactly(0, 1, 3, 4);
        assertThat(http.get("api/v1/studies/" + study, token).json().getJsonArray("paretoFront"))
                .hasSize(4);
    }

    @Test
    void theDefaultSamplerRunsAGaussianProcessOnANumericSpaceAndItsStateSurvivesStorage() {
        String study = unique("auto");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                ("{\"name\":\"%s\",\"seed\":3,\"searchSpace\":{\"variables\":["
                                + "{\"name\":\"x\",\"type\":\"float\",\"low\":-5,\"high\":5},"
                                + "{\"name\":\"k\",\"type\":\"int\",\"low\":1,\"high\":6}]}}")
                        .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            JsonObject trial = Studies.ask(http, token, study);
            JsonObject p = trial.getJsonObject("parameters");
            double x = p.getJsonNumber("x").doubleValue();
            assertThat(Studies.tell(
                                    http,
                                    token,
                                    study,
                                    trial.getInt("number"),
                                    "{\"values\":[%s]}".formatted(x * x + p.getInt("k")))
                            .status())
                    .isEqualTo(200);
        }
        JsonObject last =
                http.get("api/v1/studies/" + study + "/trials/19", token).json();
        // the Gaussian process's fitted hyperparameters are kept with the trial: any node warm-starts from them
        assertThat(last.getJsonObject("systemAttributes").keySet()).contains("gp:theta");
        assertThat(last.getJsonObject("systemAttributes").getJsonArray("gp:theta"))
                .isNotEmpty();
    }
}
