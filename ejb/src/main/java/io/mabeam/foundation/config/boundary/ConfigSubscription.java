package io.mabeam.foundation.config.boundary;

import io.mabeam.foundation.events.boundary.EventSubscriber;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Every node's subscription to the config events, from the moment it first starts, feeding its cache. */
@ApplicationScoped
public class ConfigSubscription implements EventSubscriber {

    @EJB
    ConfigCache cache;

    @Override
    public String subscriptionName() {
        return "foundation.config-cache";
    }

    @Override
    public boolean onEveryNode() {
        return true;
    }

    @Override
    public String streamPrefix() {
        return "config";
    }

    @Override
    public boolean fromStart() {
        return false;
    }

    @Override
    public void handle(List<RecordedEvent> events) {
        cache.handle(events);
    }
}
