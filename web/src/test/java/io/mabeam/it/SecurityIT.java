package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security: authentication by password and by API token, authorization by role, and the users and tokens
 * the admin manages (bad requests are problems that change nothing).
 */
class SecurityIT extends SharedNode {

    @Test
    void apiWithoutCredentialsIs401Problem() {
        Reply reply = http.get("api/v1/node", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getInt("status")).isEqualTo(401);
    }

    @Test
    void wrongPasswordIs401Problem() {
        Reply reply = http.get("api/v1/node", Http.basic("admin", "not-the-password"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void viewerMayReadButNotAdminister() {
        String viewer = Users.create(http, "viewer");
        String auth = Http.basic(viewer, "a-long-password-1");
        assertThat(http.get("api/v1/node", auth).status()).isEqualTo(200);
        Reply forbidden = http.get("api/v1/users", auth);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.isProblem()).isTrue();
        JsonObject me = http.get("api/v1/me", auth).json();
        assertThat(me.getString("name")).isEqualTo(viewer);
        assertThat(me.getJsonArray("roles").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("viewer");
    }

    @Test
    void apiTokenAuthenticatesUntilRevoked() {
        String operator = Users.create(http, "operator");
        Reply issued = http.postJson(
                "api/v1/tokens", ADMIN, "{\"name\":\"ci\",\"owner\":\"%s\",\"lifetimeDays\":30}".formatted(operator));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String bearer = "Bearer " + issued.json().getString("secret");
        String id = issued.json().getString("id");

        Reply me = http.get("api/v1/me", bearer);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo(operator);
        assertThat(http.get("api/v1/tokens", bearer).status()).isEqualTo(403);

        Reply revoked = http.delete("api/v1/tokens/" + id, ADMIN);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().getString("revokedAt")).isNotBlank();
        assertThat(http.get("api/v1/me", bearer).status()).isEqualTo(401);
    }

    @Test
    void unknownTokenIs401() {
        Reply reply = http.get("api/v1/me", "Bearer mbt_" + "A".repeat(43));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void malformedJsonIs400AndCreatesNothing() {
        int before = Users.list(http).size();
        Reply reply = http.postJson("api/v1/users", ADMIN, "{\"username\": \"broken\", ");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("title")).isEqualTo("Malformed JSON");
        assertThat(Users.list(http)).hasSize(before);
    }

    @Test
    void invalidFieldsAre400NamingEachField() {
        int before = Users.list(http).size();
        Reply reply = http.postJson("api/v1/users", ADMIN, "{\"username\":\"\",\"roles\":[]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("detail"))
                .contains("username")
                .contains("password")
                .contains("roles");
        assertThat(Users.list(http)).hasSize(before);
    }

    @Test
    void weakPasswordAndUnknownRoleAre400() {
        Reply weak = http.postJson(
                "api/v1/users", ADMIN, "{\"username\":\"weak\",\"password\":\"short\",\"roles\":[\"viewer\"]}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().getString("detail")).contains("at least 12 characters");
        Reply role = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"king\",\"password\":\"a-long-password-1\",\"roles\":[\"king\"]}");
        assertThat(role.status()).isEqualTo(400);
        assertThat(http.get("api/v1/users/king", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void duplicateUserIs409() {
        String viewer = Users.create(http, "viewer");
        Reply again = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"%s\",\"password\":\"a-long-password-1\",\"roles\":[\"admin\"]}".formatted(viewer));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        JsonArray roles = http.get("api/v1/users/" + viewer, ADMIN).json().getJsonArray("roles");
        assertThat(roles.getString(0)).isEqualTo("viewer");
    }

    @Test
    void tokenRequestsAreValidatedAndChangeNothing() {
        int before = tokens().size();
        assertThat(http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"\"}").status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"x\",\"lifetimeDays\":0}")
                        .status())
                .isEqualTo(400);
        Reply noOwner = http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"x\",\"owner\":\"nobody-here\"}");
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().getString("detail")).contains("nobody-here");
        Reply unknown = http.delete("api/v1/tokens/not-a-token", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(tokens()).hasSize(before);
    }

    @Test
    void deletedUsersCanNoLongerLogInAndNobodyDeletesThemselves() {
        assertThat(http.delete("api/v1/users/admin", ADMIN).status()).isEqualTo(409);
        assertThat(http.delete("api/v1/users/nobody-here", ADMIN).status()).isEqualTo(404);
        String viewer = Users.create(http, "viewer");
        assertThat(http.get("api/v1/me", Http.basic(viewer, "a-long-password-1"))
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("api/v1/users/" + viewer, ADMIN).status()).isEqualTo(204);
        assertThat(http.get("api/v1/users/" + viewer, ADMIN).status()).isEqualTo(404);
        assertThat(http.get("api/v1/me", Http.basic(viewer, "a-long-password-1"))
                        .status())
                .isEqualTo(401);
    }

    private List<JsonObject> tokens() {
        return http.get("api/v1/tokens", ADMIN).jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }
}
