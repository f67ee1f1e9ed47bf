package io.mabeam.foundation.coordination.control;

import io.mabeam.foundation.coordination.entity.StaleFencingToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Fenced resources in table {@code fenced_resource}: {@link #guard} admits a write when its token is at
 * least the highest the resource has seen, and remembers it, in the caller's transaction — so the write
 * and the check commit together, and an earlier lock holder that wakes up late cannot overwrite the work
 * of a later one.
 */
public class Fences {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

    /**
     * @throws StaleFencingToken a higher token was seen; nothing is changed
     * @throws IllegalArgumentException a bad name or a token below 1
     */
    public void guard(Connection connection, String resource, long token) throws SQLException {
        validate(resource, token);
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement raise = connection.prepareStatement("update fenced_resource set token = ?, "
                    + "updated_at = current_timestamp where name = ? and token <= ?")) {
                raise.setLong(1, token);
                raise.setString(2, resource);
                raise.setLong(3, token);
                if (raise.executeUpdate() == 1) {
                    return;
                }
            }
            OptionalLong seen = seen(connection, resource);
            if (seen.isPresent()) {
                if (seen.getAsLong() > token) {
                    throw new StaleFencingToken(resource, token, seen.getAsLong());
                }
                continue; // raised by someone else between the two statements; look again
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into fenced_resource (name, token) select ?, ? where not exists "
                            + "(select 1 from fenced_resource where name = ?)")) {
                insert.setString(1, resource);
                insert.setLong(2, token);
                insert.setString(3, resource);
                if (insert.executeUpdate() == 1) {
                    return;
                }
            }
        }
        throw new IllegalStateException("could not record fencing token " + token + " for " + resource);
    }

    /**
     * Raises the resource's token by one and answers the new token (1 for a resource never seen), in the
     * caller's transaction: the row stays locked until it commits, so concurrent callers get distinct,
     * increasing tokens. Leader terms take their fencing epoch from here.
     */
    public long advance(Connection connection, String resource) throws SQLException {
        validate(resource, 1);
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement raise = connection.prepareStatement("update fenced_resource set token = token + 1, "
                    + "updated_at = current_timestamp where name = ?")) {
                raise.setString(1, resource);
                if (raise.executeUpdate() == 1) {
                    return seen(connection, resource).orElseThrow();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into fenced_resource (name, token) select ?, 1 where not exists "
                            + "(select 1 from fenced_resource where name = ?)")) {
                insert.setString(1, resource);
                insert.setString(2, resource);
                if (insert.executeUpdate() == 1) {
                    return 1;
                }
            }
        }
        throw new IllegalStateException("could not advance the fencing token of " + resource);
    }

    /** The highest token the resource has seen; empty if none. */
    public OptionalLong seen(Connection connection, String resource) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select token from fenced_resource where name = ?")) {
            query.setString(1, resource);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static void validate(String resource, long token) {
        if (resource == null || !NAME.matcher(resource).matches()) {
            throw new IllegalArgumentException(
                    "a resource name is 1 to 200 letters, digits or . _ : / -, starting with a letter or digit");
        }
        if (token < 1) {
            throw new IllegalArgumentException("a fencing token is a positive number");
        }
    }
}
