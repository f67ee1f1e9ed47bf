package io.mabeam.foundation.coordination.control;

import io.mabeam.foundation.cluster.entity.ClusterMember;
import java.util.List;
import java.util.Optional;

/**
 * Who leads a role: the oldest member of the cluster that offers it, as in Akka's cluster singleton. Every
 * member computes the same answer from the member list the data grid agrees on, so no vote is needed; a
 * leader's member leaving hands the role to the next oldest. A member that sees fewer members than the
 * quorum leads nothing, so the minority side of a partition never elects its own leader.
 */
public final class LeaderElection {

    private LeaderElection() {}

    /** The leader of {@code role} among {@code oldestFirst}, or empty when none offers it or no quorum. */
    public static Optional<ClusterMember> leaderOf(String role, List<ClusterMember> oldestFirst, int quorum) {
        if (oldestFirst.size() < quorum) {
            return Optional.empty();
        }
        return oldestFirst.stream().filter(member -> member.offers(role)).findFirst();
    }

    /** The fenced resource whose token is the epoch of the role's current term. */
    public static String termResource(String role) {
        return "leader:" + role;
    }
}
