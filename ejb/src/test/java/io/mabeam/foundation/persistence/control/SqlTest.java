package io.mabeam.foundation.persistence.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void oneAndListMapTheRowsTheStatementSelects() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sqltest;DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table pet (name varchar(20), legs int)");
                ddl.execute("insert into pet values ('cat', 4), ('hen', 2), ('ant', 6)");
            }
            assertThat(Sql.one(connection, "select legs from pet where name = ?", row -> row.getInt(1), "hen"))
                    .contains(2);
            assertThat(Sql.one(connection, "select legs from pet where name = ?", row -> row.getInt(1), "dog"))
                    .isEmpty();
            assertThat(Sql.list(
                            connection,
                            "select name from pet where legs > ? order by name",
                            row -> row.getString(1),
                            3))
                    .containsExactly("ant", "cat");
        }
    }
}
