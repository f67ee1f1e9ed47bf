package io.mabeam.optimization.control;

import java.util.SplittableRandom;

/**
 * The Halton sequence: coordinate d is the radical inverse of the index in the d-th prime base. Optionally
 * scrambled by random digit permutations, one permutation of {0, …, b−1} per dimension and digit position
 * drawn from the seed (trailing zero digits are permuted too, which is what breaks the correlation of
 * neighbouring high bases). Any b^k consecutive points from index 0 still fill each of the b^k equal bins of a
 * base-b coordinate once.
 */
final class HaltonSequence {

    private final int[] bases;
    private final int[][][] permutations; // [dimension][digit position][digit]

    HaltonSequence(int dimension, long seed, boolean scrambled) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a sequence has at least one dimension");
        }
        bases = firstPrimes(dimension);
        permutations = new int[dimension][][];
        for (int d = 0; d < dimension; d++) {
            int base = bases[d];
            int digits = (int) Math.ceil(SobolSequence.BITS * Math.log(2) / Math.log(base));
            permutations[d] = new int[digits][];
            for (int position = 0; position < digits; position++) {
                int[] permutation = new int[base];
                for (int digit = 0; digit < base; digit++) {
                    permutation[digit] = digit;
                }
                if (scrambled) {
                    SplittableRandom random =
                            new SplittableRandom(RandomSampler.mix(RandomSampler.mix(seed, d), position));
                    for (int i = base - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int swap = permutation[i];
                        permutation[i] = permutation[j];
                        permutation[j] = swap;
                    }
                }
                permutations[d][position] = permutation;
            }
        }
    }

    static int[] firstPrimes(int count) {
        int[] primes = new int[count];
        int found = 0;
        for (int candidate = 2; found < count; candidate++) {
            boolean prime = true;
            for (int i = 0; i < found && primes[i] * primes[i] <= candidate; i++) {
                if (candidate % primes[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[found++] = candidate;
            }
        }
        return primes;
    }

    /** The point at {@code index} (from 0), each coordinate in [0, 1). */
    double[] point(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("the sequence has no point " + index);
        }
        double[] point = new double[bases.length];
        for (int d = 0; d < bases.length; d++) {
            int base = bases[d];
            long rest = index;
            double scale = 1.0 / base;
            double u = 0;
            for (int[] permutation : permutations[d]) {
                u += permutation[(int) (rest % base)] * scale;
                rest /= base;
                scale /= base;
            }
            point[d] = Math.min(u, Math.nextDown(1.0));
        }
        return point;
    }
}
