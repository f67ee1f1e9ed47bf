package io.mabeam.foundation.coordination.control;

import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.internal.RaftService;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * How fast the locks of a dead member are freed. A {@code FencedLock} belongs to a CP session that its member
 * keeps alive with heartbeats; when the member dies, the lock is freed once the session expires — after
 * Hazelcast's default of 300 s, which would stall every lock a crashed node held for five minutes. Payara
 * builds the data grid's configuration itself (a configuration file would replace all of it), so this
 * adjusts the live CP settings of this member before any session is opened: the member that owns a
 * session's records expires it, and every member runs this at startup.
 *
 * <p>The trade-off: a member that stops heartbeating for longer than the time-to-live (a long GC pause, a
 * network cut) loses its locks; its fencing tokens then protect what it writes afterwards.
 */
public final class CpSessions {

    private static final Logger LOG = Logger.getLogger(CpSessions.class.getName());

    private CpSessions() {}

    /**
     * Sets the session time-to-live and heartbeat of this member's CP subsystem and answers the settings in
     * force, or empty when this Hazelcast does not let them be changed (then its defaults hold).
     */
    public static Optional<CPSubsystemConfig> tune(HazelcastInstance hazelcast, Duration ttl, Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero() || ttl.compareTo(heartbeat) <= 0) {
            throw new IllegalStateException("a CP session's time-to-live (" + ttl
                    + ") must be longer than its heartbeat interval (" + heartbeat + "), which must be positive");
        }
        try {
            if (!(hazelcast instanceof HazelcastInstanceProxy proxy)) {
                LOG.warning("Unknown data grid instance " + hazelcast.getClass().getName()
                        + ": CP sessions keep Hazelcast's defaults");
                return Optional.empty();
            }
            HazelcastInstanceImpl instance = proxy.getOriginal();
            RaftService raft = instance.node.getNodeEngine().getService(RaftService.SERVICE_NAME);
            CPSubsystemConfig live = raft.getConfig();
            live.setSessionHeartbeatIntervalSeconds((int) Math.max(1, heartbeat.toSeconds()));
            live.setSessionTimeToLiveSeconds((int) Math.max(2, ttl.toSeconds()));
            LOG.info(() -> "CP sessions: heartbeat every " + live.getSessionHeartbeatIntervalSeconds()
                    + " s, a dead member's locks freed after " + live.getSessionTimeToLiveSeconds() + " s");
            return Optional.of(live);
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("Could not adjust CP sessions (" + e + "): a dead member's locks are freed after "
                    + "Hazelcast's default time-to-live");
            return Optional.empty();
        }
    }
}
