package io.mabeam.console;

import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The console's event browser: the whole log in global order, filtered, a page at a time. */
@Named
@ViewScoped
public class EventsView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE = 50;

    @EJB
    transient Events events;

    @Inject
    transient Messages messages;

    private String type;
    private String streamPrefix;
    private String correlationId;
    private List<RecordedEvent> page = List.of();
    private final Deque<GlobalPosition> previousStarts = new ArrayDeque<>();
    private GlobalPosition start = GlobalPosition.START;

    public void search() {
        previousStarts.clear();
        start = GlobalPosition.START;
        load();
    }

    public void next() {
        if (page.size() == PAGE) {
            previousStarts.push(start);
            start = page.get(page.size() - 1).position();
            load();
        }
    }

    public void previous() {
        if (!previousStarts.isEmpty()) {
            start = previousStarts.pop();
            load();
        }
    }

    private void load() {
        try {
            page = events.query(new EventQuery(
                    blankToNull(type), blankToNull(streamPrefix), null, null, blankToNull(correlationId), start, PAGE));
        } catch (RuntimeException e) {
            page = List.of();
            messages.problem(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public List<RecordedEvent> getPage() {
        if (page.isEmpty() && start.equals(GlobalPosition.START) && previousStarts.isEmpty()) {
            load();
        }
        return page;
    }

    public boolean isHasNext() {
        return page.size() == PAGE;
    }

    public boolean isHasPrevious() {
        return !previousStarts.isEmpty();
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStreamPrefix() {
        return streamPrefix;
    }

    public void setStreamPrefix(String streamPrefix) {
        this.streamPrefix = streamPrefix;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public void setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
    }
}
