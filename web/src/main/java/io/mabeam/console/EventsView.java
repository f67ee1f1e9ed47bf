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
    private List<RecordedEvent> page = new java.util.ArrayList<>();
    private final Deque<GlobalPosition> previousStarts = new ArrayDeque<>();
    private GlobalPosition start = GlobalPosition.START;
    private boolean live;
    private GlobalPosition liveCursor;

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

    /** Live mode: the newest matching events on top, refreshed by the page's poll. */
    public void toggleLive() {
        if (live) {
            liveCursor = events.lastPosition();
            page = new java.util.ArrayList<>();
            refresh();
        } else {
            search();
        }
    }

    public void refresh() {
        if (!live) {
            return;
        }
        try {
            List<RecordedEvent> fresh = events.query(new EventQuery(
                    blankToNull(type),
                    blankToNull(streamPrefix),
                    null,
                    null,
                    blankToNull(correlationId),
                    liveCursor,
                    PAGE));
            if (!fresh.isEmpty()) {
                liveCursor = fresh.get(fresh.size() - 1).position();
                List<RecordedEvent> newestFirst = new java.util.ArrayList<>(fresh);
                java.util.Collections.reverse(newestFirst);
                newestFirst.addAll(page);
                page = new java.util.ArrayList<>(newestFirst.subList(0, Math.min(PAGE, newestFirst.size())));
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    private void load() {
        try {
            page = events.query(new EventQuery(
                    blankToNull(type), blankToNull(streamPrefix), null, null, blankToNull(correlationId), start, PAGE));
        } catch (RuntimeException e) {
            page = new java.util.ArrayList<>();
            messages.problem(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public boolean isLive() {
        return live;
    }

    public void setLive(boolean live) {
        this.live = live;
    }

    public List<RecordedEvent> getPage() {
        if (!live && page.isEmpty() && start.equals(GlobalPosition.START) && previousStarts.isEmpty()) {
            load();
        }
        return page;
    }

    public boolean isHasNext() {
        return !live && page.size() == PAGE;
    }

    public boolean isHasPrevious() {
        return !live && !previousStarts.isEmpty();
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
