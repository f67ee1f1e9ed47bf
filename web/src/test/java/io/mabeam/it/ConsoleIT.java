package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The web console's pages of the platform, in a real browser: login, dashboard, users and tokens, events,
 * configuration, cluster, registry and health, and what a viewer may not see.
 */
class ConsoleIT extends SharedNode {

    @Test
    void consoleLoginLeadsToTheDashboard() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/");
            assertThat(browser.currentPath()).startsWith("/console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");

            assertThat(browser.textOf("node-name")).isEqualTo("it-node");
            assertThat(browser.textOf("database-product")).startsWith("PostgreSQL");
            assertThat(browser.textOf("overall-health")).isEqualTo("UP");
            assertThat(browser.waitForText("#members")).contains("it-node").contains("Cluster members (1)");
            assertThat(browser.waitForText("#session")).contains("admin");
            assertThat(browser.screenshot("console-dashboard")).isNotEmptyFile();

            browser.go("console/index.xhtml");
            assertThat(browser.textOf("node-name")).isEqualTo("it-node"); // the session holds
        }
    }

    @Test
    void consoleRefusesAWrongPassword() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "not-the-password");
            assertThat(browser.waitForText(".ui-messages-error")).contains("Invalid username or password");
            assertThat(browser.currentPath()).startsWith("/console/login.xhtml");
            browser.screenshot("console-login-refused");
        }
    }

    @Test
    void adminManagesUsersAndTokensInTheConsole() {
        String name = unique("console");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-users");
            browser.type("users:username", name);
            browser.type("users:password", "a-long-password-1");
            browser.click("users:create");
            assertThat(browser.awaitText("#users\\:table", name)).contains(name);
            assertThat(http.get("api/v1/users/" + name, ADMIN).status()).isEqualTo(200);

            browser.type("users:username", name);
            browser.type("users:password", "short");
            browser.click("users:create");
            assertThat(browser.awaitText("#users\\:messages", "at least 12 characters"))
                    .isNotBlank();

            browser.click("nav-tokens");
            browser.type("tokens:name", name + "-token");
            browser.click("tokens:issue");
            String secret = browser.awaitText("#secret", "mbt_");
            browser.screenshot("console-token-issued");
            assertThat(http.get("api/v1/me", "Bearer " + secret).status()).isEqualTo(200);

            String revoke = browser.idOfButtonInRowWith("tokens:table", name + "-token");
            browser.click(revoke);
            browser.awaitText("#tokens\\:messages", "revoked");
            assertThat(http.get("api/v1/me", "Bearer " + secret).status()).isEqualTo(401);
        }
    }

    @Test
    void eventBrowserFiltersTheLog() {
        String stream = unique("browse");
        Events.append(
                http,
                stream,
                null,
                null,
                "[{\"type\":\"StudyCreated\",\"payload\":{}},{\"type\":\"TrialTold\",\"payload\":{\"v\":1}}]");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-events");
            browser.type("events:stream", stream);
            browser.click("events:search");
            String table = browser.awaitText("#events\\:table", "TrialTold");
            assertThat(table).contains(stream).contains("StudyCreated").contains("it-correlation");
            browser.type("events:type", "TrialTold");
            browser.click("events:search");
            assertThat(browser.awaitTextWithout("#events\\:table", "TrialTold", "StudyCreated"))
                    .contains(stream);
            browser.screenshot("console-events");
            assertThat(browser.waitForText("#events\\:subscriptions")).contains("foundation.event-type-counts");
            assertThat(browser.waitForText("#events\\:retention")).contains("Apply now");

            http.putJson("api/v1/events/streams/" + stream + "/snapshots/1", ADMIN, "{\"trials\":1}");
            browser.click("events:streamTools_toggler");
            browser.click("events:snapshot");
            assertThat(browser.awaitText("#events\\:streamTools", "at version 1"))
                    .contains("trials");

            browser.click("events:live");
            browser.awaitText("#events\\:table", "No events match");
            Events.append(http, stream, null, null, "{\"type\":\"TrialTold\",\"payload\":{\"v\":2}}");
            assertThat(browser.awaitText("#events\\:table", "{\"v\": 2}")).contains(stream);
        }
    }

    @Test
    void configurationIsEditedInTheConsoleWithValidationAndHistory() {
        String key = "it.console." + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-config");
            browser.click("config:declare_toggler");
            browser.type("config:newKey", key);
            browser.select("config:newType", "integer");
            browser.type("config:newMinimum", "1");
            browser.type("config:newMaximum", "10");
            browser.type("config:newDescription", "console test");
            browser.click("config:declareSetting");
            assertThat(browser.awaitText("#config\\:messages", "declared")).contains(key);
            browser.awaitText("#config\\:settings", key);
            browser.clickLinkInRowWith("config:settings", key);
            browser.awaitText("#config\\:editor", key);
            browser.type("config:value", "50");
            browser.click("config:save");
            assertThat(browser.awaitText("#config\\:messages", "at most 10")).contains(key);
            browser.type("config:value", "5");
            browser.type("config:comment", "set from the console");
            browser.click("config:save");
            browser.awaitText("#config\\:messages", "version 0");
            assertThat(browser.awaitText("#config\\:history", "set from the console"))
                    .contains("admin");
            browser.screenshot("console-config");
        }
        assertThat(http.get("api/v1/config/" + key, ADMIN).json().getString("value"))
                .isEqualTo("5");
    }

    @Test
    void clusterPageShowsLeadersTasksAndLeasesAndReleasesThem() {
        String lock = unique("it-console-lock");
        Reply lease = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT5M\"}");
        assertThat(lease.status()).as(lease.body()).isEqualTo(201);
        http.putJson(
                "api/v1/coordination/fences/" + lock,
                ADMIN,
                "{\"token\":" + lease.json().getJsonNumber("fence") + "}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-cluster");
            assertThat(browser.awaitText("#cluster\\:members", "it-node"))
                    .contains("this node")
                    .contains("study-scheduler")
                    .contains("cores=");
            assertThat(browser.awaitText("#cluster\\:leaders", "study-scheduler"))
                    .contains("it-node");
            assertThat(browser.awaitText("#cluster\\:tasks", "leadership-watch"))
                    .contains("running");
            assertThat(browser.awaitText("#cluster\\:overview", "quorum")).contains("takes part in leadership");
            browser.awaitText("#cluster\\:leases", lock);
            browser.type("cluster:resource", lock);
            browser.click("cluster:lookUp");
            assertThat(browser.awaitText(
                            "#cluster\\:fence",
                            lease.json().getJsonNumber("fence").toString()))
                    .isNotBlank();
            browser.screenshot("console-cluster");
            browser.click(browser.idOfButtonInRowWith("cluster:leases", lock));
            browser.awaitText("#cluster\\:messages", "Released");
        }
        assertThat(http.get("api/v1/coordination/leases", ADMIN).body()).doesNotContain(lock);
    }

    @Test
    void registryAndHealthPagesShowTheNode() {
        String namespace = unique("it");
        http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"worker-a\",\"metadata\":{\"pool\":\"cpu\"}}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-registry");
            browser.type("registry:namespace", namespace);
            browser.click("registry:show");
            assertThat(browser.awaitText("#registry\\:entries", "worker-a"))
                    .contains("it-node")
                    .contains("pool");
            browser.screenshot("console-registry");
            browser.click("nav-health");
            browser.awaitText("#health\\:components", "event-store");
            assertThat(browser.awaitText("#health\\:history", "started")).isNotBlank();
            browser.screenshot("console-health");
        }
    }

    @Test
    void viewerSeesNoAdministrationInTheConsole() {
        String viewer = Users.create(http, "viewer");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn(viewer, "a-long-password-1");
            assertThat(browser.textOf("node-name")).isEqualTo("it-node");
            assertThat(browser.isPresent("nav-users")).isFalse();
            browser.go("console/users.xhtml");
            assertThat(browser.textOf("error-status")).isEqualTo("403 Forbidden");
        }
    }
}
