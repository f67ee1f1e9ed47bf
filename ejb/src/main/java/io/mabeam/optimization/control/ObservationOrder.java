package io.mabeam.optimization.control;

/**
 * One variable's observations over a study's trials (those that have it, by trial number) sorted by value, ties
 * by position: what a one-dimensional Parzen estimator's kernel widths and windows need. Immutable; a sampler
 * keeps the last one per variable and derives the next from it, since from one ask to the next few trials
 * come, go or change. The order is a function of the values and trial numbers alone, so deriving it gives
 * exactly what sorting afresh gives, whatever the previous one was (another study, reloaded trials).
 */
final class ObservationOrder {

    /** Beyond this many changes (and an eighth of the trials) sorting afresh is as cheap. */
    private static final int FEW = 16;

    private final long[] numbers;
    /** Per position, the value as an unsigned-sortable key (see {@link ParzenEstimator#sortKey}). */
    private final long[] keys;
    /** Positions by key, ties by position. */
    private final int[] order;

    private ObservationOrder(long[] numbers, long[] keys, int[] order) {
        this.numbers = numbers;
        this.keys = keys;
        this.order = order;
    }

    /** Positions by key, ties by position (not to be changed). */
    int[] order() {
        return order;
    }

    /**
     * The order of these observations ({@code numbers} strictly increasing, {@code keys} by position),
     * derived from {@code previous} when it differs in few trials, else sorted.
     */
    static ObservationOrder of(ObservationOrder previous, long[] numbers, long[] keys) {
        int n = numbers.length;
        if (previous != null) {
            ObservationOrder derived = derived(previous, numbers, keys);
            if (derived != null) {
                return derived;
            }
        }
        return new ObservationOrder(numbers, keys, SortOrder.sortedOrder(keys.clone(), n));
    }

    private static ObservationOrder derived(ObservationOrder previous, long[] numbers, long[] keys) {
        int n = numbers.length;
        int m = previous.numbers.length;
        int limit = FEW + n / 8;
        int[] moved = new int[m]; // a previous position's new position, or -1 when it is gone or changed
        int[] added = new int[Math.min(n, limit + 1)];
        int additions = 0;
        int removals = 0;
        int i = 0;
        int j = 0;
        while (i < m || j < n) {
            if (j == n || (i < m && previous.numbers[i] < numbers[j])) {
                moved[i++] = -1;
                removals++;
            } else if (i == m || numbers[j] < previous.numbers[i]) {
                if (additions == added.length) {
                    return null;
                }
                added[additions++] = j++;
            } else if (previous.keys[i] == keys[j]) {
                moved[i++] = j++;
            } else { // the same trial with another value
                if (additions == added.length) {
                    return null;
                }
                moved[i++] = -1;
                removals++;
                added[additions++] = j++;
            }
            if (additions + removals > limit) {
                return null;
            }
        }
        if (additions == 0 && removals == 0) {
            return new ObservationOrder(numbers, keys, previous.order);
        }
        // the added positions by key then position (few: insertion)
        for (int a = 1; a < additions; a++) {
            int position = added[a];
            int at = a;
            while (at > 0 && before(keys, position, added[at - 1])) {
                added[at] = added[at - 1];
                at--;
            }
            added[at] = position;
        }
        // the kept ones stay in their order (positions move monotonically): merge the added ones in
        int[] order = new int[n];
        int next = 0;
        int a = 0;
        for (int previousPosition : previous.order) {
            int position = moved[previousPosition];
            if (position < 0) {
                continue;
            }
            while (a < additions && before(keys, added[a], position)) {
                order[next++] = added[a++];
            }
            order[next++] = position;
        }
        while (a < additions) {
            order[next++] = added[a++];
        }
        return new ObservationOrder(numbers, keys, order);
    }

    private static boolean before(long[] keys, int first, int second) {
        int compared = Long.compareUnsigned(keys[first], keys[second]);
        return compared < 0 || (compared == 0 && first < second);
    }
}
