package io.mabeam.console;

import io.mabeam.foundation.security.boundary.ApiTokens;
import io.mabeam.foundation.security.boundary.Users;
import io.mabeam.foundation.security.entity.ApiToken;
import io.mabeam.foundation.security.entity.IssuedToken;
import io.mabeam.foundation.security.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The console's API tokens (admins only): list, issue (the secret is shown once), revoke. */
@Named
@ViewScoped
public class TokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ApiTokens tokens;

    @EJB
    transient Users users;

    @Inject
    transient Messages messages;

    private List<ApiToken> all;
    private List<String> owners;
    private String name;
    private String owner;
    private Integer lifetimeDays = 90;
    private String issuedSecret;

    @PostConstruct
    void load() {
        all = tokens.all();
        owners = users.all().stream().map(UserAccount::username).toList();
    }

    public void issue(String caller) {
        try {
            Duration lifetime = lifetimeDays == null ? null : Duration.ofDays(lifetimeDays);
            IssuedToken issued =
                    tokens.issue(owner == null ? caller : owner, name == null ? "" : name.trim(), lifetime, caller);
            issuedSecret = issued.secret();
            messages.info("Token '" + issued.name() + "' issued for " + issued.owner()
                    + ": copy the secret now, it is shown only once");
            name = null;
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void revoke(String id) {
        try {
            ApiToken revoked = tokens.revoke(id);
            messages.info("Token '" + revoked.name() + "' revoked");
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public String status(ApiToken token) {
        if (token.revokedAt() != null) {
            return "revoked";
        }
        return token.isActiveAt(Instant.now()) ? "active" : "expired";
    }

    public List<ApiToken> getAll() {
        return all;
    }

    public List<String> getOwners() {
        return owners;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public Integer getLifetimeDays() {
        return lifetimeDays;
    }

    public void setLifetimeDays(Integer lifetimeDays) {
        this.lifetimeDays = lifetimeDays;
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }
}
