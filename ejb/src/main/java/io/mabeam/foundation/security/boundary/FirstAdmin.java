package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure somebody can log in: on the first start against an empty user table it creates the user
 * {@code admin}, with the password from {@code mabeam.admin.password} or a generated one that is logged
 * once (like Jenkins' initial admin password). Concurrent first starts of several nodes create it once:
 * the second insert fails on the primary key and that node simply goes on.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdmin {

    public static final String USERNAME = "admin";
    static final String LOG_MARKER = "MABEAM initial admin password: ";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @EJB
    Users users;

    @Inject
    @ConfigProperty(name = "mabeam.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void ensureAnAdminExists() {
        if (users.count() > 0) {
            return;
        }
        String password = configuredPassword.filter(p -> !p.isBlank()).orElseGet(FirstAdmin::generatedPassword);
        try {
            users.create(USERNAME, password, Set.of(Role.ADMIN));
        } catch (RuntimeException e) {
            if (users.find(USERNAME).isPresent()) {
                return; // another node won the race
            }
            throw e;
        }
        if (configuredPassword.filter(p -> !p.isBlank()).isPresent()) {
            LOG.info("Created user 'admin' with the password from mabeam.admin.password");
        } else {
            LOG.warning(LOG_MARKER + password);
        }
    }

    static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
