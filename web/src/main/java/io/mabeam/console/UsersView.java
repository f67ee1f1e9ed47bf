package io.mabeam.console;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.boundary.Users;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.foundation.security.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The console's user administration (admins only, see web.xml): list, create, delete. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Users users;

    @Inject
    transient Messages messages;

    private List<UserAccount> all;
    private String username;
    private String password;
    private List<String> roles = new ArrayList<>(List.of(Role.VIEWER_NAME));

    @PostConstruct
    void load() {
        all = users.all();
    }

    public void create() {
        try {
            Set<Role> chosen = EnumSet.noneOf(Role.class);
            roles.forEach(name -> Role.of(name).ifPresent(chosen::add));
            users.create(username == null ? "" : username.trim(), password, chosen);
            messages.info("User '" + username + "' created");
            username = null;
            password = null;
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void delete(String name, String caller) {
        if (name.equals(caller)) {
            messages.error("You cannot delete yourself");
            return;
        }
        try {
            users.delete(name);
            messages.info("User '" + name + "' deleted");
            load();
        } catch (DomainException e) {
            messages.problem(e);
        }
    }

    public List<UserAccount> getAll() {
        return all;
    }

    public List<String> getRoleNames() {
        return List.of(Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME);
    }

    public String rolesOf(UserAccount user) {
        return String.join(", ", user.roles().stream().map(Role::roleName).toList());
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }
}
