package io.mabeam.consensus.control;

import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.Vote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Iterative refinement of a rejected proposal: the next round's terms move towards what the objectors said they
 * would accept. Each term that objectors countered becomes the median of their counter-values (a number) or the
 * value most of them named (anything else; the current value when no one value leads). Terms nobody countered
 * stay. Counters naming terms the proposal does not have are ignored.
 */
public final class Negotiation {

    private Negotiation() {}

    /** The refined terms, or empty when the objectors proposed nothing that changes them. */
    public static Optional<Map<String, Object>> refine(Map<String, Object> terms, Collection<Vote> votes) {
        Map<String, List<Object>> countered = new TreeMap<>();
        votes.stream()
                .filter(v -> v.ballot() == Ballot.NO)
                .sorted(Comparator.comparing(Vote::agent))
                .forEach(v -> v.counter().forEach((term, value) -> {
                    if (terms.containsKey(term) && value != null) {
                        countered.computeIfAbsent(term, t -> new ArrayList<>()).add(value);
                    }
                }));
        Map<String, Object> refined = new LinkedHashMap<>(terms);
        countered.forEach((term, values) -> refined.put(term, settle(terms.get(term), values)));
        return refined.equals(terms) ? Optional.empty() : Optional.of(refined);
    }

    private static Object settle(Object current, List<Object> values) {
        if (current instanceof Number && values.stream().allMatch(v -> v instanceof Number)) {
            double[] sorted = values.stream()
                    .mapToDouble(v -> ((Number) v).doubleValue())
                    .sorted()
                    .toArray();
            int middle = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            boolean whole = (current instanceof Integer || current instanceof Long)
                    && values.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
            return whole ? (Object) Math.round(median) : (Object) median;
        }
        Map<Object, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        List<Object> leaders = counts.entrySet().stream()
                .filter(e -> e.getValue() == most)
                .map(Map.Entry::getKey)
                .toList();
        return leaders.size() == 1 ? leaders.get(0) : current;
    }

    /** Whether two term values are the same, numbers compared by value. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }
}
