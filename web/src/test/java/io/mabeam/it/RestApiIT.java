package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST API as HTTP: its OpenAPI document, and a problem response for a request it cannot take (wrong
 * content type, oversized or too deeply nested body, out-of-range query value, unknown route, wrong method or
 * Accept).
 */
class RestApiIT extends SharedNode {

    @Test
    void openApiDocumentListsTheApi() {
        Reply openapi = http.get("openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body())
                .contains("/api/v1/node:")
                .contains("/api/v1/users:")
                .contains("/api/v1/tokens:")
                .contains("/api/v1/me:");
    }

    @Test
    void wrongContentTypeIs415() {
        Reply reply = http.send(http.request("api/v1/users")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=x"))
                .build());
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void oversizedBodyIs413WhetherDeclaredOrStreamed() {
        int before = Users.list(http).size();
        // the IT node runs with MABEAM_API_MAX_BODY_BYTES=65536 (see the failsafe configuration)
        String huge = "{\"username\":\"" + "a".repeat(100_000) + "\"}";
        Reply declared = http.postJson("api/v1/users", ADMIN, huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();

        Reply streamed = http.send(http.request("api/v1/users")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
                .build());
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.isProblem()).isTrue();
        assertThat(Users.list(http)).hasSize(before);
    }

    @Test
    void unknownRoutesAre404Problems() {
        Reply api = http.get("api/v1/nowhere", ADMIN);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.isProblem()).isTrue();
        Reply outside = http.get("nowhere/at/all", ADMIN);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.isProblem()).isTrue();
    }

    @Test
    void wrongMethodIs405AndWrongAcceptIs406() {
        Reply method = http.delete("api/v1/node", ADMIN);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.isProblem()).isTrue();
        Reply accept = http.send(http.request("api/v1/node")
                .header("Authorization", ADMIN)
                .header("Accept", "application/xml")
                .GET()
                .build());
        assertThat(accept.status()).isEqualTo(406);
        assertThat(accept.isProblem()).isTrue();
    }

    @Test
    void outOfRangeAndMalformedPageSizesAre400ProblemsNotClamped() {
        Reply account = http.postJson(
                "api/v1/accounts", ADMIN, "{\"kind\":\"agent\",\"owner\":\"%s\"}".formatted(unique("pager")));
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        for (String list : List.of(
                "api/v1/auctions",
                "api/v1/proposals",
                "api/v1/models",
                "api/v1/improvements",
                "api/v1/accounts/" + account.json().getString("id") + "/ledger")) {
            for (String limit : List.of("-1", "0", "100000", "NaN", "1.5")) {
                Reply reply = http.get(list + "?limit=" + limit, ADMIN);
                assertThat(reply.status()).as(list + "?limit=" + limit).isEqualTo(400);
                assertThat(reply.isProblem()).as(list + "?limit=" + limit).isTrue();
            }
            assertThat(http.get(list + "?limit=1", ADMIN).status()).as(list).isEqualTo(200);
        }
    }

    @Test
    void aDeeplyNestedBodyIs400AndChangesNothing() {
        int before = Users.list(http).size();
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        for (String endpoint : List.of("api/v1/users", "api/v1/studies", "api/v1/auctions", "api/v1/proposals")) {
            Reply reply = http.postJson(endpoint, ADMIN, deep);
            assertThat(reply.status()).as(endpoint).isEqualTo(400);
            assertThat(reply.isProblem()).as(endpoint).isTrue();
        }
        assertThat(Users.list(http)).hasSize(before);
    }

    @Test
    void boundBodiesRefuseFractionsStringsAndUnknownFieldsAndChangeNothing() {
        String study = Studies.create(http, ADMIN, unique("bound"), "");
        long number = Studies.ask(http, ADMIN, study).getJsonNumber("number").longValue();
        String trial = "api/v1/studies/" + study + "/trials/" + number;
        for (String[] bad : new String[][] {
            {"api/v1/studies/" + study + "/jobs", "{\"budget\": 1.5, \"objective\": \"branin\"}", "whole number"},
            {"api/v1/studies/" + study + "/jobs", "{\"budget\": 4294967297, \"objective\": \"branin\"}", "whole number"
            },
            {"api/v1/studies/" + study + "/jobs", "{\"budget\": 3, \"objective\": \"branin\", \"budgte\": 4}", "budgte"
            },
            {"api/v1/studies/" + study + "/jobs", "{\"budget\": -1, \"objective\": \"branin\"}", "budget"},
            {"api/v1/studies/" + study + "/jobs", "{\"budget\": 3, \"trialTimeout\": \"soon\"}", "trialTimeout"},
            {trial + "/intermediates", "{\"step\": -1, \"value\": 0.5}", "step"},
            {trial + "/intermediates", "{\"step\": 1, \"value\": \"0.5\"}", "number"},
            {trial + "/intermediates", "{\"step\": 1}", "value"},
            {"api/v1/studies/" + study + "/queue", "{\"parameters\": [1, 2]}", "JSON"},
            {"api/v1/studies/" + study + "/queue", "{}", "parameters"}
        }) {
            Reply reply = http.postJson(bad[0], ADMIN, bad[1]);
            assertThat(reply.status())
                    .as(bad[0] + " " + bad[1] + ": " + reply.body())
                    .isEqualTo(400);
            assertThat(reply.isProblem()).as(bad[1]).isTrue();
            assertThat(reply.json().getString("detail")).as(bad[1]).contains(bad[2]);
        }
        Reply schedule = http.putJson(
                "api/v1/studies/" + study + "/schedule", ADMIN, "{\"cron\": \"0 2 * * *\", \"trials\": 2.5}");
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(400);
        assertThat(http.get("api/v1/studies/" + study + "/jobs", ADMIN).json().getJsonArray("runs"))
                .isEmpty();
        assertThat(http.get("api/v1/studies/" + study + "/schedule", ADMIN).status())
                .isEqualTo(404);
        assertThat(http.get(trial, ADMIN).json().getJsonObject("intermediates")).isEmpty();
        assertThat(http.get("api/v1/studies/" + study + "/trials?state=waiting", ADMIN)
                        .json()
                        .getInt("total"))
                .isZero();
    }
}
