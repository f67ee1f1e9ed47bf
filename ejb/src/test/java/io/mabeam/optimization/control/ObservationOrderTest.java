package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ObservationOrderTest {

    /**
     * A study's observations of one variable as asks go by: trials come (mostly at the end, some in between),
     * go, or change value; values repeat (coarse grid, -0 and 0). Each ask's order, derived from the last one
     * (or from another study's), is the one sorting afresh gives.
     */
    @Property(tries = 300)
    void aDerivedOrderIsTheOneSortingGives(
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll @IntRange(min = 0, max = 300) int start,
            @ForAll @IntRange(min = 1, max = 30) int asks,
            @ForAll @IntRange(min = 0, max = 3) int churn) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<Long, Double> trials = new TreeMap<>();
        long next = 0;
        for (; next < start; next++) {
            trials.put(next, value(random));
        }
        ObservationOrder previous = seed % 3 == 0 ? ObservationOrder.of(null, new long[] {5}, new long[] {7}) : null;
        for (int ask = 0; ask < asks; ask++) {
            int changes = random.nextInt(1 + churn * 4);
            for (int c = 0; c < changes; c++) {
                int what = random.nextInt(4);
                if (what == 0 || trials.isEmpty()) {
                    trials.put(next++, value(random)); // a new trial
                } else {
                    Long number = trials.floorKey((long) random.nextInt((int) next));
                    if (number == null && !trials.isEmpty()) {
                        number = trials.firstKey();
                    }
                    if (what == 1) {
                        trials.remove(number); // gone (failed, or no longer running)
                    } else if (what == 2) {
                        trials.put(number, value(random)); // changed
                    } else {
                        trials.put(next + 1_000_000, value(random)); // far ahead, then in between
                    }
                }
            }
            trials.put(next++, value(random));
            long[] numbers = trials.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values =
                    trials.values().stream().mapToDouble(Double::doubleValue).toArray();
            long[] keys = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                keys[i] = SortOrder.sortKey(values[i]);
            }
            ObservationOrder order = ObservationOrder.of(previous, numbers, keys);
            assertThat(order.order()).containsExactly(SortOrder.sortedOrder(values));
            previous = order;
        }
    }

    private static double value(SplittableRandom random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return random.nextInt(5) / 4.0 * (random.nextBoolean() ? 1 : -1); // repeats, and -0
        }
        return random.nextGaussian();
    }

    @Property(tries = 100)
    void sortedOrderIsTheOrderOfTheValuesTiesByIndex(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = random.nextInt(400);
        double[] values = new double[n];
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values[i] =
                    i % 5 == 0 ? random.nextInt(3) - 1 : random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
            if (values[i] == 0 && random.nextBoolean()) {
                values[i] = -0.0;
            }
            expected.add(i);
        }
        // the order comparisons with < give (-0 equals 0), ties by index
        expected.sort((a, b) -> values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : Integer.compare(a, b));
        assertThat(SortOrder.sortedOrder(values))
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
}
