package io.mabeam.foundation.security.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Validates bearer API tokens; callers act with the roles of the token's owner. */
@ApplicationScoped
public class ApiTokenIdentityStore implements IdentityStore {

    @EJB
    ApiTokens tokens;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerTokenCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return tokens.authenticate(bearer.token())
                .map(caller -> new CredentialValidationResult(caller.name(), caller.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
