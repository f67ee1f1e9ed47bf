package io.mabeam.foundation.security.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    @Test
    void keepsItsRolesToItself() {
        Set<Role> roles = EnumSet.of(Role.VIEWER);
        UserAccount user = new UserAccount("ops.team", "hash", roles, Instant.EPOCH);
        roles.add(Role.ADMIN);
        assertThat(user.roles()).containsExactly(Role.VIEWER);
        user.roles().add(Role.ADMIN);
        assertThat(user.roles()).containsExactly(Role.VIEWER);
    }

    @Test
    void refusesInvalidUsernames() {
        for (String name : new String[] {null, "", "a", "Admin", "1abc", "has space", "x".repeat(65), "semi;colon"}) {
            assertThatThrownBy(() -> new UserAccount(name, "hash", Set.of(Role.ADMIN), Instant.EPOCH))
                    .as(String.valueOf(name))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void needsARole() {
        assertThatThrownBy(() -> new UserAccount("ops", "hash", Set.of(), Instant.EPOCH))
                .hasMessageContaining("at least one role");
    }

    @Test
    void roleNamesRoundTrip() {
        for (Role role : Role.values()) {
            assertThat(Role.of(role.roleName())).contains(role);
            assertThat(new RoleConverter().convertToEntityAttribute(new RoleConverter().convertToDatabaseColumn(role)))
                    .isEqualTo(role);
        }
        assertThat(Role.of("ADMIN")).isEmpty();
        assertThat(Role.ADMIN.roleName()).isEqualTo(Role.ADMIN_NAME);
        assertThat(Role.OPERATOR.roleName()).isEqualTo(Role.OPERATOR_NAME);
        assertThat(Role.VIEWER.roleName()).isEqualTo(Role.VIEWER_NAME);
    }
}
