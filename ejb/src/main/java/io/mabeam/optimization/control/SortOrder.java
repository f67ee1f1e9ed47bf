package io.mabeam.optimization.control;

/** Orders of values for the Parzen estimator and TPE: a radix sort of their keys, and binary search. */
final class SortOrder {

    private SortOrder() {}

    /**
     * The indices of {@code values} in ascending order of value (-0 and 0 equal), ties by index: a stable
     * least-significant-digit radix sort of the values' upper 32 bits (bytes all values share skipped), then an
     * insertion pass on the whole bits, which only moves values that share their upper 32 bits (rare but for
     * equal values, which it leaves in place).
     */
    static int[] sortedOrder(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = sortKey(values[k]);
        }
        return sortedOrder(keys, n);
    }

    /** A value as a key whose unsigned order is the values' order, -0 and 0 the same. */
    static long sortKey(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0); // -0 + 0 is 0
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** {@link #sortedOrder(double[])} of {@code n} keys (which it reorders). */
    static int[] sortedOrder(long[] keys, int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        if (n >= 48) {
            int[] counts = new int[4 * 256];
            for (int i = 0; i < n; i++) {
                int high = (int) (keys[i] >>> 32);
                counts[high & 0xff]++;
                counts[256 + ((high >>> 8) & 0xff)]++;
                counts[512 + ((high >>> 16) & 0xff)]++;
                counts[768 + (high >>> 24)]++;
            }
            long[] otherKeys = new long[n];
            int[] otherOrder = new int[n];
            for (int d = 0; d < 4; d++) {
                int shift = 32 + 8 * d;
                int base = 256 * d;
                if (counts[base + ((int) (keys[0] >>> shift) & 0xff)] == n) {
                    continue; // every key has this byte
                }
                int sum = 0;
                for (int v = 0; v < 256; v++) {
                    int c = counts[base + v];
                    counts[base + v] = sum;
                    sum += c;
                }
                for (int i = 0; i < n; i++) {
                    int at = counts[base + ((int) (keys[i] >>> shift) & 0xff)]++;
                    otherKeys[at] = keys[i];
                    otherOrder[at] = order[i];
                }
                long[] swapKeys = keys;
                keys = otherKeys;
                otherKeys = swapKeys;
                int[] swapOrder = order;
                order = otherOrder;
                otherOrder = swapOrder;
            }
        }
        for (int i = 1; i < n; i++) {
            long key = keys[i];
            if (Long.compareUnsigned(keys[i - 1], key) <= 0) {
                continue;
            }
            int index = order[i];
            int at = i;
            while (at > 0 && Long.compareUnsigned(keys[at - 1], key) > 0) {
                keys[at] = keys[at - 1];
                order[at] = order[at - 1];
                at--;
            }
            keys[at] = key;
            order[at] = index;
        }
        return order;
    }

    /** The first index in [from, to) of {@code sorted} whose value is not below {@code value}. */
    static int lowerBound(double[] sorted, int from, int to, double value) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
