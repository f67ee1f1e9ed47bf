package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the black-box ITs of one MABEAM node: the real {@code mabeam.war} on Payara Micro against
 * PostgreSQL, reached through HTTP only. Every subclass deploys the same archive, and
 * {@link SharedDeploymentContainer} boots it once for all of them (each boot costs about 30 s), so a class per
 * component costs no more than one class. The classes share the node and its database: a test arranges its
 * own state under names of its own, and never counts on another test, or another class, having run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class SharedNode {

    static final String ADMIN_PASSWORD = "it-admin-password-1";
    static final String ADMIN = Http.basic("admin", ADMIN_PASSWORD);

    @ArquillianResource
    URL base;

    Http http;

    /** A bearer token of the admin's: cheap to check, unlike a password hash on every request. */
    String token;

    private static String adminToken;

    @Deployment(testable = false)
    static WebArchive mabeamWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mabeam.war")));
    }

    @BeforeEach
    void client() throws Exception {
        // Payara reports the host's first address; tests stay on loopback.
        URI reported = base.toURI();
        http = new Http(new URI("http", null, "127.0.0.1", reported.getPort(), "/", null, null));
        token = adminToken(http);
    }

    private static synchronized String adminToken(Http http) {
        if (adminToken == null) {
            Reply issued = http.postJson(
                    "api/v1/tokens", ADMIN, "{\"name\":\"shared-node-it\",\"owner\":\"admin\",\"lifetimeDays\":1}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            adminToken = "Bearer " + issued.json().getString("secret");
        }
        return adminToken;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The node's address on loopback, for clients other than {@link #http}. */
    URI node() {
        return http.base();
    }
}
