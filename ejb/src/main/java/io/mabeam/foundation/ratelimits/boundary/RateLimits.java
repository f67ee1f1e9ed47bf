package io.mabeam.foundation.ratelimits.boundary;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.ratelimits.control.Buckets;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Decides whether a client's request may go on. Each client (an API token, else a signed-in user, else an
 * address) has one bucket per route class, shared by all nodes, sized by the config server's
 * {@code mabeam.ratelimit.*} settings — read on every decision, so a change applies within the config
 * cache's half second. If the data grid fails, requests are let through rather than refused.
 */
@Singleton
@Startup
@DependsOn("Cluster")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RateLimits {

    static final String BUCKETS = "mabeam.ratelimit.buckets";
    private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @EJB
    Cluster cluster;

    @Inject
    Config config;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private Buckets buckets;
    private final Map<RouteClass, Long> sizes = new EnumMap<>(RouteClass.class);
    private volatile long configVersion = System.currentTimeMillis();

    @PostConstruct
    void start() {
        if (!cluster.isClustered()) {
            LOG.warning("No data grid: the REST API's rate limits are not enforced on this node");
            return;
        }
        try {
            // idle buckets are full buckets: forget them after an hour
            hazelcast.getConfig().addMapConfig(new MapConfig(BUCKETS).setMaxIdleSeconds(3600));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Bucket map configured already", e);
        }
        buckets = new Buckets(hazelcast.getMap(BUCKETS));
    }

    /** Takes one request of {@code client} in {@code routeClass} from its bucket. */
    public RateDecision decide(String client, RouteClass routeClass) {
        if (buckets == null
                || !config.getOptionalValue("mabeam.ratelimit.enabled", Boolean.class)
                        .orElse(true)) {
            return RateDecision.unlimited(routeClass);
        }
        long perMinute = perMinute(routeClass);
        Timer.Context timing = metrics.timer("mabeam.ratelimit.decision").time();
        try {
            RateDecision decision = buckets.take(client, routeClass, perMinute, configVersion);
            metrics.counter(
                            "mabeam.ratelimit.decisions",
                            new Tag("route_class", routeClass.label()),
                            new Tag("outcome", decision.allowed() ? "allowed" : "refused"))
                    .inc();
            return decision;
        } catch (RuntimeException gridTrouble) {
            metrics.counter(
                            "mabeam.ratelimit.decisions",
                            new Tag("route_class", routeClass.label()),
                            new Tag("outcome", "unchecked"))
                    .inc();
            LOG.log(Level.FINE, "Rate limit not checked: the data grid failed", gridTrouble);
            return RateDecision.unlimited(routeClass);
        } finally {
            timing.stop();
        }
    }

    /** The size of the route class's buckets now, in requests per minute. */
    public long perMinute(RouteClass routeClass) {
        long perMinute =
                config.getOptionalValue(routeClass.setting(), Long.class).orElse(1000L);
        synchronized (sizes) {
            Long before = sizes.put(routeClass, perMinute);
            if (before != null && before != perMinute) {
                configVersion = Math.max(configVersion + 1, System.currentTimeMillis());
            }
        }
        return perMinute;
    }
}
