package io.mabeam.it;

import static io.mabeam.it.Studies.SPACE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web console's pages of the optimization engine, in a real browser: studies with their charts, live
 * variables, and agents.
 */
class OptimizationConsoleIT extends SharedNode {

    @Test
    void theConsoleShowsAStudyWithItsChartsAndSetsALiveVariable() throws Exception {
        String study = Studies.create(http, token, unique("console"), ",\"sampler\":{\"name\":\"random\"},\"seed\":11");
        for (int i = 0; i < 12; i++) {
            JsonObject trial = Studies.ask(http, token, study);
            double value = Studies.objective(trial.getJsonObject("parameters"));
            assertThat(Studies.tell(http, token, study, trial.getInt("number"), "{\"values\":[%s]}".formatted(value))
                            .status())
                    .isEqualTo(200);
        }
        String variable = unique("it.console");
        assertThat(http.putJson(
                                "api/v1/variables/" + variable,
                                token,
                                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}")
                        .status())
                .isEqualTo(201);

        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-studies");
            browser.awaitText("#studies\\:table", study);
            String formStudy = unique("console-form");
            browser.click("studies:create_toggler");
            browser.type("studies:newName", formStudy);
            browser.type("studies:newDirections", "minimize, maximize");
            browser.type("studies:newSpace", SPACE);
            browser.click("studies:createStudy");
            assertThat(browser.awaitText("#studies\\:messages", "created")).contains(formStudy);
            assertThat(http.get("api/v1/studies/" + formStudy, token).json().getJsonArray("directions"))
                    .hasSize(2);
            browser.go("console/study.xhtml?name=" + formStudy); // two objectives, no trials yet
            browser.awaitAttribute("history-chart", "data-rendered", "true");
            assertThat(browser.textOf("study:importance-note")).contains("two complete trials");
            browser.click("study:back");
            browser.clickLinkInRowWith("studies:table", study);
            for (String chart : List.of("history-chart", "parallel-chart", "importance-chart")) {
                browser.awaitAttribute(chart, "data-rendered", "true");
            }
            assertThat(browser.awaitText("#study\\:trials", "12 trials")).contains("complete");
            assertThat(browser.waitForText("#study\\:summary")).contains(study).contains("12 complete");
            browser.scrollTo("study:summary");
            assertThat(browser.screenshot("console-study")).isNotEmptyFile();

            browser.click("nav-variables");
            browser.clickLinkInRowWith("variables:table", variable);
            browser.awaitText("#variables\\:changes", variable);
            browser.type("variables:value", "0.25");
            browser.type("variables:reason", "set in the console");
            browser.click("variables:save");
            assertThat(browser.awaitText("#variables\\:messages", "version 2")).contains(variable);

            // agents: start an echo agent with the form, see it run, look at it, stop it
            String echo = unique("console-echo");
            browser.click("nav-agents");
            browser.click("agents:create_toggler");
            browser.type("agents:newId", echo);
            browser.select("agents:newType", "echo");
            browser.type("agents:newConfig", "{}");
            browser.click("agents:spawn");
            assertThat(browser.awaitText("#agents\\:messages", "started")).contains(echo);
            // the page may render before the agent's start ran on its thread: wait for it, then look again
            long running = System.currentTimeMillis() + 10_000;
            while (!http.get("api/v1/agents/" + echo, token)
                            .json()
                            .getString("state")
                            .equals("running")
                    && System.currentTimeMillis() < running) {
                Thread.sleep(100);
            }
            browser.go("console/agents.xhtml");
            assertThat(browser.textOfRowWith("agents:table", echo)).contains("running");
            browser.clickLinkInRowWith("agents:table", echo);
            assertThat(browser.awaitText("#agents\\:detail", echo))
                    .contains("echo")
                    .contains("running");
            browser.scrollTo("agents:detail");
            assertThat(browser.screenshot("console-agents")).isNotEmptyFile();
            // its own page: lifecycle events, a message and its answer, live counters
            browser.click("agents:open");
            assertThat(browser.awaitText("#agent\\:events", "AgentStateChanged"))
                    .contains("RUNNING");
            browser.type("agent:outgoing", "{\"from\":\"console\"}");
            browser.click("agent:send");
            assertThat(browser.awaitText("#agent\\:outcome", "handled")).contains("console");
            assertThat(browser.awaitText("#agent\\:live", "handled 1")).contains("restarts 0");
            assertThat(browser.screenshot("console-agent")).isNotEmptyFile();
            browser.go("console/agents.xhtml");
            browser.click(browser.idOfButtonInRowWith("agents:table", echo));
            assertThat(browser.awaitText("#agents\\:messages", "stopped")).contains(echo);
        }
        assertThat(http.get("api/v1/agents?type=echo", token).json().getJsonArray("agents").stream()
                        .map(a -> a.asJsonObject())
                        .filter(a -> a.getString("id").startsWith("console-echo"))
                        .map(a -> a.getBoolean("wanted")))
                .containsOnly(false);
        JsonObject changed = http.get("api/v1/variables/" + variable, token).json();
        assertThat(changed.getJsonNumber("value").doubleValue()).isEqualTo(0.25);
        assertThat(changed.getInt("version")).isEqualTo(2);
    }
}
