package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.entity.EventTypeCount;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.persistence.boundary.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A read model kept by a cluster-wide subscription: how many events of each type the log holds and when
 * the last arrived. Written in the subscription's transaction, so each event is counted exactly once.
 * The console offers these types as filters.
 */
@ApplicationScoped
public class EventTypeCounts implements EventSubscriber {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Override
    public String subscriptionName() {
        return "foundation.event-type-counts";
    }

    @Override
    public void handle(List<RecordedEvent> events) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            counts.computeIfAbsent(event.type(), t -> new long[1])[0]++;
            last.merge(event.type(), event.recordedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update event_type_count set events = events + ?, "
                                + "last_recorded_at = greatest(last_recorded_at, ?) where type = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "insert into event_type_count (type, events, last_recorded_at) values (?, ?, ?)")) {
            for (Map.Entry<String, long[]> count : counts.entrySet()) {
                OffsetDateTime at = OffsetDateTime.ofInstant(last.get(count.getKey()), ZoneOffset.UTC);
                update.setLong(1, count.getValue()[0]);
                update.setObject(2, at);
                update.setString(3, count.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, count.getKey());
                    insert.setLong(2, count.getValue()[0]);
                    insert.setObject(3, at);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new EJBException("counting event types failed", e);
        }
    }

    /** Every type the log holds, most frequent first. */
    public List<EventTypeCount> all() {
        List<EventTypeCount> all = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select type, events, last_recorded_at from event_type_count order by events desc, type");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new EventTypeCount(
                        rows.getString(1),
                        rows.getLong(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant()));
            }
            return all;
        } catch (SQLException e) {
            throw new EJBException("reading event type counts failed", e);
        }
    }
}
