package io.mabeam.it;

import static io.mabeam.it.SharedNode.ADMIN;
import static io.mabeam.it.SharedNode.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;

/** Users of the node for the ITs, made and listed by the admin over the REST API. */
final class Users {

    private Users() {}

    /** A new user of that one role, named after it, with the password {@code a-long-password-1}. */
    static String create(Http http, String role) {
        String name = unique(role);
        Reply created = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"%s\",\"password\":\"a-long-password-1\",\"roles\":[\"%s\"]}".formatted(name, role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    static List<JsonObject> list(Http http) {
        return http.get("api/v1/users", ADMIN).jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }
}
