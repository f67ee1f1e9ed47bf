package io.mabeam.foundation.coordination.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.cluster.entity.ClusterMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void theOldestMemberOfferingTheRoleLeadsIt() {
        List<ClusterMember> members = List.of(
                member("a", "agent-host"),
                member("b", "study-scheduler", "agent-host"),
                member("c", "study-scheduler"));
        assertThat(LeaderElection.leaderOf("study-scheduler", members, 1))
                .map(ClusterMember::nodeName)
                .hasValue("b");
        assertThat(LeaderElection.leaderOf("agent-host", members, 1))
                .map(ClusterMember::nodeName)
                .hasValue("a");
        assertThat(LeaderElection.leaderOf("unknown", members, 1)).isEmpty();
    }

    @Test
    void aMinorityLeadsNothing() {
        List<ClusterMember> alone = List.of(member("a", "study-scheduler"));
        assertThat(LeaderElection.leaderOf("study-scheduler", alone, 2)).isEmpty();
        assertThat(LeaderElection.leaderOf("study-scheduler", alone, 1)).isPresent();
    }

    @Property(tries = 300)
    void aLeaderKeepsItsRoleUntilItLeavesThenTheNextOldestOfferingItLeads(
            @ForAll("clusters") List<ClusterMember> members, @ForAll @IntRange(min = 0, max = 7) int leaving) {
        Optional<ClusterMember> before = LeaderElection.leaderOf("r", members, 1);
        if (members.isEmpty() || leaving >= members.size()) {
            return;
        }
        List<ClusterMember> after = new ArrayList<>(members);
        ClusterMember gone = after.remove(leaving);
        Optional<ClusterMember> next = LeaderElection.leaderOf("r", after, 1);
        if (before.isPresent() && !before.get().equals(gone)) {
            assertThat(next).isEqualTo(before); // no change of leader when another member leaves
        } else {
            assertThat(next).isEqualTo(after.stream().filter(m -> m.offers("r")).findFirst());
        }
        // whatever the order in which members are asked, they name the same leader: it depends on the list only
        assertThat(LeaderElection.leaderOf("r", List.copyOf(after), 1)).isEqualTo(next);
    }

    @Provide
    Arbitrary<List<ClusterMember>> clusters() {
        return Arbitraries.of(true, false).list().ofMaxSize(8).map(offers -> {
            List<ClusterMember> members = new ArrayList<>();
            for (int i = 0; i < offers.size(); i++) {
                members.add(offers.get(i) ? member("n" + i, "r") : member("n" + i, "other"));
            }
            return members;
        });
    }

    static ClusterMember member(String name, String... roles) {
        return new ClusterMember(name + "-uuid", "127.0.0.1:1", name, false, List.of(roles), Map.of(), null);
    }
}
