package io.mabeam.console;

import io.mabeam.foundation.events.boundary.EventTypeCounts;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.boundary.Retention;
import io.mabeam.foundation.events.boundary.Subscriptions;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.EventTypeCount;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.RetentionOutcome;
import io.mabeam.foundation.events.entity.RetentionPolicy;
import io.mabeam.foundation.events.entity.Snapshot;
import io.mabeam.foundation.events.entity.Subscription;
import io.mabeam.foundation.events.entity.SubscriptionStatus;
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

    @EJB
    transient Subscriptions subscriptionsBoundary;

    @Inject
    transient EventTypeCounts typeCounts;

    @EJB
    transient Retention retention;

    private List<RetentionPolicy> policies;
    private String policyPrefix;
    private String policyDays;
    private String policyAction = "archive";

    private List<EventTypeCount> types;
    private List<SubscriptionStatus> subscriptions;

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

    /** The event types the log holds, offered as the type filter's suggestions. */
    public List<EventTypeCount> getTypes() {
        if (types == null) {
            types = typeCounts.all();
        }
        return types;
    }

    public List<SubscriptionStatus> getSubscriptions() {
        if (subscriptions == null) {
            subscriptions = subscriptionsBoundary.list();
        }
        return subscriptions;
    }

    public String describeFilter(Subscription subscription) {
        String type = subscription.type() == null ? "every type" : subscription.type();
        return subscription.streamPrefix() == null ? type : type + " in " + subscription.streamPrefix() + "…";
    }

    /** Puts a subscription back to the start of the log: its subscriber gets every event again. */
    public void replay(String name) {
        try {
            subscriptionsBoundary.reset(name, GlobalPosition.START);
            messages.info("Replaying every event to " + name);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        subscriptions = null;
    }

    private Snapshot snapshot;
    private List<RecordedEvent> archive;

    /** The latest snapshot of the stream named in the stream field (taken as an exact name). */
    public void showSnapshot() {
        String stream = blankToNull(streamPrefix);
        if (stream == null) {
            messages.error("Name a stream first");
            return;
        }
        try {
            snapshot = events.latestSnapshot(stream).orElse(null);
            if (snapshot == null) {
                messages.info("No snapshot of " + stream);
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Events retention moved out of the log, of the streams starting with the stream field. */
    public void showArchive() {
        try {
            archive = retention.archived(blankToNull(streamPrefix), 0, PAGE);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public Snapshot getSnapshot() {
        return snapshot;
    }

    public List<RecordedEvent> getArchive() {
        return archive;
    }

    public List<RetentionPolicy> getPolicies() {
        if (policies == null) {
            policies = retention.policies();
        }
        return policies;
    }

    public void savePolicy() {
        try {
            retention.setPolicy(policyPrefix == null ? null : policyPrefix.trim(), policyDays, policyAction);
            messages.info(
                    "Events of " + policyPrefix + "… older than " + policyDays + " will be " + policyAction + "d");
            policyPrefix = null;
            policyDays = null;
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        policies = null;
    }

    public void removePolicy(String prefix) {
        try {
            retention.removePolicy(prefix);
            messages.info("Events of " + prefix + "… are kept for ever again");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        policies = null;
    }

    public void applyRetention() {
        try {
            for (RetentionOutcome outcome : retention.applyAll()) {
                messages.info(outcome.policy().streamPrefix() + "…: " + outcome.removed() + " event(s) "
                        + outcome.policy().action().column() + "d"
                        + (outcome.heldBackBy() == null
                                ? ""
                                : ", " + outcome.heldBack() + " held back by subscription " + outcome.heldBackBy()));
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        subscriptions = null;
    }

    public String getPolicyPrefix() {
        return policyPrefix;
    }

    public void setPolicyPrefix(String policyPrefix) {
        this.policyPrefix = policyPrefix;
    }

    public String getPolicyDays() {
        return policyDays;
    }

    public void setPolicyDays(String policyDays) {
        this.policyDays = policyDays;
    }

    public String getPolicyAction() {
        return policyAction;
    }

    public void setPolicyAction(String policyAction) {
        this.policyAction = policyAction;
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
