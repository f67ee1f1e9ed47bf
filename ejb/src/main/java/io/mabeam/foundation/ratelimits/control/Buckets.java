package io.mabeam.foundation.ratelimits.control;

import com.hazelcast.map.IMap;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import java.time.Duration;

/**
 * Token buckets in a Hazelcast map, one per client and route class, with Bucket4j. Its compare-and-swap
 * variant keeps only byte arrays in the map, so no member needs Bucket4j on the data grid's own class path
 * (Payara's grid cannot load an application's classes, which Bucket4j's entry processors would need); the
 * price is a read and a conditional write per decision instead of one call.
 */
public class Buckets {

    private final ProxyManager<String> buckets;

    public Buckets(IMap<String, byte[]> map) {
        this.buckets = Bucket4jHazelcast.casBasedBuilder(map).build();
    }

    /**
     * Takes a token from the client's bucket for the route class, sized at {@code perMinute} (capacity and
     * refill per minute). {@code configVersion} grows whenever the size changed; a bucket made under an
     * older size is resized, keeping the share of tokens it had.
     */
    public RateDecision take(String client, RouteClass routeClass, long perMinute, long configVersion) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(configVersion, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(routeClass.label() + ":" + client, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return new RateDecision(
                probe.isConsumed(),
                routeClass,
                perMinute,
                probe.getRemainingTokens(),
                Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
    }
}
